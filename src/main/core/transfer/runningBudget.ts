import { performance } from 'node:perf_hooks';

/** How often the budget notes that the event loop is running; a longer gap is time the process did not run. */
const BEAT_MS = 100;

export interface RunningBudget {
  clear(): void;
}

/**
 * Calls `onOver` once `budgetMs` of running time have passed. Time in which the process did not run (stopped with
 * Ctrl-Z until `fg`, paused in a debugger, the machine swapping) or its event loop was blocked says nothing about
 * the work being timed (a worker frozen with the process did no work; a reply that arrived while the loop was
 * blocked waits behind the timer), so that time is given back before the verdict. The gaps are measured with a
 * heartbeat: a beat that comes late by more than one beat counts the rest as time lost.
 */
export function runningBudget(budgetMs: number, onOver: () => void): RunningBudget {
  let lastBeat = performance.now();
  let lost = 0;
  const noteGap = (): void => {
    const now = performance.now();
    const gap = now - lastBeat;
    if (gap > 2 * BEAT_MS) lost += gap - BEAT_MS;
    lastBeat = now;
  };
  const beat = setInterval(noteGap, BEAT_MS);
  beat.unref();
  let timer: NodeJS.Timeout;
  const check = (): void => {
    noteGap();
    if (lost < BEAT_MS) {
      clearInterval(beat);
      onOver();
      return;
    }
    // The time lost is given again (and a reply that waited behind this timer is read meanwhile).
    const owed = lost;
    lost = 0;
    timer = setTimeout(check, owed);
  };
  timer = setTimeout(check, budgetMs);
  return {
    clear() {
      clearTimeout(timer);
      clearInterval(beat);
    },
  };
}
