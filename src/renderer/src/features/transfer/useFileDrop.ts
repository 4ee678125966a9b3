import { useEffect, useState } from 'react';
import { collectFiles, entriesOf } from './droppedFiles.ts';

const hasFiles = (e: DragEvent): boolean => e.dataTransfer?.types.includes('Files') ?? false;

/**
 * Files or folders dropped anywhere on the window are imported. Only drags that carry files count: a thumbnail
 * dragged out of the grid carries none (its drag is native, started by main), so it never shows the overlay.
 */
export const useFileDrop = (onFiles: (files: File[], ignored: number) => void): boolean => {
  const [over, setOver] = useState(false);

  useEffect(() => {
    // dragenter/dragleave fire for every child crossed: count them, the window is left when the count is back to 0.
    let depth = 0;
    const enter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth += 1;
      setOver(true);
    };
    const overHandler = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      // Without this the drop would navigate the window to the file.
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    };
    const leave = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setOver(false);
    };
    const drop = (e: DragEvent) => {
      if (!hasFiles(e) || !e.dataTransfer) return;
      // A drop target in the page (the iterate form's inputs) took these files already; only the overlay ends here.
      const taken = e.defaultPrevented;
      e.preventDefault();
      depth = 0;
      setOver(false);
      if (taken) return;
      const entries = entriesOf(e.dataTransfer.items);
      const plain = [...e.dataTransfer.files];
      void collectFiles(entries, plain).then(({ files, ignored }) => {
        if (files.length > 0 || ignored > 0) onFiles(files, ignored);
      });
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragover', overHandler);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragover', overHandler);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, [onFiles]);

  return over;
};
