// @vitest-environment happy-dom
import { act, renderHook, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImageQuery } from '../../src/shared/ipc/schemas/library.ts';
import { useCuration } from '../../src/renderer/src/features/library/useCuration.ts';
import { useImageSearch } from '../../src/renderer/src/features/library/useImageSearch.ts';
import { FakeBridge, summary, uninstallBridge } from './helpers/rendererBridge.ts';

const LIBRARY: ImageQuery = {};
const FAVORITES: ImageQuery = { favorite: true };
let bridge: FakeBridge;
let collectionsChanged = 0;

/** The grid's list and the curation actions on it, wired as the library view wires them. */
const renderLibrary = (query: ImageQuery) =>
  renderHook(() => {
    const search = useImageSearch(query);
    const curation = useCuration({ search, query, onCollectionsChanged: () => collectionsChanged++, onTagsChanged: () => {} });
    return { search, curation };
  });

beforeEach(() => {
  collectionsChanged = 0;
  bridge = new FakeBridge()
    .install()
    .handle('images.count', () => ({ count: 3 }))
    .handle('images.search', () => ({ items: ['a', 'b', 'c'].map((id) => summary(id, { favorite: true })), nextCursor: null, highlights: {} }))
    .handle('images.set_rating', ({ ids }: { ids: string[] }) => ({ updated: ids.length }))
    .handle('images.set_favorite', ({ ids }: { ids: string[] }) => ({ updated: ids.length }))
    .handle('images.trash', ({ ids }: { ids: string[] }) => ({ updated: ids.length }));
});
afterEach(uninstallBridge);

describe('useCuration', () => {
  it('asks main first, then patches the loaded tiles without a new search', async () => {
    const { result } = renderLibrary(LIBRARY);
    await waitFor(() => expect(result.current.search.loaded).toBe(true));
    const searches = bridge.calls.filter((c) => c.route === 'images.search').length;
    let ok = false;
    await act(async () => {
      ok = await result.current.curation.setRating(['a', 'c'], 4);
    });
    expect(ok).toBe(true);
    expect(bridge.calls.at(-1)).toEqual({ route: 'images.set_rating', input: { ids: ['a', 'c'], rating: 4 } });
    expect(result.current.search.items.map((i) => i.rating)).toEqual([4, 0, 4]);
    expect(bridge.calls.filter((c) => c.route === 'images.search')).toHaveLength(searches);
  });

  it('an image that stops matching the view leaves it: unfavourited in Favorites, trashed from the library', async () => {
    const favorites = renderLibrary(FAVORITES);
    await waitFor(() => expect(favorites.result.current.search.loaded).toBe(true));
    await act(() => favorites.result.current.curation.setFavorite(['b'], false));
    expect(favorites.result.current.search.items.map((i) => i.id)).toEqual(['a', 'c']);
    expect(favorites.result.current.search.count).toBe(2);

    const library = renderLibrary(LIBRARY);
    await waitFor(() => expect(library.result.current.search.loaded).toBe(true));
    await act(() => library.result.current.curation.trash(['a']));
    expect(library.result.current.search.items.map((i) => i.id)).toEqual(['b', 'c']);
    expect(collectionsChanged).toBe(1);
  });

  it('a refusal changes nothing on screen and says why', async () => {
    bridge.handle('images.set_rating', () => {
      throw new Error('database is locked');
    });
    const { result } = renderLibrary(LIBRARY);
    await waitFor(() => expect(result.current.search.loaded).toBe(true));
    let ok = true;
    await act(async () => {
      ok = await result.current.curation.setRating(['a'], 5);
    });
    expect(ok).toBe(false);
    expect(result.current.search.items[0]?.rating).toBe(0);
    expect(result.current.curation.error?.code).toBe('INTERNAL');
    act(() => result.current.curation.clearError());
    expect(result.current.curation.error).toBeNull();
  });
});
