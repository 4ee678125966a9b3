import { type KeyboardEvent, type PointerEvent, memo, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Timeline } from '../../../../shared/ipc/schemas/library.ts';
import { bucketAt, placeBuckets, yearMarks } from './timelineMarks.ts';
import { dateFormat } from '../../lib/format.ts';

interface Props {
  timeline: Timeline;
  /** All results the grid spans (its scrollbar's length). */
  total: number;
  /** The result the handle and the slider's value follow (the grid passes the top row's last tile). */
  current: number;
  /** Brings result `position` into the top row of the grid. */
  onGo: (position: number) => void;
}

/** The month (or year) of bucket `index`, as the bubble and screen readers say it. */
const bucketLabel = (buckets: ReturnType<typeof placeBuckets>, format: Intl.DateTimeFormat, index: number): string =>
  buckets[index] ? format.format(buckets[index].start) : '';

/** Labels closer than this share of the track would overlap (a label is ~16 px on a track of some hundreds). */
const MIN_LABEL_GAP = 0.05;

/**
 * The date scrubber along the grid's right edge, as photo libraries have it: a year label where each year starts,
 * a tick per month, and while dragging, the month under the pointer in a bubble beside it; letting go (or every
 * move) brings that point of the library into view. Positions map linearly, as the scrollbar's do, so both agree.
 * A slider for the keyboard and screen readers: arrows step a month, Page Up/Down a year, Home/End the ends; each
 * step lands on the first image of that month.
 */
export function DateScrubber({ timeline, total, current: at, onGo }: Props) {
  const { t, i18n } = useTranslation();
  const track = useRef<HTMLDivElement>(null);
  const [drag, setDrag] = useState<{ y: number; index: number } | null>(null);
  const buckets = useMemo(() => placeBuckets(timeline), [timeline]);
  const marks = useMemo(() => yearMarks(buckets, total, MIN_LABEL_GAP), [buckets, total]);
  const format = useMemo(
    () => dateFormat(i18n.language, timeline.unit === 'month' ? { month: 'long', year: 'numeric' } : { year: 'numeric' }),
    [i18n.language, timeline.unit],
  );
  const current = drag?.index ?? Math.max(0, bucketAt(buckets, at));
  // The grid renders this at every row a scroll brings in; the month in view changes far less often.
  const currentLabel = useMemo(() => bucketLabel(buckets, format, current), [buckets, format, current]);
  const name = useMemo(() => t('library.scrubber'), [t]);

  const goToBucket = (index: number) => {
    const bucket = buckets[Math.min(buckets.length - 1, Math.max(0, index))];
    if (bucket) onGo(bucket.position);
  };

  const follow = (e: PointerEvent<HTMLDivElement>) => {
    const rect = track.current!.getBoundingClientRect();
    const y = Math.min(rect.height, Math.max(0, e.clientY - rect.top));
    const position = Math.min(total - 1, Math.floor((y / Math.max(1, rect.height)) * total));
    const index = bucketAt(buckets, position);
    setDrag({ y, index });
    // The month under the pointer from its first image: the label in the bubble is what comes into view.
    goToBucket(index);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const yearStep = timeline.unit === 'month' ? 12 : 1;
    const steps: Record<string, number> = { ArrowDown: 1, ArrowRight: 1, ArrowUp: -1, ArrowLeft: -1, PageDown: yearStep, PageUp: -yearStep };
    if (e.key === 'Home') goToBucket(0);
    else if (e.key === 'End') goToBucket(buckets.length - 1);
    else if (steps[e.key] !== undefined) goToBucket(current + steps[e.key]!);
    else return;
    e.preventDefault();
    e.stopPropagation();
  };

  return (
    <div
      ref={track}
      className={`scrubber${drag ? ' scrubber--dragging' : ''}`}
      role="slider"
      tabIndex={0}
      aria-label={name}
      aria-orientation="vertical"
      aria-valuemin={0}
      aria-valuemax={Math.max(0, buckets.length - 1)}
      aria-valuenow={current}
      aria-valuetext={currentLabel}
      data-testid="date-scrubber"
      onKeyDown={onKeyDown}
      onPointerDown={(e) => {
        e.currentTarget.setPointerCapture(e.pointerId);
        follow(e);
      }}
      onPointerMove={(e) => drag && follow(e)}
      onPointerUp={() => setDrag(null)}
      onPointerCancel={() => setDrag(null)}
    >
      <ScrubberMarks buckets={buckets} marks={marks} total={total} />
      <span className="scrubber__handle" style={{ top: `${(Math.min(at, total) / Math.max(1, total)) * 100}%` }} aria-hidden="true" />
      {drag && (
        <span className="scrubber__bubble" style={{ top: drag.y }} data-testid="scrubber-date" role="status">
          {bucketLabel(buckets, format, drag.index)}
        </span>
      )}
    </div>
  );
}

/**
 * The ticks and year labels: a library of many years has hundreds of them, and they change only with the results,
 * not with the scroll that re-renders the handle at every row.
 */
const ScrubberMarks = memo(function ScrubberMarks({ buckets, marks, total }: { buckets: ReturnType<typeof placeBuckets>; marks: ReturnType<typeof yearMarks>; total: number }) {
  return (
    <>
      {buckets.map((b) => (
        <span key={b.start} className="scrubber__tick" style={{ top: `${(b.position / total) * 100}%` }} aria-hidden="true" />
      ))}
      {marks.map((m) => (
        <span key={m.year} className="scrubber__year" style={{ top: `${m.at * 100}%` }} aria-hidden="true">
          {m.year}
        </span>
      ))}
    </>
  );
});
