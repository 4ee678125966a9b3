import { type KeyboardEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { mediaUrl } from '../../../../shared/app.ts';
import type { ImageSummary } from '../../../../shared/ipc/schemas/images.ts';
import { useFittedBox } from './useFittedBox.ts';
import { numberFormat } from '../../lib/format.ts';

interface Props {
  before: ImageSummary;
  after: ImageSummary;
}

/** Keys the slider uses itself: they must not also move the viewer to the previous or next image. */
const SLIDER_KEYS = new Set(['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End', 'PageUp', 'PageDown']);
const keepSliderKeys = (e: KeyboardEvent<HTMLInputElement>) => {
  if (SLIDER_KEYS.has(e.key)) e.stopPropagation();
};

/**
 * Before and after in one frame: "before" left of the divider, "after" right of it. The divider is a native range
 * input laid over the picture (role slider, arrow keys, aria values for free); a click or drag anywhere moves it.
 * Both images are drawn into the same box, so an upscale lines up with its source.
 */
export function BeforeAfter({ before, after }: Props) {
  const { t, i18n } = useTranslation();
  const stage = useRef<HTMLDivElement>(null);
  const box = useFittedBox(stage, after.width / after.height);
  const [position, setPosition] = useState(50);
  const percent = numberFormat(i18n.language, { style: 'percent' }).format(position / 100);
  return (
    <div ref={stage} className="before-after" data-testid="before-after">
      <div className="before-after__frame" style={{ width: box.width, height: box.height }}>
        {/* Each image is clipped to its own side, so a transparent "after" shows the checkerboard, not "before". */}
        <img
          className="before-after__image"
          src={mediaUrl('image', before.id)}
          alt={t('family.beforeAlt', { prompt: before.prompt })}
          draggable={false}
          style={{ clipPath: `inset(0 ${100 - position}% 0 0)` }}
          data-testid="before-after-before"
        />
        <img
          className="before-after__image"
          src={mediaUrl('image', after.id)}
          alt={t('family.afterAlt', { prompt: after.prompt })}
          draggable={false}
          style={{ clipPath: `inset(0 0 0 ${position}%)` }}
          data-testid="before-after-after"
        />
        <span className="before-after__divider" style={{ left: `${position}%` }} aria-hidden="true" />
        <span className="before-after__label before-after__label--before" aria-hidden="true">
          {t('family.before')}
        </span>
        <span className="before-after__label before-after__label--after" aria-hidden="true">
          {t('family.after')}
        </span>
        <input
          type="range"
          className="before-after__slider"
          data-testid="before-after-slider"
          min={0}
          max={100}
          step={1}
          value={position}
          aria-label={t('family.sliderLabel')}
          aria-valuetext={t('family.sliderValue', { percent })}
          onChange={(e) => setPosition(Number(e.target.value))}
          onKeyDown={keepSliderKeys}
        />
      </div>
    </div>
  );
}
