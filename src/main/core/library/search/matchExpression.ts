import type { ImageQuery } from '../../../../shared/ipc/schemas/library.ts';
import { prefixPhrase, type QueryTerm } from './searchText.ts';

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
      query.blurred !== undefined,
  );

const anyOf = (tokens: readonly string[]): string => (tokens.length === 1 ? tokens[0]! : `(${tokens.join(' OR ')})`);

/** `m` + the model id's UTF-8 as hex, as SQLite's hex() writes it (the tokenizer folds the case). */
const modelFacet = (model: string): string => `m${Buffer.from(model, 'utf8').toString('hex')}`;
const tagFacet = (tagId: number): string => `t${tagId}`;
const collectionFacet = (collectionId: string): string => `c${collectionId.toLowerCase().replaceAll('-', '')}`;
const ratingFacet = (rating: number): string => `r${rating}`;

export interface MatchParts {
  query: ImageQuery;
  /** The words of query.text (searchText.ts queryTerms). */
  terms: readonly QueryTerm[];
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
export const matchExpression = ({ query, terms, tagIds, rating }: MatchParts): string => {
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

  const positive: string[] = [];
  if (facets.length) positive.push(`facets : (${facets.join(' AND ')})`);
  if (terms.length) positive.push(`${TEXT_COLUMNS} : (${[...new Set(terms.map((t) => t.text))].map(prefixPhrase).join(' AND ')})`);
  if (positive.length === 0) positive.push('facets : live');
  else if (!query.inTrash) excluded.push('trash');
  const expression = positive.join(' AND ');
  return excluded.length ? `(${expression}) NOT facets : (${excluded.join(' OR ')})` : expression;
};
