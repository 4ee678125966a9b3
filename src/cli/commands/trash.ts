import { AppError } from '../../shared/errors.ts';
import { getImageRow } from '../../main/core/library/imageQueries.ts';
import type { CliContext } from '../context.ts';
import { EXIT_OK, exitCodeFor } from '../exitCodes.ts';
import { idsWithStdin } from '../stdinInput.ts';

const plural = (n: number): string => `${n} image${n === 1 ? '' : 's'}`;

/**
 * Moves images to the trash (or back). An id the library has never held is a failure, reported by id, and makes
 * the exit non-zero; the others are still moved. One already where it was asked to go is only counted.
 */
export async function trashCommand(ctx: CliContext, command: { name: 'trash' | 'restore'; ids: string[] }): Promise<number> {
  const ids = await idsWithStdin(command.ids, ctx.stdin);
  const services = ctx.services();
  const known = ids.filter((id) => getImageRow(services.db, id) !== undefined);
  const moved = known.length === 0 ? [] : command.name === 'trash' ? services.trash.trash(known) : services.trash.restore(known);
  const unchanged = known.length - moved.length;
  const missing = ids.filter((id) => !known.includes(id));
  for (const id of missing) ctx.out.failure(new AppError('NOT_FOUND', `There is no image ${id} in the library in ${ctx.dataDir}.`).toPayload());
  const verb = command.name === 'trash' ? 'trashed' : 'restored';
  const already = command.name === 'trash' ? 'already in the trash' : 'not in the trash';
  ctx.out.emit({ [verb]: moved.length, ids: moved, unchanged, notFound: missing.length }, () =>
    [
      `${command.name === 'trash' ? 'Moved' : 'Restored'} ${plural(moved.length)}${command.name === 'trash' ? ' to the trash' : ' from the trash'}.`,
      ...(unchanged > 0 ? [`${plural(unchanged)} ${unchanged === 1 ? 'was' : 'were'} ${already}.`] : []),
    ].join('\n'),
  );
  return missing.length > 0 ? exitCodeFor('NOT_FOUND') : EXIT_OK;
}
