import { AppError } from '../../shared/errors.ts';
import type { Prepared } from '../../main/core/iterate/iterateService.ts';
import type { CliContext } from '../context.ts';
import { EXIT_OK } from '../exitCodes.ts';
import { toCliImage, type CliImage } from '../imageRecord.ts';
import type { IterateArgs } from './iterateArgs.ts';

/**
 * One edit-family request through the app's queue: checked whole by the core (nothing is sent for a failing input),
 * its price and (for an upscale) its result size told first, then one line per stored image. A failure becomes the
 * job's error, so its exit code comes from the same table as generate's.
 */
interface CliIterateResult extends CliImage {
  /** Library ids of the inputs, in order (a file input has no id and is left out). */
  parents: string[];
  operation: string;
  enhancedPrompt: string | null;
}

const beforeSending = (prepared: Prepared): string[] => {
  const notes: string[] = [];
  if (prepared.priceUsd !== null) notes.push(`Price: $${prepared.priceUsd.toFixed(2)}.`);
  const plan = prepared.upscale;
  if (plan) {
    const asked = prepared.request.endpoint === 'upscale' ? prepared.request.scale : plan.factor;
    notes.push(
      plan.clamped
        ? `The result would pass Venice's 16,777,216 pixels at ${asked}×, so Venice makes ${plan.width}×${plan.height} (${plan.factor.toFixed(2)}×) instead.`
        : `The result will be ${plan.width}×${plan.height}.`,
    );
  }
  return notes;
};

export async function runIterate(ctx: CliContext, command: IterateArgs): Promise<number> {
  const services = ctx.services();
  const keepAlive = setInterval(() => {}, 1 << 30);
  try {
    await services.iterate.catalog.refresh();
    const prepared = await services.iterate.prepare(command.draft);
    for (const note of beforeSending(prepared)) ctx.out.note(`lagoon: ${note}`);
    const job = services.iterate.enqueue(prepared);
    // A first Ctrl-C cancels the job (the queue says whether it may have been charged) and the command reports it.
    const onStop = (): void => void services.queue.cancel(job.id).catch(() => undefined);
    const settled = await ctx.interrupt.graceful(async () => {
      ctx.interrupt.signal.addEventListener('abort', onStop, { once: true });
      try {
        return await services.queue.settled(job.id);
      } finally {
        ctx.interrupt.signal.removeEventListener('abort', onStop);
      }
    });
    if (settled.error) throw new AppError(settled.error.code, settled.error.message, settled.error.details);
    for (const id of settled.imageIds) {
      const detail = services.library.get(id);
      if (!detail) continue;
      const lineage = services.iterate.lineage(id);
      const line: CliIterateResult = {
        ...toCliImage(services, detail),
        parents: lineage.parents.flatMap((p) => (p.id === null ? [] : [p.id])),
        operation: lineage.operation ?? prepared.request.endpoint,
        enhancedPrompt: lineage.enhancedPrompt,
      };
      ctx.out.emit(line, () => `${line.id}  ${line.width}x${line.height} ${line.format}  ${line.file ?? '(missing)'}`);
    }
    return EXIT_OK;
  } finally {
    clearInterval(keepAlive);
  }
}
