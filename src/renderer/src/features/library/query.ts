import type { ImageQuery } from '../../../../shared/ipc/schemas/library.ts';
import type { ImageFormat } from '../../../../shared/veniceFacts.ts';
import { cutUnits } from '../../lib/text.ts';

/*
 * The library's search state as the UI holds it, and the ImageQuery it becomes. The value lists repeat the schema's
 * (library.ts imports zod, which the renderer must not load: its eval probe is what the CSP forbids).
 */
export const SORTS = ['newest', 'oldest', 'rating'] as const;
export type Sort = (typeof SORTS)[number];
export const ASPECTS = ['square', 'landscape', 'portrait'] as const;
type Aspect = (typeof ASPECTS)[number];
export const BLURRED_CHOICES = ['any', 'only', 'hide'] as const;
type BlurredChoice = (typeof BLURRED_CHOICES)[number];
/** Lineage: how the image was made (the schema's IMAGE_KINDS). */
export const KINDS = ['original', 'edit', 'combine', 'upscale', 'remove-background'] as const;
type Kind = (typeof KINDS)[number];

/** Where the user is in the library nav: the scope every search and filter applies inside. */
export type Scope = { kind: 'all' } | { kind: 'favorites' } | { kind: 'trash' } | { kind: 'collection'; id: string };

export interface Filters {
  model: string;
  /** yyyy-mm-dd as <input type="date"> gives it, '' for open-ended. */
  dateFrom: string;
  dateTo: string;
  aspect: Aspect | '';
  format: ImageFormat | '';
  favoritesOnly: boolean;
  /** 0 = any. */
  minRating: number;
  tag: string;
  collectionId: string;
  blurred: BlurredChoice;
  kind: Kind | '';
  /** Only images that other images were made from. */
  hasVersions: boolean;
}

export const NO_FILTERS: Filters = {
  model: '',
  dateFrom: '',
  dateTo: '',
  aspect: '',
  format: '',
  favoritesOnly: false,
  minRating: 0,
  tag: '',
  collectionId: '',
  blurred: 'any',
  kind: '',
  hasVersions: false,
};

export const isSort = (s: string): s is Sort => (SORTS as readonly string[]).includes(s);

/** How many filters differ from "any": the number on the Filters button. */
export const activeFilterCount = (f: Filters): number =>
  (Object.keys(NO_FILTERS) as (keyof Filters)[]).filter((k) => f[k] !== NO_FILTERS[k]).length;

/** Local midnight of a yyyy-mm-dd day: a user picking "3 March" means their own 3 March, not UTC's. */
const localDayStart = (day: string): number | undefined => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return undefined;
  const t = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])).getTime();
  return Number.isFinite(t) && t >= 0 ? t : undefined;
};

const localDayEnd = (day: string): number | undefined => {
  const start = localDayStart(day);
  if (start === undefined) return undefined;
  const d = new Date(start);
  d.setDate(d.getDate() + 1);
  return d.getTime() - 1;
};

const pad = (n: number) => String(n).padStart(2, '0');

const toDay = (ms: number): string => {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
};

/** Everything the user set, as the one query main runs; absent fields mean "any". */
export const buildQuery = (scope: Scope, text: string, filters: Filters, sort: Sort): ImageQuery => {
  const q: ImageQuery = {};
  const trimmed = text.trim();
  if (trimmed !== '') q.text = cutUnits(trimmed, 500);
  if (filters.model) q.models = [filters.model];
  const from = localDayStart(filters.dateFrom);
  const to = localDayEnd(filters.dateTo);
  if (from !== undefined) q.createdFrom = from;
  if (to !== undefined) q.createdTo = to;
  if (filters.aspect) q.aspect = filters.aspect;
  if (filters.format) q.formats = [filters.format];
  if (filters.favoritesOnly || scope.kind === 'favorites') q.favorite = true;
  if (filters.minRating > 0) q.minRating = filters.minRating;
  if (filters.tag) q.tags = [filters.tag];
  const collectionId = scope.kind === 'collection' ? scope.id : filters.collectionId;
  if (collectionId) q.collectionId = collectionId;
  if (filters.blurred !== 'any') q.blurred = filters.blurred === 'only';
  if (filters.kind) q.kind = filters.kind;
  if (filters.hasVersions) q.hasVersions = true;
  if (scope.kind === 'trash') q.inTrash = true;
  if (sort !== 'newest') q.sort = sort;
  return q;
};

/** Where the Library opens: everything, newest first, nothing typed or chosen (useLibraryControls starts here). */
export const OPENING: { scope: Scope; text: string; filters: Filters; sort: Sort } = { scope: { kind: 'all' }, text: '', filters: NO_FILTERS, sort: 'newest' };

/** The question the Library asks main when it opens. */
export const openingQuery = (): ImageQuery => buildQuery(OPENING.scope, OPENING.text, OPENING.filters, OPENING.sort);

/** A saved search reopened: the scope, text, filters and sort it was saved with (unknown values fall back to "any"). */
export const fromQuery = (q: ImageQuery): { scope: Scope; text: string; filters: Filters; sort: Sort } => ({
  scope: q.inTrash ? { kind: 'trash' } : { kind: 'all' },
  text: q.text ?? '',
  sort: q.sort ?? 'newest',
  filters: {
    model: q.models?.[0] ?? '',
    dateFrom: q.createdFrom === undefined ? '' : toDay(q.createdFrom),
    dateTo: q.createdTo === undefined ? '' : toDay(q.createdTo),
    aspect: q.aspect ?? '',
    format: q.formats?.[0] ?? '',
    favoritesOnly: q.favorite === true,
    minRating: q.minRating ?? 0,
    tag: q.tags?.[0] ?? '',
    collectionId: q.collectionId ?? '',
    blurred: q.blurred === undefined ? 'any' : q.blurred ? 'only' : 'hide',
    kind: q.kind ?? '',
    hasVersions: q.hasVersions === true,
  },
});

/** Worth saving as a smart collection: anything beyond the plain, unsorted library. */
export const isSavable = (q: ImageQuery): boolean => Object.keys(q).length > 0;

/** A stable identity for a query, so effects refetch when (and only when) what is asked changes. */
export const queryKey = (q: ImageQuery): string =>
  JSON.stringify(Object.fromEntries(Object.entries(q).toSorted(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))));
