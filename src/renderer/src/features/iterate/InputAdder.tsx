import { type DragEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { acceptImageDrops, droppedImageIds, IMAGE_IDS_MIME } from '../../lib/imageDrag.ts';
import { ImageFilePicker } from '../../ui/ImageFilePicker.tsx';

interface Props {
  onImages: (ids: string[]) => void;
  onFiles: (files: File[]) => void;
  busy: boolean;
}

const carriesInputs = (e: DragEvent): boolean => e.dataTransfer.types.includes(IMAGE_IDS_MIME) || e.dataTransfer.types.includes('Files');

/**
 * Where inputs come in: a tile dragged from the grid, files dropped or picked. (Pasting is the panel's, so it works
 * wherever the focus is inside it.) Files go through the library first; the page never names a path.
 */
export function InputAdder({ onImages, onFiles, busy }: Props) {
  const { t } = useTranslation();
  const [over, setOver] = useState(false);
  // While this is on screen, a grid tile's drag comes here instead of leaving the app.
  useEffect(() => acceptImageDrops(), []);

  const onDragOver = (e: DragEvent) => {
    if (!carriesInputs(e)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
    setOver(true);
  };
  const onDrop = (e: DragEvent) => {
    setOver(false);
    if (!carriesInputs(e)) return;
    // Marked as taken, so the window's own drop handler does not import the files a second time.
    e.preventDefault();
    const ids = droppedImageIds(e.dataTransfer);
    if (ids.length > 0) onImages(ids);
    else if (e.dataTransfer.files.length > 0) onFiles([...e.dataTransfer.files]);
  };

  return (
    <div
      className={`iterate-drop${over ? ' iterate-drop--over' : ''}`}
      data-testid="iterate-drop"
      onDragOver={onDragOver}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <p className="muted">{busy ? t('iterate.form.adding') : t('iterate.form.dropHint')}</p>
      <ImageFilePicker label={t('iterate.form.addFiles')} testId="iterate-add-files" inputTestId="iterate-file-input" disabled={busy} onFiles={onFiles} />
    </div>
  );
}
