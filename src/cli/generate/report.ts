import { writeFile } from 'node:fs/promises';
import { AppError } from '../../shared/errors.ts';
import type { ImageDetail } from '../../shared/ipc/schemas/images.ts';
import type { Services } from '../../main/core/services.ts';
import type { CliContext } from '../context.ts';
import { type CliFailure, toFailure } from '../failure.ts';
import { type CliImage, toCliImage } from '../imageRecord.ts';
import { type FailureContext, printable, shorten } from '../output.ts';
import type { BatchOutcome, LineState } from './batch.ts';
import type { RunResult } from './jobResult.ts';
import type { PlannedJob } from './plan.ts';
import { stoppedSummary } from './summary.ts';

/** A stored image as `generate` prints it: the library's fields plus its input line, batch (the job id) and seed. */
interface GeneratedImage extends CliImage {
  /** The prompts-file line it was made from; null for --prompt. */
  line: number | null;
  batch: string | null;
  /** The seed sent (native route; only the first variant follows it, as on Venice); null on the OpenAI route. */
  seed: number | null;
}

const contextOf = (entry: PlannedJob): FailureContext => (entry.line === undefined ? { prompt: entry.prompt } : { line: entry.line, prompt: entry.prompt });

const toGenerated = (services: Services, entry: PlannedJob, detail: ImageDetail): GeneratedImage => ({
  ...toCliImage(services, detail),
  line: entry.line ?? null,
  batch: detail.jobId,
  seed: typeof detail.request.seed === 'number' ? detail.request.seed : null,
});

const describeImage = (image: GeneratedImage): string => {
  const facts = [`${image.width}x${image.height} ${image.format}`, `model ${shorten(image.model, 60)}`];
  if (image.seed !== null) facts.push(`seed ${image.seed}`);
  facts.push(`id ${image.id}`);
  const flags = image.flags.length > 0 ? `\n  Venice marked this image: ${image.flags.join(', ')}` : '';
  return `Saved ${printable(image.file ?? '(file missing)')} (${facts.join(', ')})${flags}`;
};

/** One finished prompt: its images (stdout) and, if it fell short, why (stderr, or a JSON line). Returns the failure. */
export const reportSettled = (ctx: CliContext, services: Services, entry: PlannedJob, result: RunResult): CliFailure | null => {
  for (const detail of result.images) {
    const image = toGenerated(services, entry, detail);
    ctx.out.emit(image, () => describeImage(image));
  }
  if (!result.error) return null;
  const failure = toFailure(result.error);
  ctx.out.failure(failure, contextOf(entry));
  return failure;
};

/** --skip-done: the line's exact request was already made in this library. */
export const reportSkipped = (ctx: CliContext, entry: PlannedJob): void => {
  const where = entry.line === undefined ? 'the prompt' : `line ${entry.line}`;
  ctx.out.emit({ skipped: 'already made', ...contextOf(entry) }, () => `Skipped ${where}: already made with these settings (--skip-done).`);
};

const NOT_SENT: CliFailure = { code: 'CANCELLED', message: 'Not sent: the batch was stopped before this prompt.', mayHaveBeenCharged: false, retryable: true };

/** In JSON mode every input line gets its record: the lines a stop cut short get theirs here. */
export const reportCutShort = (ctx: CliContext, jobs: readonly PlannedJob[], outcome: BatchOutcome): void => {
  jobs.forEach((entry, i) => {
    const state = outcome.states[i]!;
    if (state.kind === 'not_sent') ctx.out.failure(NOT_SENT, contextOf(entry));
    if (state.kind === 'in_flight') {
      const error = state.result.error ?? new AppError('CANCELLED', 'Stopped while it was being generated.');
      ctx.out.failure({ ...toFailure(error), mayHaveBeenCharged: state.charged }, contextOf(entry));
    }
  });
};

const whyStopped = (outcome: BatchOutcome, maxFailures: number): string | null => {
  const stop = outcome.stoppedBy;
  if (stop === null) return null;
  if (stop.kind === 'user') return 'stopped';
  if (stop.kind === 'limit') {
    return `stopped the batch after ${stop.failures} failed prompt${stop.failures === 1 ? '' : 's'} (--max-failures ${maxFailures}; --max-failures N allows more)`;
  }
  const what = stop.code === 'INSUFFICIENT_BALANCE' ? 'the balance' : 'the API key';
  return `stopped the batch: every other prompt would fail on ${what} too [${stop.code}]`;
};

const imagesSaved = (s: LineState): number => (s.kind === 'settled' && !s.result.error ? s.result.images.length : 0);

/** The closing line on stderr: what was saved, what may have been charged, what was never sent. */
export const reportEnd = (ctx: CliContext, jobs: readonly PlannedJob[], outcome: BatchOutcome, flags: { maxFailures: number; quiet: boolean }): void => {
  const why = whyStopped(outcome, flags.maxFailures);
  if (why !== null) {
    ctx.out.note(`lagoon: ${why}: ${stoppedSummary(jobs, outcome)}.`);
    return;
  }
  const wanted = jobs.reduce((sum, job) => sum + (job.request.endpoint === 'native' ? job.request.variants : 1), 0);
  const saved = outcome.states.reduce((sum, s) => sum + imagesSaved(s), 0);
  if (wanted > 1 && !flags.quiet) ctx.out.note(`${saved} of ${wanted} images saved${saved < wanted ? `, ${wanted - saved} failed` : ''}.`);
};

/** --failed-to: every prompt that produced no image, one a line, ready to be the next --prompts-file. */
export const writeFailedPrompts = async (path: string, jobs: readonly PlannedJob[], outcome: BatchOutcome): Promise<number> => {
  const failed = jobs.filter((_, i) => {
    const state = outcome.states[i]!;
    return state.kind !== 'settled' || state.result.error !== null;
  });
  try {
    await writeFile(path, failed.map((entry) => `${entry.prompt}\n`).join(''), 'utf8');
  } catch (error) {
    const reason = (error as { code?: unknown }).code;
    throw new AppError('STORAGE_FAILED', `--failed-to: "${path}" could not be written${typeof reason === 'string' ? ` (${reason})` : ''}.`);
  }
  return failed.length;
};
