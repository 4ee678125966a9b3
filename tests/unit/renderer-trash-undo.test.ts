// @vitest-environment happy-dom
import { act, renderHook, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImageQuery } from '../../src/shared/ipc/schemas/library.ts';
import { useCuration } from '../../src/renderer/src/features/library/useCuration.ts';
import { useImageSearch } from '../../src/renderer/src/features/library/useImageSearch.ts';
import { useTrashUndo } from '../../src/renderer/src/features/library/useTrashUndo.ts';
import { FakeBridge, summary, uninstallBridge } from './helpers/rendererBridge.ts';

const LIBRARY: ImageQuery = {};
let bridge: FakeBridge;
let live: string[];

/** The library view's wiring: search, curation, and the undo around its trash. */
const renderLibrary = () =>
  renderHook(() => {
    const search = useImageSearch(LIBRARY);
    const undo = useTrashUndo(useCuration({ search, query: LIBRARY, onCollectionsChanged: () => {}, onTagsChanged: () => {} }), search.reload);
    return { search, undo };
  });

beforeEach(() => {
  live = ['a', 'b', 'c'];
  bridge = new FakeBridge()
    .install()
    .handle('images.count', () => ({ count: live.length }))
    .handle('images.search', () => ({ items: live.map((id) => summary(id)), nextCursor: null, highlights: {} }))
    .handle('images.trash', ({ ids }: { ids: string[] }) => {
      live = live.filter((id) => !ids.includes(id));
      return { updated: ids.length };
    })
    .handle('images.restore', ({ ids }: { ids: string[] }) => {
      live = ['a', 'b', 'c'].filter((id) => live.includes(id) || ids.includes(id));
      return { updated: ids.length };
    });
});
afterEach(uninstallBridge);

describe('useTrashUndo', () => {
  it('offers every move to the trash back; Undo restores exactly those images and shows them again', async () => {
    const { result } = renderLibrary();
    await waitFor(() => expect(result.current.search.loaded).toBe(true));
    expect(result.current.undo.pending).toBeNull();
    await act(() => result.current.undo.curation.trash(['a', 'c']));
    expect(result.current.search.items.map((i) => i.id)).toEqual(['b']);
    expect(result.current.undo.pending).toEqual({ ids: ['a', 'c'] });

    await act(() => result.current.undo.undo());
    expect(bridge.calls.filter((c) => c.route === 'images.restore')).toEqual([{ route: 'images.restore', input: { ids: ['a', 'c'] } }]);
    expect(result.current.undo.pending).toBeNull();
    await waitFor(() => expect(result.current.search.items.map((i) => i.id)).toEqual(['a', 'b', 'c']));
  });

  it('offers nothing when the move failed', async () => {
    bridge.handle('images.trash', () => {
      throw new Error('disk full');
    });
    const { result } = renderLibrary();
    await waitFor(() => expect(result.current.search.loaded).toBe(true));
    await act(() => result.current.undo.curation.trash(['a']));
    expect(result.current.undo.pending).toBeNull();
  });
});
