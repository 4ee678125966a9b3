import { useLayoutEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { mediaUrl } from '../../../../shared/app.ts';
import type { ImageSummary } from '../../../../shared/ipc/schemas/images.ts';
import { startDragOut } from '../../lib/dragOut.ts';
import { clientSize, useElementMeasure } from '../../hooks/useElementMeasure.ts';
import { useStagePan, useStageZoom } from './useStageGestures.ts';

/** 'fit' shows the whole image; a number is pixels on screen per image pixel (1 = 100 %). */
export type Zoom = 'fit' | number;
const PADDING = 16;
const NO_SIZE = { w: 0, h: 0 };

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
  const img = useRef<HTMLImageElement>(null);
  const size = useElementMeasure(box, clientSize, NO_SIZE);
  const fitScale = size.w > 0 ? Math.min((size.w - 2 * PADDING) / image.width, (size.h - 2 * PADDING) / image.height, 1) : 1;
  const scale = zoom === 'fit' ? fitScale : zoom;

  useLayoutEffect(() => {
    if (size.w > 0) onFitScale?.(fitScale);
  }, [fitScale, size.w, onFitScale]);

  useStageZoom({ box, img, image, zoom, scale, onZoom });
  const zoomed = zoom !== 'fit';
  const pan = useStagePan(zoomed);

  return (
    <div
      ref={box}
      className={`stage${zoomed ? ' stage--zoomed' : ''}`}
      data-testid="viewer-stage"
      data-scale={scale.toFixed(3)}
      {...pan}
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
