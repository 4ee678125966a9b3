import { AppError } from '../../shared/errors.ts';
import type { ImageDetail } from '../../shared/ipc/schemas/images.ts';
import type { Services } from '../../main/core/services.ts';
import { loadCatalog } from '../catalogView.ts';
import type { CliContext } from '../context.ts';
import { EXIT_OK, exitCodeFor } from '../exitCodes.ts';
import { toFailure } from '../failure.ts';
import type { GenerateOptions, PromptSource } from '../generateArgs.ts';
import { planJobs, type Plan, type PlannedJob } from '../generate/plan.ts';
import { type PromptLine, promptProblem, readPrompts } from '../generate/prompts.ts';
import { runRequest } from '../generate/runRequest.ts';
import { type CliImage, toCliImage } from '../imageRecord.ts';
import { printable, shorten } from '../output.ts';

/** A stored image as `generate` prints it: the library's fields plus its batch (the job id, shared by variants) and seed. */
export interface GeneratedImage extends CliImage {
  batch: string | null;
  /** The seed sent (native route; only the first variant follows it, as on Venice); null on the OpenAI route. */
  seed: number | null;
}

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
  return plan;
};

const toGenerated = (services: Services, detail: ImageDetail): GeneratedImage => ({
  ...toCliImage(services, detail),
  batch: detail.jobId,
  seed: typeof detail.request.seed === 'number' ? detail.request.seed : null,
});

const describeImage = (image: GeneratedImage): string => {
  const facts = [`${image.width}x${image.height} ${image.format}`, `model ${shorten(image.model, 60)}`];
  if (image.seed !== null) facts.push(`seed ${image.seed}`);
  facts.push(`id ${image.id}`);
  const flags = image.flags.length > 0 ? `\n  Venice marked this image: ${image.flags.join(', ')}` : '';
  return `Saved ${image.file ?? '(file missing)'} (${facts.join(', ')})${flags}`;
};

const imagesPerJob = (job: PlannedJob): number => (job.request.endpoint === 'native' ? job.request.variants : 1);

/** One prompt after another; a failure is reported and the rest still run. The first failure's class is the exit code. */
export async function generateCommand(ctx: CliContext, command: { source: PromptSource; options: GenerateOptions }): Promise<number> {
  const prompts = await readPrompts(command.source);
  checkPrompts(prompts, command.options);
  const services = ctx.services();
  let exitCode = EXIT_OK;
  let saved = 0;
  // The queue's timers (retry waits, rate-limit holds) never keep a process alive on their own; while this
  // command waits for an image, this handle does.
  const keepAlive = setInterval(() => {}, 1 << 30);
  let jobs: PlannedJob[] = [];
  try {
    const plan = await checkedPlan(services, prompts, command.options);
    for (const warning of plan.warnings) ctx.out.note(`lagoon: warning: ${printable(warning)}`);
    jobs = plan.jobs;
    for (const [index, entry] of jobs.entries()) {
      const counter = jobs.length > 1 ? ` ${index + 1}/${jobs.length}` : '';
      const variants = imagesPerJob(entry) > 1 ? ` (${imagesPerJob(entry)} variants)` : '';
      const progress = ctx.out.progress(`Generating${counter}${variants}: ${shorten(entry.prompt, 50)}`);
      const result = await runRequest(services, entry.request);
      progress.done();
      for (const detail of result.images) {
        const image = toGenerated(services, detail);
        ctx.out.emit(image, () => describeImage(image));
        saved += 1;
      }
      if (result.error) {
        const failure = toFailure(result.error);
        ctx.out.failure(failure, entry.line === undefined ? undefined : { line: entry.line });
        if (exitCode === EXIT_OK) exitCode = exitCodeFor(failure.code);
      }
    }
  } finally {
    clearInterval(keepAlive);
    // Nothing this run reported as failed may be made later, unseen, by the app: its own leftovers are cancelled.
    services.queue.cancelAll();
  }
  const wanted = jobs.reduce((sum, job) => sum + imagesPerJob(job), 0);
  if (wanted > 1) ctx.out.note(`${saved} of ${wanted} images saved${saved < wanted ? `, ${wanted - saved} failed` : ''}.`);
  return exitCode;
}
