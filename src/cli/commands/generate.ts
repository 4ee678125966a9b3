import { readFile } from 'node:fs/promises';
import { AppError, isAppError } from '../../shared/errors.ts';
import { type GenerateInput, zGenerateInput } from '../../shared/ipc/schemas/generation.ts';
import { CATALOG_MAX_AGE_MS, type CatalogService } from '../../main/core/catalog/catalogService.ts';
import type { GenerateOptions, PromptSource } from '../args.ts';
import type { CliContext } from '../context.ts';
import { EXIT_OK, exitCodeFor } from '../exitCodes.ts';
import { type CliImage, toCliImage } from '../imageRecord.ts';
import { shorten } from '../output.ts';
import { toFailure } from '../failure.ts';

interface PromptLine {
  prompt: string;
  /** 1-based line in --prompts-file; undefined for --prompt. */
  line?: number;
}

/** How many invalid lines a rejection lists before it just counts the rest. */
const LISTED_PROBLEMS = 5;

const readPromptsFile = async (path: string): Promise<PromptLine[]> => {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const reason = (error as { code?: unknown }).code;
    throw new AppError('INVALID_INPUT', `The prompts file "${path}" could not be read${typeof reason === 'string' ? ` (${reason})` : ''}. Nothing was sent.`);
  }
  // One prompt a line; blank lines are spacing, not prompts, and keep their numbers out of the way.
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .map((raw, index) => ({ prompt: raw.trim(), line: index + 1 }))
    .filter((entry) => entry.prompt.length > 0);
  if (lines.length === 0) throw new AppError('INVALID_INPUT', `The prompts file "${path}" holds no prompts (one prompt a line). Nothing was sent.`);
  return lines;
};

/**
 * Every prompt is checked before the first request: a batch either starts whole or not at all, so exit code 2
 * always means that nothing was sent and nothing was charged.
 */
const checkedInputs = (prompts: PromptLine[], options: GenerateOptions): Array<PromptLine & { input: GenerateInput }> => {
  const problems: string[] = [];
  const inputs = prompts.flatMap((entry) => {
    const parsed = zGenerateInput.safeParse({ ...options, prompt: entry.prompt });
    if (parsed.success) return [{ ...entry, input: parsed.data }];
    const message = parsed.error.issues[0]?.message ?? 'invalid';
    problems.push(entry.line === undefined ? message : `line ${entry.line}: ${message}`);
    return [];
  });
  if (problems.length > 0) {
    const more = problems.length > LISTED_PROBLEMS ? ` (and ${problems.length - LISTED_PROBLEMS} more)` : '';
    throw new AppError('INVALID_INPUT', `${problems.slice(0, LISTED_PROBLEMS).join('; ')}${more}. Nothing was sent.`);
  }
  return inputs;
};

const describeImage = (image: CliImage): string => {
  const facts = [`${image.width}x${image.height} ${image.format}`, `model ${shorten(image.model, 60)}`, `id ${image.id}`];
  const flags = image.flags.length > 0 ? `\n  Venice marked this image: ${image.flags.join(', ')}` : '';
  return `Saved ${image.file ?? '(file missing)'} (${facts.join(', ')})${flags}`;
};

/**
 * The default model, the per-model checks and the price come from Venice's model catalogue. The core's own
 * refreshIfStale would log a failure with its stack to stderr; here a failure is dropped on purpose: the cache
 * stays as it was, and if Venice is really unreachable the generation itself says so in one line.
 */
const refreshCatalogIfStale = async (catalog: CatalogService): Promise<void> => {
  const { fetchedAt } = await catalog.list();
  if (fetchedAt !== null && Date.now() - fetchedAt < CATALOG_MAX_AGE_MS) return;
  await catalog.list({ refresh: true }).catch(() => undefined);
};

/**
 * The queue keeps a job that never left the machine waiting for the network and says so; a CLI run ends instead
 * (its leftover jobs are cancelled below), so it must not promise that the image will still be made.
 */
const forCommandLine = (error: unknown): unknown =>
  isAppError(error) && error.code === 'OFFLINE' && (error.details as { waiting?: unknown } | undefined)?.waiting === true
    ? new AppError('OFFLINE', 'Lagoon could not reach Venice — check your internet connection. Nothing was sent or charged.', error.details)
    : error;

/** One prompt after another; a failure is reported and the rest still run. The first failure's class is the exit code. */
export async function generateCommand(
  ctx: CliContext,
  command: { source: PromptSource; options: GenerateOptions },
): Promise<number> {
  const prompts = command.source.kind === 'inline' ? [{ prompt: command.source.prompt }] : await readPromptsFile(command.source.path);
  const batch = checkedInputs(prompts, command.options);
  const services = ctx.services();
  let exitCode = EXIT_OK;
  let saved = 0;
  // The queue's timers (retry waits, rate-limit holds) never keep a process alive on their own; while this
  // command waits for an image, this handle does.
  const keepAlive = setInterval(() => {}, 1 << 30);
  try {
    await refreshCatalogIfStale(services.catalog);
    for (const [index, entry] of batch.entries()) {
      const counter = batch.length > 1 ? ` ${index + 1}/${batch.length}` : '';
      const progress = ctx.out.progress(`Generating${counter}: ${shorten(entry.prompt, 50)}`);
      try {
        const detail = await services.generation.generate(entry.input);
        progress.done();
        const image = toCliImage(services, detail);
        ctx.out.emit(image, () => describeImage(image));
        saved += 1;
      } catch (error) {
        progress.done();
        const failure = toFailure(forCommandLine(error));
        ctx.out.failure(failure, entry.line === undefined ? undefined : { line: entry.line });
        if (exitCode === EXIT_OK) exitCode = exitCodeFor(failure.code);
      }
    }
  } finally {
    clearInterval(keepAlive);
    // Nothing this run reported as failed may be made later, unseen, by the app: its own leftovers are cancelled.
    services.queue.cancelAll();
  }
  if (batch.length > 1) ctx.out.note(`${saved} of ${batch.length} images saved${saved < batch.length ? `, ${batch.length - saved} failed` : ''}.`);
  return exitCode;
}
