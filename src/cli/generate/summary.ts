import type { BatchOutcome } from './batch.ts';
import type { PlannedJob } from './plan.ts';

/**
 * The one line a stopped batch ends with, e.g. "3 saved; line 4 in flight (may have been charged); lines 5–10 not
 * sent", so the user knows what was paid for and what to run again.
 */

/** 1-based line numbers as "line 4", "lines 5–10" or "lines 2, 5–7, 9". */
const lineRanges = (lines: readonly number[]): string => {
  const sorted = [...new Set(lines)].toSorted((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    parts.push(i === j ? `${sorted[i]}` : `${sorted[i]}–${sorted[j]}`);
    i = j + 1;
  }
  return `${sorted.length === 1 ? 'line' : 'lines'} ${parts.join(', ')}`;
};

/** Lines of a prompts file are named by number; a single --prompt is "the prompt". */
const which = (entries: readonly PlannedJob[]): string => {
  const numbers = entries.flatMap((e) => (e.line === undefined ? [] : [e.line]));
  return numbers.length === entries.length ? lineRanges(numbers) : entries.length === 1 ? 'the prompt' : `${entries.length} prompts`;
};

export const stoppedSummary = (jobs: readonly PlannedJob[], outcome: BatchOutcome): string => {
  const saved = outcome.states.filter((s) => s.kind === 'settled' && s.result.images.length > 0 && !s.result.error).length;
  const pick = (test: (state: BatchOutcome['states'][number]) => boolean): PlannedJob[] => jobs.filter((_, i) => test(outcome.states[i]!));
  const failed = pick((s) => s.kind === 'settled' && s.result.error !== null);
  const charged = pick((s) => s.kind === 'in_flight' && s.charged);
  const stoppedUnsent = pick((s) => s.kind === 'in_flight' && !s.charged);
  const notSent = pick((s) => s.kind === 'not_sent');
  const parts = [`${saved} saved`];
  if (failed.length > 0) parts.push(`${which(failed)} failed`);
  if (charged.length > 0) parts.push(`${which(charged)} in flight (may have been charged)`);
  if (stoppedUnsent.length > 0) parts.push(`${which(stoppedUnsent)} stopped before sending (not charged)`);
  if (notSent.length > 0) parts.push(`${which(notSent)} not sent`);
  return parts.join('; ');
};
