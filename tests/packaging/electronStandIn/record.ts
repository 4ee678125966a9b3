import { appendFileSync } from 'node:fs';

/**
 * The stand-in's journal: one JSON line per Electron call main makes (and per thing the stand-in does in
 * Chromium's place), appended synchronously so the lines survive process.exit. `ready` says whether the app was
 * ready at the time, which is what "before ready" assertions read.
 */
export interface StandInRecord {
  call: string;
  ready: boolean;
  [detail: string]: unknown;
}

const journal = process.env.LAGOON_STANDIN_RECORD;
/** The same records in memory, for tests that load the stand-in in their own process (vi.mock('electron', …)). */
export const memoryJournal: StandInRecord[] = [];
const state = { ready: false };

export const markReady = (): void => {
  state.ready = true;
};
export const isReady = (): boolean => state.ready;

export const record = (call: string, detail: Record<string, unknown> = {}): void => {
  const line: StandInRecord = { call, ready: state.ready, ...detail };
  memoryJournal.push(line);
  if (journal) appendFileSync(journal, `${JSON.stringify(line)}\n`);
};

/** Reads a journal back (the test side). */
export const parseJournal = (text: string): StandInRecord[] =>
  text
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as StandInRecord);
