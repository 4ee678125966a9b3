import type { ImageQuery } from '../../shared/ipc/schemas/library.ts';
import { parseSearch } from '../../shared/searchSyntax.ts';
import type { CliContext } from '../context.ts';
import { EXIT_OK } from '../exitCodes.ts';
import { printPages } from './list.ts';

/** The library's own search (words, filters, sort), paged with its keyset cursor until `limit` images are shown. */
export function searchCommand(ctx: CliContext, command: { query: ImageQuery; limit: number }): number {
  const { library } = ctx.library();
  const { shown, more } = printPages(ctx, command.limit, (cursor, limit) => library.search(command.query, { cursor, limit }));
  if (!ctx.out.json) {
    if (shown === 0 && parseSearch(command.query.text).symbolsOnly) {
      ctx.out.note(`Search looks for words and numbers, and "${command.query.text?.trim() ?? ''}" has none, so nothing matches.`);
    } else if (shown === 0) ctx.out.note(command.query.inTrash ? 'Nothing in the trash matches.' : 'No image in the library matches.');
    else if (more) ctx.out.note(`Showing the first ${shown} of ${library.count(command.query)}; use --limit N to see more.`);
  }
  return EXIT_OK;
}
