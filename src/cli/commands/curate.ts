import { AppError } from '../../shared/errors.ts';
import type { CliContext } from '../context.ts';
import type { CurationArgs } from '../curationArgs.ts';
import { EXIT_OK, exitCodeFor } from '../exitCodes.ts';
import { printable } from '../output.ts';
import { idsWithStdin } from '../stdinInput.ts';

const plural = (n: number): string => `${n} image${n === 1 ? '' : 's'}`;

/** The app's curation through the same core calls; ids the library does not hold are counted and make the exit 1. */
export async function curateCommand(ctx: CliContext, command: CurationArgs): Promise<number> {
  const { curation } = ctx.services();
  if (command.name === 'collection.list') {
    for (const c of curation.listCollections()) ctx.out.emit(c, () => `${printable(c.name)}  (${plural(c.count)})`);
    return EXIT_OK;
  }
  const ids = await idsWithStdin(command.ids, ctx.stdin);
  const { updated, what } = apply(ctx, command, ids);
  const notFound = ids.length - updated;
  ctx.out.emit({ updated, notFound, ids }, () => `${what} ${plural(updated)}.${notFound > 0 ? ` ${plural(notFound)} not in the library.` : ''}`);
  if (notFound > 0) ctx.out.failure(new AppError('NOT_FOUND', `${plural(notFound)} of those ids ${notFound === 1 ? 'is' : 'are'} not in the library in ${ctx.dataDir}.`).toPayload());
  return notFound > 0 ? exitCodeFor('NOT_FOUND') : EXIT_OK;
}

const apply = (ctx: CliContext, command: Exclude<CurationArgs, { name: 'collection.list' }>, ids: string[]): { updated: number; what: string } => {
  const { curation } = ctx.services();
  switch (command.name) {
    case 'rate':
      return { updated: curation.setRating(ids, command.rating).updated, what: command.rating === 0 ? 'Cleared the rating of' : `Rated ${command.rating}★:` };
    case 'fav':
      return { updated: curation.setFavorite(ids, command.favorite).updated, what: command.favorite ? 'Marked as favorite:' : 'No longer favorite:' };
    case 'tag': {
      const change = command.action === 'add' ? curation.addTags(ids, [command.tag]) : curation.removeTags(ids, [command.tag]);
      return { updated: change.updated, what: `${command.action === 'add' ? 'Tagged' : 'Untagged'} "${printable(command.tag)}":` };
    }
    case 'collection': {
      const existing = curation.listCollections().find((c) => c.name === command.collection);
      if (!existing && command.action === 'remove') throw new AppError('NOT_FOUND', `There is no collection "${printable(command.collection)}".`);
      const target = existing ?? curation.createCollection(command.collection);
      const change = command.action === 'add' ? curation.addToCollection(target.id, ids) : curation.removeFromCollection(target.id, ids);
      return { updated: change.updated, what: `${command.action === 'add' ? 'Added to' : 'Removed from'} "${printable(target.name)}":` };
    }
  }
};
