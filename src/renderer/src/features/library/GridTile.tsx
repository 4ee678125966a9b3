import { type CSSProperties, type DragEvent, type MouseEvent, type RefObject, memo, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { mediaUrl } from '../../../../shared/app.ts';
import type { ImageSummary } from '../../../../shared/ipc/schemas/images.ts';
import { type Range, snippet } from '../../ui/highlight.ts';
import { BlurredBadge } from '../../ui/BlurredBadge.tsx';
import { HighlightedText } from '../../ui/HighlightedText.tsx';
import { Stars } from '../../ui/Stars.tsx';
import { decodedPlaceholderUrl, placeholderColour, whenPlaceholderDecoded } from './placeholderUrl.ts';
import { StackBadge } from './StackBadge.tsx';
import { isWarm, onWarm } from './thumbWarmth.ts';
import { dateFormat } from '../../lib/format.ts';
import type { TileLabels } from './tileLabels.ts';

export type CaptionMode = 'none' | 'prompt' | 'trashed';

interface Props {
  item: ImageSummary;
  index: number;
  selected: boolean;
  cursor: boolean;
  /**
   * The grid is being flung: a tile that appeared during the fling shows its thumbnail only once it is prefetched and
   * decoded (at once, or when it gets there); others wait for the fling to end rather than decode on the way past.
   */
  flinging: boolean;
  caption: CaptionMode;
  ranges: readonly Range[] | undefined;
  /** Days a trashed image is kept, and when that was read, for the "deleted for good in …" line. */
  retentionDays: number | null;
  now: number;
  onClick: (e: MouseEvent, id: string, index: number) => void;
  onOpen: (id: string) => void;
  onDragStart: (e: DragEvent, id: string) => void;
  labels: TileLabels;
}

const DAY = 86_400_000;

/** One thumbnail. Memoised: while scrolling, only tiles entering the window render, not the whole visible set. */
export const GridTile = memo(function GridTile({ item, index, selected, cursor, flinging, caption, ranges, retentionDays, now, onClick, onOpen, onDragStart, labels }: Props) {
  const [bornInFling] = useState(flinging);
  const [warm, setWarm] = useState(() => isWarm(item.id));
  useEffect(() => (warm || !bornInFling ? undefined : onWarm(item.id, () => setWarm(true))), [item.id, warm, bornInFling]);
  const showImage = !bornInFling || !flinging || warm;
  // The name carries the badge's own word, so what a screen reader says matches what the tile shows (label in name).
  const label = labels.open(item.prompt, item.blurred);
  const frame = useRef<HTMLDivElement>(null);
  const { style: placeholder, thumbnailShown } = usePlaceholder(frame, item.fileMissing ? null : (item.placeholder ?? null), !warm);
  return (
    <div
      id={`tile-${item.id}`}
      role="option"
      aria-selected={selected}
      aria-label={label}
      className={`tile${selected ? ' tile--selected' : ''}${cursor ? ' tile--cursor' : ''}`}
      data-testid="grid-item"
      data-image-id={item.id}
      data-selected={selected}
      title={labels.hint}
      draggable
      onDragStart={(e) => onDragStart(e, item.id)}
      onClick={(e) => onClick(e, item.id, index)}
      onDoubleClick={() => onOpen(item.id)}
    >
      <div className="tile__frame" ref={frame} data-placeholder={placeholder ? 'yes' : 'no'} style={placeholder}>
        {item.fileMissing ? (
          <div className="tile__missing" data-testid="file-missing">
            {labels.fileMissing}
          </div>
        ) : showImage ? (
          <img className="tile__thumb" src={mediaUrl('thumb', item.id)} alt="" decoding="async" draggable={false} onLoad={thumbnailShown} />
        ) : null}
        {item.blurred && <BlurredBadge variant="overlay" />}
        <StackBadge id={item.id} />
        {(item.favorite || item.rating > 0) && (
          <span className="tile__marks">
            {item.favorite && (
              <svg className="tile__heart" viewBox="0 0 24 24" aria-label={labels.favorite} role="img">
                <path d="M12 20s-7-4.4-7-10a4 4 0 0 1 7-2.6A4 4 0 0 1 19 10c0 5.6-7 10-7 10z" />
              </svg>
            )}
            {item.rating > 0 && <Stars rating={item.rating} label={labels.rating[item.rating] ?? ''} />}
          </span>
        )}
        {/* Only a selected tile shows it: three nodes fewer for each tile a scroll brings in. */}
        {selected && (
          <span className="tile__check" aria-hidden="true">
            <svg viewBox="0 0 24 24">
              <path d="M6 12.5l4 4 8-9" />
            </svg>
          </span>
        )}
      </div>
      {caption === 'prompt' && <PromptCaption prompt={item.prompt} ranges={ranges} />}
      {caption === 'trashed' && item.trashedAt !== null && <TrashedCaption trashedAt={item.trashedAt} retentionDays={retentionDays} now={now} />}
    </div>
  );
});

/**
 * The tile's placeholder, under the thumbnail, which covers it once decoded (and during a fling): its average colour
 * the moment the row is known, its blurred picture laid over it once decoded in an idle moment (placeholderUrl.ts),
 * unless the thumbnail was ready when the tile appeared (`wanted` false) or shows first (`thumbnailShown`): in a
 * steady scroll most are, and their pictures would be decoded for nothing. The picture goes straight onto the frame's
 * style: the tile need not render again for it.
 */
function usePlaceholder(frame: RefObject<HTMLDivElement | null>, placeholder: string | null, wanted: boolean) {
  const colour = placeholderColour(placeholder);
  const picture = decodedPlaceholderUrl(placeholder);
  const stopWaiting = useRef<(() => void) | null>(null);
  useEffect(() => {
    if (!placeholder || !colour || picture || !wanted) return undefined;
    const stop = whenPlaceholderDecoded(placeholder, (url) => {
      if (frame.current) frame.current.style.backgroundImage = `url(${url})`;
    });
    stopWaiting.current = stop;
    return stop;
  }, [frame, placeholder, colour, picture, wanted]);
  const thumbnailShown = useCallback(() => stopWaiting.current?.(), []);
  const style: CSSProperties | undefined = colour ? { backgroundColor: colour, backgroundImage: picture ? `url(${picture})` : undefined } : undefined;
  return { style, thumbnailShown };
}

function PromptCaption({ prompt, ranges }: { prompt: string; ranges: readonly Range[] | undefined }) {
  const cut = snippet(prompt, ranges);
  return (
    <p className="tile__caption prompt-text" dir="auto" data-testid="grid-item-prompt">
      <HighlightedText text={cut.text} ranges={cut.ranges} />
    </p>
  );
}

/** When a trashed image was trashed, and when it goes for good. */
function TrashedCaption({ trashedAt, retentionDays, now }: { trashedAt: number; retentionDays: number | null; now: number }) {
  const { t, i18n } = useTranslation();
  return (
    <p className="tile__caption muted" data-testid="trashed-at">
      {t('trash.trashedOn', { date: dateFormat(i18n.language, { dateStyle: 'medium' }).format(new Date(trashedAt)) })}
      {retentionDays !== null && (
        <>
          <br />
          <PurgeIn days={Math.ceil((trashedAt + retentionDays * DAY - now) / DAY)} />
        </>
      )}
    </p>
  );
}

function PurgeIn({ days }: { days: number }) {
  const { t } = useTranslation();
  return <>{days > 0 ? t('trash.purgeIn', { count: days }) : t('trash.purgeSoon')}</>;
}

/** Same size as a tile, for results counted but not loaded yet: the scrollbar already spans the whole library. */
export function PlaceholderTile() {
  return (
    <div className="tile tile--placeholder" aria-hidden="true">
      <div className="tile__frame" />
    </div>
  );
}
