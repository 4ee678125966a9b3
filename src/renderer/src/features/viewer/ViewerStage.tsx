import { type PointerEvent, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { mediaUrl } from '../../../../shared/app.ts';
import type { ImageSummary } from '../../../../shared/ipc/schemas/images.ts';
import { startDragOut } from '../../lib/dragOut.ts';

/** 'fit' shows the whole image; a number is pixels on screen per image pixel (1 = 100 %). */
export type Zoom = 'fit' | number;
const MIN_SCALE = 0.05;
const MAX_SCALE = 8;
const PADDING = 16;

export const clampScale = (s: number): number => Math.min(MAX_SCALE, Math.max(MIN_SCALE, s));

interface Props {
  image: ImageSummary;
  zoom: Zoom;
  /** A wheel turn: the new scale and the point (in the stage's box) that should stay under the pointer. */
  onZoom: (scale: number) => void;
  onFitScale?: (scale: number) => void;
  label?: string;
}

/**
 * One image, fitted or zoomed. Zoomed, the stage scrolls and a drag pans it; fitted, a drag takes the file out of
 * the window. The wheel zooms around the pointer, the way image viewers do.
 */
export function ViewerStage({ image, zoom, onZoom, onFitScale, label }: Props) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState({ w: 0, h: 0 });
  const anchor = useRef<{ x: number; y: number; imgX: number; imgY: number } | null>(null);
  const img = useRef<HTMLImageElement>(null);
  const pan = useRef<{ x: number; y: number; left: number; top: number } | null>(null);

  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    const measure = () => setSize({ w: el.clientWidth, h: el.clientHeight });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const fitScale = size.w > 0 ? Math.min((size.w - 2 * PADDING) / image.width, (size.h - 2 * PADDING) / image.height, 1) : 1;
  const scale = zoom === 'fit' ? fitScale : zoom;

  useLayoutEffect(() => {
    if (size.w > 0) onFitScale?.(fitScale);
  }, [fitScale, size.w, onFitScale]);

  // Keep the image pixel that was under the pointer (or, for keys and buttons, at the centre) where it was after
  // the scale changed.
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
    el.scrollLeft = after.x + a.imgX * scale - a.x;
    el.scrollTop = after.y + a.imgY * scale - a.y;
  }, [scale, zoom, image.width, image.height]);

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
  }, [scale, onZoom, image.width, image.height]);

  const zoomed = zoom !== 'fit';
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    const el = box.current;
    if (!zoomed || !el || e.button !== 0) return;
    el.setPointerCapture(e.pointerId);
    pan.current = { x: e.clientX, y: e.clientY, left: el.scrollLeft, top: el.scrollTop };
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    const el = box.current;
    const p = pan.current;
    if (!el || !p) return;
    el.scrollLeft = p.left - (e.clientX - p.x);
    el.scrollTop = p.top - (e.clientY - p.y);
  };
  const endPan = () => {
    pan.current = null;
  };

  return (
    <div
      ref={box}
      className={`stage${zoomed ? ' stage--zoomed' : ''}`}
      data-testid="viewer-stage"
      data-scale={scale.toFixed(3)}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={endPan}
      onPointerCancel={endPan}
    >
      {image.fileMissing ? (
        <p className="stage__missing" data-testid="viewer-file-missing">
          {t('viewer.fileMissing')}
        </p>
      ) : (
        <div className="stage__canvas" style={zoomed ? { width: Math.max(size.w, image.width * scale), height: Math.max(size.h, image.height * scale) } : undefined}>
          <img
            ref={img}
            className="stage__image"
            src={mediaUrl('image', image.id)}
            alt={label ?? t('viewer.imageAlt', { prompt: image.prompt })}
            width={Math.round(image.width * scale)}
            height={Math.round(image.height * scale)}
            style={{ width: image.width * scale, height: image.height * scale }}
            title={zoomed ? undefined : t('viewer.dragHint')}
            draggable={!zoomed}
            onDragStart={(e) => (zoomed ? e.preventDefault() : startDragOut(e, [image.id]))}
          />
        </div>
      )}
    </div>
  );
}
