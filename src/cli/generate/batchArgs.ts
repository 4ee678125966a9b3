import type { ParseArgsOptionsConfig } from 'node:util';
import { invalid, oneOf } from '../argParsing.ts';

/** How a batch behaves when prompts fail, and what it skips and writes down: the flags beside the request's own. */
export interface BatchFlags {
  /** Stop sending after this many failed prompts (--fail-fast is 1). */
  maxFailures: number;
  /** Skip a prompt already made in this library with exactly the same request. */
  skipDone: boolean;
  /** Write the prompts that produced no image to this file, one a line (a prompts file to run again). */
  failedTo: string | null;
  /** undefined: live on a terminal, plain lines elsewhere (see progress.ts). */
  progress: 'plain' | 'none' | undefined;
  /** No progress and no closing count; failures and a stopped batch's summary are still printed. */
  quiet: boolean;
}

/**
 * Three failed prompts in a row almost always mean the rest will fail too (and Venice counts rejected requests
 * against a key); a flaky prompt or two still lets the batch through.
 */
const DEFAULT_MAX_FAILURES = 3;

export const BATCH_FLAGS = {
  'max-failures': { type: 'string' },
  'fail-fast': { type: 'boolean' },
  'skip-done': { type: 'boolean' },
  'failed-to': { type: 'string' },
  progress: { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
} as const satisfies ParseArgsOptionsConfig;

type BatchValues = { 'max-failures'?: string; 'fail-fast'?: boolean; 'skip-done'?: boolean; 'failed-to'?: string; progress?: string; quiet?: boolean };

export const parseBatchFlags = (values: BatchValues): BatchFlags => {
  const raw = values['max-failures'];
  if (raw !== undefined && values['fail-fast']) throw invalid('Use either --fail-fast or --max-failures N, not both. Nothing was sent.');
  let maxFailures = values['fail-fast'] ? 1 : DEFAULT_MAX_FAILURES;
  if (raw !== undefined) {
    maxFailures = Number(raw.trim());
    if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(maxFailures) || maxFailures < 1) {
      throw invalid(`--max-failures must be a whole number of 1 or more; got "${raw.slice(0, 20)}". Nothing was sent.`);
    }
  }
  const failedTo = values['failed-to'];
  if (failedTo !== undefined && failedTo.trim() === '') throw invalid('--failed-to needs a file name. Nothing was sent.');
  const quiet = values.quiet === true;
  const progress = quiet ? 'none' : values.progress === undefined ? undefined : oneOf('progress', values.progress, ['plain', 'none'] as const, 'plain');
  return { maxFailures, skipDone: values['skip-done'] === true, failedTo: failedTo ?? null, progress, quiet };
};
