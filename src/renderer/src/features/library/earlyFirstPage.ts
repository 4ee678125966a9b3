import type { RouteOutput } from '../../../../shared/ipc/contract.ts';
import type { ImageQuery } from '../../../../shared/ipc/schemas/library.ts';
import { call, subscribe } from '../../api.ts';
import { queryKey } from './query.ts';

/** Small first page so the grid paints at once (later pages are bigger: searchList.ts). */
export const FIRST_PAGE = 120;

type Page = RouteOutput<'images.search'>;

let early: { key: string; page: Promise<Page>; stop: () => void } | null = null;

const forget = (): void => {
  early?.stop();
  early = null;
};

/**
 * Asks main for the first page of `query` before the window's first render, when the window opens on the Library
 * (main.tsx): main answers while the view renders, instead of after (the view asks from an effect, once it has
 * rendered). A change to the library meanwhile makes the answer stale: it is dropped, and the view asks anew.
 */
export const askFirstPageEarly = (query: ImageQuery): Promise<Page> => {
  forget();
  const page = call('images.search', { query, cursor: null, limit: FIRST_PAGE });
  // Taken by the view, or dropped: either way its failure is the view's own request's to report.
  page.catch(() => {});
  early = { key: queryKey(query), page, stop: subscribe('images.changed', forget) };
  return page;
};

/** The early answer, once, if it was asked for this very query and nothing has changed since; else null. */
export const takeFirstPageEarly = (query: ImageQuery): Promise<Page> | null => {
  const taken = early;
  forget();
  return taken !== null && taken.key === queryKey(query) ? taken.page : null;
};
