import type { ImagePage } from '../../shared/ipc/schemas/images.ts';
import { IMAGE_PAGE } from '../../shared/paging.ts';
import type { CliContext } from '../context.ts';
import { EXIT_OK } from '../exitCodes.ts';
import { type CliImage, toCliImages } from '../imageRecord.ts';
import { shorten } from '../output.ts';

export const COLUMNS = ['CREATED', 'ID', 'SIZE', 'FORMAT', 'MODEL', 'FLAGS', 'MARKS', 'TAGS', 'PROMPT'] as const;
const WIDTHS = [16, 36, 9, 6, 24, 7, 7, 16] as const;

const pad = (n: number): string => String(n).padStart(2, '0');

const localTime = (ms: number): string => {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
};

/** Rating and favourite in a few characters: "4★ fav", "fav", "2★" or "-". */
export const marks = (image: CliImage): string => [image.rating > 0 ? `${image.rating}★` : '', image.favorite ? 'fav' : ''].filter(Boolean).join(' ') || '-';

export const row = (cells: readonly string[]): string =>
  cells.map((cell, i) => (i < WIDTHS.length ? cell.padEnd(WIDTHS[i] ?? 0) : cell)).join('  ').trimEnd();

export const tableRow = (image: CliImage): string =>
  row([
    localTime(image.createdAt),
    image.id,
    `${image.width}x${image.height}`,
    image.format,
    shorten(image.model, WIDTHS[4]),
    image.flags.join(',') || '-',
    marks(image),
    shorten(image.tags.join(',') || '-', WIDTHS[7]),
    shorten(image.prompt, 60),
  ]);

type Page = Pick<ImagePage, 'items' | 'nextCursor'>;

/**
 * Prints pages (a table, or JSON lines) until `limit` images are shown or there are no more; the one paging loop
 * of `list` and `search`. Returns how many were shown and whether more were left.
 */
export function printPages(ctx: CliContext, limit: number, pageAt: (cursor: string | null, size: number) => Page): { shown: number; more: boolean } {
  const source = ctx.library();
  let cursor: string | null = null;
  let shown = 0;
  do {
    const page = pageAt(cursor, Math.min(IMAGE_PAGE.max, limit - shown));
    for (const image of toCliImages(source, page.items)) {
      if (shown === 0) ctx.out.text(row(COLUMNS));
      ctx.out.emit(image, () => tableRow(image));
      shown += 1;
    }
    cursor = page.nextCursor;
  } while (cursor !== null && shown < limit);
  return { shown, more: cursor !== null };
}

/** Newest first, paging through the library with its keyset cursor until `limit` images are shown. */
export function listCommand(ctx: CliContext, command: { limit: number }): number {
  const { library } = ctx.library();
  const { shown, more } = printPages(ctx, command.limit, (cursor, limit) => library.list({ cursor, limit }));
  if (!ctx.out.json) {
    if (shown === 0) ctx.out.note(`The library in ${ctx.dataDir} is empty. Make an image with: lagoon generate --prompt "…"`);
    else if (more) ctx.out.note(`Showing the newest ${shown}; use --limit N to see more.`);
  }
  return EXIT_OK;
}
