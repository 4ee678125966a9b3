import type { EventBus } from '../main/core/events/eventBus.ts';
import type { ProgressMode } from './generate/progress.ts';

/** Plain lines (logs, pipes) come at most this often, so a long import writes a readable trail, not a flood. */
const PLAIN_EVERY_MS = 2000;

const timeLeft = (ms: number): string => {
  const seconds = Math.max(1, Math.round(ms / 1000));
  if (seconds < 90) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  return minutes < 90 ? `${minutes} min` : `${(minutes / 60).toFixed(1)} h`;
};

interface Progress {
  done: number;
  total: number;
  perSecond: number | null;
  remainingMs: number | null;
}

const importProgressLine = ({ done, total, perSecond, remainingMs }: Progress): string => {
  const rate = perSecond === null || remainingMs === null ? '' : `, ${perSecond.toFixed(1)} images/s, about ${timeLeft(remainingMs)} left`;
  return `Importing: ${done} of ${total}${rate}`;
};

/**
 * What `lagoon import` says while it runs, on stderr only, from the core's transfer.progress events: a live line
 * redrawn in place on a terminal, a plain line every few seconds elsewhere, nothing for --quiet / --progress none.
 */
export const showImportProgress = (mode: ProgressMode, events: EventBus, stderr: NodeJS.WritableStream): { stop(): void } => {
  if (mode === 'none') return { stop: () => {} };
  let liveShown = false;
  let lastPlain = Number.NEGATIVE_INFINITY;
  const unsubscribe = events.subscribe((name, payload) => {
    if (name !== 'transfer.progress') return;
    const progress = payload as Progress & { operation: string };
    if (progress.operation !== 'import' || progress.total === 0) return;
    if (mode === 'live') {
      stderr.write(`\r\u001b[K${importProgressLine(progress)}`);
      liveShown = true;
      return;
    }
    const now = Date.now();
    if (progress.done !== progress.total && now - lastPlain < PLAIN_EVERY_MS) return;
    lastPlain = now;
    stderr.write(`${importProgressLine(progress)}\n`);
  });
  return {
    stop() {
      unsubscribe();
      if (liveShown) stderr.write('\r\u001b[K');
    },
  };
};
