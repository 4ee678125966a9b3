import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { mediaUrl } from '../../../../shared/app.ts';
import type { ImageSummary } from '../../../../shared/ipc/schemas/images.ts';
import { useFittedBox } from './useFittedBox.ts';

interface Props {
  before: ImageSummary;
  after: ImageSummary;
}

/**
 * Where two same-size images differ: black where they agree, brighter the more they differ. The per-pixel difference
 * is the compositor's own `mix-blend-mode: difference` (|after − before| per channel, as the W3C compositing spec
 * defines it) over the two images the viewer has already decoded: nothing is read back into script, no bytes cross
 * to main, the page stays responsive at any size, and the result is exact at 100 % zoom. A sharp route in main would
 * have to decode both files again and ship a third image back through a file or the protocol.
 */
export function DifferenceView({ before, after }: Props) {
  const { t } = useTranslation();
  const stage = useRef<HTMLDivElement>(null);
  const box = useFittedBox(stage, after.width / after.height);
  return (
    <div ref={stage} className="before-after" data-testid="difference-view">
      <div className="difference__frame" style={{ width: box.width, height: box.height }} role="img" aria-label={t('family.differenceAlt')} data-testid="difference-frame">
        <img className="before-after__image" src={mediaUrl('image', before.id)} alt="" draggable={false} />
        <img className="before-after__image difference__after" src={mediaUrl('image', after.id)} alt="" draggable={false} />
      </div>
      <p className="difference__legend muted">{t('family.differenceLegend')}</p>
    </div>
  );
}
