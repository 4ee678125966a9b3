import { AppError } from '../../shared/errors.ts';
import { hashStyleReferences } from '../../main/core/generation/styleReferences.ts';
import type { Services } from '../../main/core/services.ts';
import { loadCatalog } from '../catalogView.ts';
import type { CliContext } from '../context.ts';
import { EXIT_OK, exitCodeFor } from '../exitCodes.ts';
import type { GenerateOptions, PromptSource } from '../generateArgs.ts';
import { runBatch } from '../generate/batch.ts';
import type { BatchFlags } from '../generate/batchArgs.ts';
import { planJobs, type Plan } from '../generate/plan.ts';
import { type PromptLine, promptProblem, readPrompts } from '../generate/prompts.ts';
import { createBatchProgress, progressMode } from '../generate/progress.ts';
import { reportCutShort, reportEnd, reportSettled, reportSkipped, writeFailedPrompts } from '../generate/report.ts';
import { alreadyMade } from '../generate/skipDone.ts';
import { toFailure } from '../failure.ts';
import { printable } from '../output.ts';

/** How many invalid lines a rejection lists before it just counts the rest. */
const LISTED_PROBLEMS = 5;

const refuse = (problems: readonly string[]): AppError => {
  const more = problems.length > LISTED_PROBLEMS ? ` (and ${problems.length - LISTED_PROBLEMS} more)` : '';
  return new AppError('INVALID_INPUT', `${problems.slice(0, LISTED_PROBLEMS).join('; ')}${more}. Nothing was sent.`);
};

/** The checks that need no model: made before the library is even opened. */
const checkPrompts = (prompts: readonly PromptLine[], options: GenerateOptions): void => {
  const problems = prompts.flatMap((entry) => {
    const problem = promptProblem(entry.prompt, options.route);
    return problem === null ? [] : [entry.line === undefined ? problem : `line ${entry.line}: ${problem}`];
  });
  if (problems.length > 0) throw refuse(problems);
};

/**
 * The per-model checks need Venice's catalogue: the DB's copy, refreshed when missing or stale. A refusal that rests
 * on facts that change (a model Lagoon has not heard of, one marked offline) is checked once more against a fresh list.
 */
const checkedPlan = async (services: Services, prompts: readonly PromptLine[], options: GenerateOptions): Promise<Plan> => {
  let view = await loadCatalog(services.catalog, 'if-stale');
  let plan = planJobs(prompts, options, view);
  if ((plan.fatal || plan.problems.length > 0) && plan.volatile && !view.refreshed) {
    view = await loadCatalog(services.catalog, 'force');
    plan = planJobs(prompts, options, view);
  }
  if (plan.fatal) throw plan.fatal;
  if (plan.problems.length > 0) throw refuse(plan.problems);
  return withPinnedReferences(services, plan);
};

/** Reference images are read, checked and hashed once for the whole batch (every line shares them) before any is sent. */
const withPinnedReferences = async (services: Services, plan: Plan): Promise<Plan> => {
  const first = plan.jobs[0];
  if (first?.request.endpoint !== 'native' || !first.request.styleReferences) return plan;
  const pinned = await hashStyleReferences(services.library, first.request);
  const styleReferences = pinned.endpoint === 'native' ? pinned.styleReferences : undefined;
  return { ...plan, jobs: plan.jobs.map((job) => (job.request.endpoint === 'native' ? { ...job, request: { ...job.request, styleReferences } } : job)) };
};

/**
 * The prompts through the app's queue, at its concurrency; each result is printed as it comes. The batch stops on a
 * failure every prompt would hit (key, keychain, balance), after --max-failures failed prompts, and on Ctrl-C. The
 * first failure's class is the exit code (a stop by the user has its own, set by main).
 */
export async function generateCommand(ctx: CliContext, command: { source: PromptSource; options: GenerateOptions; batch: BatchFlags }): Promise<number> {
  const prompts = await readPrompts(command.source, ctx.stdin);
  checkPrompts(prompts, command.options);
  // Once for the whole batch: a missing key or an unreachable keychain is one message, not one per prompt.
  if ((await ctx.secrets.get()) === null) throw new AppError('KEY_MISSING', 'No Venice API key is set. Nothing was sent.');
  const services = ctx.services();
  // The queue's timers (retry waits, rate-limit holds) never keep a process alive on their own; while this
  // command waits for an image, this handle does.
  const keepAlive = setInterval(() => {}, 1 << 30);
  try {
    const plan = await checkedPlan(services, prompts, command.options);
    for (const warning of plan.warnings) ctx.out.note(`lagoon: warning: ${printable(warning)}`);
    const skipped = command.batch.skipDone ? plan.jobs.filter((job) => alreadyMade(services.db, job)) : [];
    for (const entry of skipped) reportSkipped(ctx, entry);
    const jobs = plan.jobs.filter((job) => !skipped.includes(job));
    const progress = createBatchProgress(progressMode(command.batch.progress, ctx, ctx.env), services, jobs.length, ctx.stderr);
    const outcome = await ctx.interrupt
      .graceful(() =>
        runBatch(services, jobs, { maxFailures: command.batch.maxFailures }, ctx.interrupt.signal, {
          started: progress.started,
          settled: (entry, result) => {
            progress.clear();
            reportSettled(ctx, services, entry, result);
            progress.settled(result.job?.id ?? null);
          },
        }),
      )
      .finally(progress.stop);
    // A reader that closed the pipe gets no more lines; the summary still goes to stderr.
    if (ctx.interrupt.cause() !== 'EPIPE') reportCutShort(ctx, jobs, outcome);
    reportEnd(ctx, jobs, outcome, command.batch);
    if (command.batch.failedTo !== null) {
      const count = await writeFailedPrompts(command.batch.failedTo, jobs, outcome);
      if (count > 0) ctx.out.note(`${count} prompt${count === 1 ? '' : 's'} without an image written to ${printable(command.batch.failedTo)}.`);
    }
    // The earliest input line that failed decides, so the code does not depend on which request answered first.
    const firstFailure = outcome.states.find((s) => s.kind === 'settled' && s.result.error !== null);
    return firstFailure?.kind === 'settled' && firstFailure.result.error ? exitCodeFor(toFailure(firstFailure.result.error).code) : EXIT_OK;
  } finally {
    clearInterval(keepAlive);
    // Nothing this run reported as failed may be made later, unseen, by the app: its own leftovers are cancelled.
    services.queue.cancelAll();
  }
}
