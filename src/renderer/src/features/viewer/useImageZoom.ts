import { useCallback, useState } from 'react';
import type { Zoom } from './ViewerStage.tsx';

export interface ImageZoom {
  zoom: Zoom;
  setZoom: (zoom: Zoom) => void;
  /** What "fit" is in pixels now, so +/- can step from it. */
  fitScale: number;
  setFitScale: (scale: number) => void;
}

/** The viewer's zoom, which belongs to one image: the next one opens fitted. */
export const useImageZoom = (id: string): ImageZoom => {
  const [zoomOf, setZoomOf] = useState<{ id: string; zoom: Zoom }>({ id, zoom: 'fit' });
  const zoom = zoomOf.id === id ? zoomOf.zoom : 'fit';
  const setZoom = useCallback((z: Zoom) => setZoomOf({ id, zoom: z }), [id]);
  const [fitScale, setFitScale] = useState(1);
  return { zoom, setZoom, fitScale, setFitScale };
};
