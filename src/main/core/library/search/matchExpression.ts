import type { ImageQuery } from '../../../../shared/ipc/schemas/library.ts';
import { prefixPhrase, type QueryTerm, type SearchWords, wordPhrase } from './searchText.ts';

/**
 * Builds the FTS5 MATCH expression for a query: the user's words against the five text columns, every filter as
 * facet tokens of the `facets` column (migration 0006 writes them). The user's words never reach the facets column,
 * so typing "fav" or "live" matches prompts, not flags.
 */
const TEXT_COLUMNS = '{prompt negative model style tags}';

/** The filters that need the facets column (anything beyond the live/trash split and the date range). */
export const hasFacetFilters = (query: ImageQuery): boolean =>
  Boolean(
    query.models?.length ||
      query.formats?.length ||
      query.tags?.length ||
      query.aspect !== undefined ||
      query.favorite !== undefined ||
      query.minRating !== undefined ||
      query.collectionId !== undefined ||
      query.blurred !== undefined ||
      query.kind !== undefined ||
      query.hasVersions !== undefined,
  );

const anyOf = (tokens: readonly string[]): string => (tokens.length === 1 ? tokens[0]! : `(${tokens.join(' OR ')})`);
const allOf = (tokens: readonly string[]): string => (tokens.length === 1 ? tokens[0]! : `(${tokens.join(' AND ')})`);

/** A word searched for: any word starting with it, or one of its other forms (whole words). */
const searchedPhrase = (term: QueryTerm): string => anyOf([prefixPhrase(term.text), ...term.forms.map(wordPhrase)]);
/** A word left out: the whole word and its other forms ("-cat" leaves out "cats", not "cathedral"). */
const excludedPhrase = (term: QueryTerm): string => anyOf([wordPhrase(term.text), ...term.forms.map(wordPhrase)]);

const positiveText = (words: SearchWords): string | null =>
  words.clauses.length === 0 ? null : allOf(words.clauses.map((clause) => anyOf(clause.map((group) => allOf(group.map(searchedPhrase))))));
const excludedText = (words: SearchWords): string | null =>
  words.excluded.length === 0 ? null : anyOf(words.excluded.map((group) => allOf(group.map(excludedPhrase))));

/** Lineage facets (migration 0012): what made the image, and whether images were made from it. */
const KIND_FACETS = { edit: 'kedit', combine: 'kcombine', upscale: 'kupscale', 'remove-background': 'kbgremoved' } as const;
const VERSIONS_FACET = 'vers';

/** `m` + the model id's UTF-8 as hex, as SQLite's hex() writes it (the tokenizer folds the case). */
const modelFacet = (model: string): string => `m${Buffer.from(model, 'utf8').toString('hex')}`;
const tagFacet = (tagId: number): string => `t${tagId}`;
const collectionFacet = (collectionId: string): string => `c${collectionId.toLowerCase().replaceAll('-', '')}`;
const ratingFacet = (rating: number): string => `r${rating}`;

export interface MatchParts {
  query: ImageQuery;
  /** The words of query.text (searchText.ts searchWords). */
  words: SearchWords;
  /** Ids of query.tags, already resolved (a tag that does not exist means no match, decided by the caller). */
  tagIds: readonly number[];
  /** Restricts to exactly this rating (one step of the rating sort); overrides minRating. */
  rating?: number;
}

/**
 * Trash is excluded with NOT rather than by requiring `live`: NOT only probes the small trash doclist, where AND
 * would walk the live one, which holds nearly every image (measured at 1M: 2–5x faster). `live` is walked only
 * when nothing else is positive (e.g. "not favorites", or a rating step with no other filter).
 */
export const matchExpression = ({ query, words, tagIds, rating }: MatchParts): string => {
  const facets: string[] = query.inTrash ? ['trash'] : [];
  const excluded: string[] = [];
  if (query.favorite === true) facets.push('fav');
  if (query.favorite === false) excluded.push('fav');
  if (query.blurred === true) facets.push('blur');
  if (query.blurred === false) excluded.push('blur');
  if (rating !== undefined) facets.push(ratingFacet(rating));
  else if (query.minRating !== undefined) facets.push(anyOf([5, 4, 3, 2, 1].filter((r) => r >= query.minRating!).map(ratingFacet)));
  if (query.formats?.length) facets.push(anyOf([...new Set(query.formats)].map((f) => `f${f}`)));
  if (query.aspect) facets.push(`a${query.aspect}`);
  if (query.models?.length) facets.push(anyOf([...new Set(query.models)].map(modelFacet)));
  for (const id of new Set(tagIds)) facets.push(tagFacet(id));
  if (query.collectionId) facets.push(collectionFacet(query.collectionId));
  // An original is made from no other image: no edit-family facet at all.
  if (query.kind === 'original') excluded.push(...Object.values(KIND_FACETS));
  else if (query.kind) facets.push(KIND_FACETS[query.kind]);
  if (query.hasVersions === true) facets.push(VERSIONS_FACET);
  if (query.hasVersions === false) excluded.push(VERSIONS_FACET);

  const positive: string[] = [];
  if (facets.length) positive.push(`facets : (${facets.join(' AND ')})`);
  const text = positiveText(words);
  if (text) positive.push(`${TEXT_COLUMNS} : ${text}`);
  if (positive.length === 0) positive.push('facets : live');
  else if (!query.inTrash) excluded.push('trash');
  const expression = positive.join(' AND ');
  const left = [
    ...(excluded.length ? [`facets : ${anyOf(excluded)}`] : []),
    ...(excludedText(words) ? [`${TEXT_COLUMNS} : ${excludedText(words)!}`] : []),
  ];
  return left.length ? `(${expression}) NOT ${anyOf(left)}` : expression;
};
