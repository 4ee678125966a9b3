import type { ImageSummary } from '../../../../shared/ipc/schemas/images.ts';
import type { ApiError } from '../../api.ts';
import type { Range } from '../../ui/highlight.ts';

/** What the grid sees of the current query's results (searchList.ts keeps it), and the helpers that build it. */
export interface SearchSnapshot {
  /** A contiguous run of the results: `items[0]` is result number `offset` (0 until the grid jumps past the loaded pages). */
  items: readonly ImageSummary[];
  offset: number;
  /** A jump (images.seek and the page there) is on its way: the grid asks for no other until it lands. */
  jumping: boolean;
  highlights: ReadonlyMap<string, readonly Range[]>;
  nextCursor: string | null;
  /** False until the first answer for the current query (or its failure). */
  loaded: boolean;
  /** A newer query is on its way; the previous results stay on screen until it answers. */
  searching: boolean;
  loadingMore: boolean;
  error: ApiError | null;
  count: number | null;
  /** Bumps when a new query's results replace the list, so the grid can go back to the top. */
  generation: number;
  /** Every model name seen in any answer this session: choices for the model filter that do not vanish when a
   *  search narrows the results (there is no route listing the library's models). */
  models: ReadonlySet<string>;
}

export const EMPTY: SearchSnapshot = {
  items: [],
  offset: 0,
  jumping: false,
  highlights: new Map(),
  nextCursor: null,
  loaded: false,
  searching: false,
  loadingMore: false,
  error: null,
  count: null,
  generation: 0,
  models: new Set(),
};

export const withModels = (known: ReadonlySet<string>, items: readonly ImageSummary[]): ReadonlySet<string> => {
  if (items.every((i) => known.has(i.model))) return known;
  return new Set([...known, ...items.map((i) => i.model)]);
};

export const addHighlights = (known: ReadonlyMap<string, readonly Range[]>, page: Record<string, [number, number][]>) => {
  const next = new Map(known);
  for (const [id, ranges] of Object.entries(page)) next.set(id, ranges);
  return next;
};
