import type { Handlers } from '../../../shared/ipc/contract.ts';
import type { RequestContext } from '../ipc/router.ts';
import type { Curation } from '../library/curation/curation.ts';
import type { Library } from '../library/library.ts';

type SearchAndCurationRoutes =
  | 'images.search'
  | 'images.count'
  | 'images.seek'
  | 'images.timeline'
  | 'images.set_favorite'
  | 'images.set_rating'
  | 'images.add_tags'
  | 'images.remove_tags'
  | 'tags.list'
  | 'collections.list'
  | 'collections.create'
  | 'collections.rename'
  | 'collections.delete'
  | 'collections.add_images'
  | 'collections.remove_images'
  | 'searches.list'
  | 'searches.save'
  | 'searches.delete';

/** Finding and curating: thin on purpose, the library and curation services hold the rules. */
export const libraryHandlers = (deps: { library: Library; curation: Curation }): Pick<Handlers<RequestContext>, SearchAndCurationRoutes> => ({
  'images.search': async ({ query, cursor, limit }) => deps.library.search(query, { cursor: cursor ?? null, ...(limit ? { limit } : {}) }),
  'images.count': async ({ query }) => ({ count: deps.library.count(query) }),
  'images.seek': async ({ query, offset }) => deps.library.seek(query, offset),
  'images.timeline': async ({ query }) => deps.library.timeline(query),
  'images.set_favorite': async ({ ids, favorite }) => deps.curation.setFavorite(ids, favorite),
  'images.set_rating': async ({ ids, rating }) => deps.curation.setRating(ids, rating),
  'images.add_tags': async ({ ids, tags }) => deps.curation.addTags(ids, tags),
  'images.remove_tags': async ({ ids, tags }) => deps.curation.removeTags(ids, tags),
  'tags.list': async () => ({ tags: deps.curation.listTags() }),
  'collections.list': async () => ({ collections: deps.curation.listCollections() }),
  'collections.create': async ({ name }) => deps.curation.createCollection(name),
  'collections.rename': async ({ id, name }) => deps.curation.renameCollection(id, name),
  'collections.delete': async ({ id }) => {
    deps.curation.deleteCollection(id);
    return { deleted: true as const };
  },
  'collections.add_images': async ({ id, imageIds }) => deps.curation.addToCollection(id, imageIds),
  'collections.remove_images': async ({ id, imageIds }) => deps.curation.removeFromCollection(id, imageIds),
  'searches.list': async () => ({ searches: deps.curation.listSavedSearches() }),
  'searches.save': async ({ name, query }) => deps.curation.saveSearch(name, query),
  'searches.delete': async ({ id }) => {
    deps.curation.deleteSavedSearch(id);
    return { deleted: true as const };
  },
});
