import { type PointerEvent, type RefObject, useEffect, useLayoutEffect, useRef } from 'react';
import type { ImageSummary } from '../../../../shared/ipc/schemas/images.ts';
import type { Zoom } from './ViewerStage.tsx';

const MIN_SCALE = 0.05;
const MAX_SCALE = 8;

export const clampScale = (s: number): number => Math.min(MAX_SCALE, Math.max(MIN_SCALE, s));

/** A point in the stage's box, and the image pixel that should stay under it. */
interface Anchor {
  x: number;
  y: number;
  imgX: number;
  imgY: number;
}

interface StageZoom {
  box: RefObject<HTMLDivElement | null>;
  img: RefObject<HTMLImageElement | null>;
  image: Pick<ImageSummary, 'width' | 'height'>;
  zoom: Zoom;
  /** Pixels on screen per image pixel now. */
  scale: number;
  onZoom: (scale: number) => void;
}

/**
 * The wheel zooms around the pointer, the way image viewers do; a zoom by keys or buttons keeps the pixel at the
 * centre where it was.
 */
export const useStageZoom = ({ box, img, image, zoom, scale, onZoom }: StageZoom): void => {
  const anchor = useRef<Anchor | null>(null);
  const lastScale = useRef(scale);
  useLayoutEffect(() => {
    const el = box.current;
    const from = lastScale.current;
    lastScale.current = scale;
    if (!el || zoom === 'fit' || from === scale) return;
    const offset = (s: number) => ({ x: Math.max(0, (el.clientWidth - image.width * s) / 2), y: Math.max(0, (el.clientHeight - image.height * s) / 2) });
    const before = offset(from);
    const a = anchor.current ?? {
      x: el.clientWidth / 2,
      y: el.clientHeight / 2,
      imgX: (el.scrollLeft + el.clientWidth / 2 - before.x) / from,
      imgY: (el.scrollTop + el.clientHeight / 2 - before.y) / from,
    };
    anchor.current = null;
    const after = offset(scale);
    el.scrollTo(after.x + a.imgX * scale - a.x, after.y + a.imgY * scale - a.y);
  }, [box, scale, zoom, image.width, image.height]);

  // A native, non-passive listener: React's wheel listener is passive, and the stage must not also scroll.
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const listener = (e: WheelEvent) => {
      e.preventDefault();
      const rect = el.getBoundingClientRect();
      const pic = img.current?.getBoundingClientRect();
      anchor.current = {
        x: e.clientX - rect.left,
        y: e.clientY - rect.top,
        imgX: pic ? (e.clientX - pic.left) / scale : image.width / 2,
        imgY: pic ? (e.clientY - pic.top) / scale : image.height / 2,
      };
      onZoom(clampScale(scale * Math.exp(-e.deltaY * 0.0015)));
    };
    el.addEventListener('wheel', listener, { passive: false });
    return () => el.removeEventListener('wheel', listener);
  }, [box, img, scale, onZoom, image.width, image.height]);
};

type PanHandlers = Record<'onPointerDown' | 'onPointerMove' | 'onPointerUp' | 'onPointerCancel', (e: PointerEvent<HTMLDivElement>) => void>;

/** Zoomed, a drag with the main button pans the stage (fitted, a drag takes the file out instead). */
export const useStagePan = (zoomed: boolean): PanHandlers => {
  const pan = useRef<{ x: number; y: number; left: number; top: number } | null>(null);
  const endPan = () => {
    pan.current = null;
  };
  return {
    onPointerDown: (e) => {
      const el = e.currentTarget;
      if (!zoomed || e.button !== 0) return;
      el.setPointerCapture(e.pointerId);
      pan.current = { x: e.clientX, y: e.clientY, left: el.scrollLeft, top: el.scrollTop };
    },
    onPointerMove: (e) => {
      const p = pan.current;
      if (p) e.currentTarget.scrollTo(p.left - (e.clientX - p.x), p.top - (e.clientY - p.y));
    },
    onPointerUp: endPan,
    onPointerCancel: endPan,
  };
};
