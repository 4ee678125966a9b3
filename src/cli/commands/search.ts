import type { ImageQuery } from '../../shared/ipc/schemas/library.ts';
import { IMAGE_PAGE } from '../../shared/paging.ts';
import type { CliContext } from '../context.ts';
import { EXIT_OK } from '../exitCodes.ts';
import { toCliImage } from '../imageRecord.ts';
import { COLUMNS, row, tableRow } from './list.ts';

/** The library's own search (words, filters, sort), paged with its keyset cursor until `limit` images are shown. */
export function searchCommand(ctx: CliContext, command: { query: ImageQuery; limit: number }): number {
  const services = ctx.services();
  let cursor: string | null = null;
  let shown = 0;
  let more = false;
  do {
    const page = services.library.search(command.query, { cursor, limit: Math.min(IMAGE_PAGE.max, command.limit - shown) });
    for (const summary of page.items) {
      const image = toCliImage(services, summary);
      if (shown === 0) ctx.out.text(row(COLUMNS));
      ctx.out.emit(image, () => tableRow(image));
      shown += 1;
    }
    cursor = page.nextCursor;
    more = cursor !== null;
  } while (more && shown < command.limit);
  if (!ctx.out.json) {
    if (shown === 0) ctx.out.note(command.query.inTrash ? 'Nothing in the trash matches.' : 'No image in the library matches.');
    else if (more) ctx.out.note(`Showing the first ${shown} of ${services.library.count(command.query)}; use --limit N to see more.`);
  }
  return EXIT_OK;
}
