// @vitest-environment happy-dom
import { QueryClientProvider } from '@tanstack/react-query';
import { act, renderHook, waitFor } from '@testing-library/react';
import { createElement, type ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createQueryClient } from '../../src/renderer/src/queryClient.ts';
import { useCollections } from '../../src/renderer/src/features/library/useCollections.ts';
import { useSavedSearches } from '../../src/renderer/src/features/library/useSavedSearches.ts';
import { useTagList } from '../../src/renderer/src/features/library/useTagList.ts';
import { FakeBridge, uninstallBridge } from './helpers/rendererBridge.ts';

// Each test gets its own cache, as each window does.
const wrapper = ({ children }: { children: ReactNode }) => createElement(QueryClientProvider, { client: createQueryClient() }, children);
const count = (route: string) => bridge.calls.filter((c) => c.route === route).length;

let bridge: FakeBridge;
let collections: { id: string; name: string; count: number }[];
beforeEach(() => {
  collections = [{ id: 'c1', name: 'Moodboard', count: 2 }];
  bridge = new FakeBridge()
    .install()
    .handle('collections.list', () => ({ collections: collections.map((c) => ({ ...c })) }))
    .handle('tags.list', () => ({ tags: [{ name: 'sunset', count: 3 }] }));
});
afterEach(uninstallBridge);

describe('library lists (react-query)', () => {
  it('a burst of image changes asks for the collections once, and the new counts show', async () => {
    const { result } = renderHook(() => useCollections(), { wrapper });
    await waitFor(() => expect(result.current.collections).toHaveLength(1));
    expect(count('collections.list')).toBe(1);
    collections[0] = { id: 'c1', name: 'Moodboard', count: 7 };
    act(() => {
      for (let i = 0; i < 20; i++) bridge.emit('images.changed', { reason: 'updated', ids: [`i${i}`] });
    });
    await waitFor(() => expect(result.current.collections[0]?.count).toBe(7));
    expect(count('collections.list')).toBe(2);
  });

  it('creating a collection reads the list again; a refusal is shown until the next good read', async () => {
    bridge.handle('collections.create', ({ name }: { name: string }) => {
      if (name === 'taken') throw new Error('exists');
      collections.push({ id: 'c2', name, count: 0 });
      return { id: 'c2', name, count: 0 };
    });
    const { result } = renderHook(() => useCollections(), { wrapper });
    await waitFor(() => expect(result.current.collections).toHaveLength(1));

    await act(() => result.current.create('taken'));
    expect(result.current.error?.code).toBe('INTERNAL');
    await act(() => result.current.create('Q4'));
    await waitFor(() => expect(result.current.collections.map((c) => c.name)).toEqual(['Moodboard', 'Q4']));
    expect(result.current.error).toBeNull();
  });

  it('tags follow image changes; an unreadable tag list is simply empty', async () => {
    const { result } = renderHook(() => useTagList(), { wrapper });
    await waitFor(() => expect(result.current.tags).toEqual([{ name: 'sunset', count: 3 }]));
    bridge.handle('tags.list', () => ({ tags: [{ name: 'sunset', count: 3 }, { name: 'venice', count: 1 }] }));
    act(() => bridge.emit('images.changed', { reason: 'added', ids: ['n'] }));
    await waitFor(() => expect(result.current.tags).toHaveLength(2));

    bridge.handle('tags.list', () => {
      throw new Error('locked');
    });
    const broken = renderHook(() => useTagList(), { wrapper });
    await waitFor(() => expect(count('tags.list')).toBe(3));
    expect(broken.result.current.tags).toEqual([]);
  });

  it('saved searches: saving lists it, deleting takes it off without asking again, a failure is told', async () => {
    const searches = [{ id: 's1', name: 'Foxes', query: { text: 'fox' }, createdAt: 1 }];
    bridge
      .handle('searches.list', () => ({ searches: [...searches] }))
      .handle('searches.save', ({ name }: { name: string }) => {
        const saved = { id: 's2', name, query: { text: 'heron' }, createdAt: 2 };
        searches.push(saved);
        return saved;
      })
      .handle('searches.delete', () => {
        throw new Error('locked');
      });
    const { result } = renderHook(() => useSavedSearches(), { wrapper });
    await waitFor(() => expect(result.current.searches).toHaveLength(1));
    await act(() => result.current.save('Herons', { text: 'heron' }));
    await waitFor(() => expect(result.current.searches.map((s) => s.name)).toEqual(['Foxes', 'Herons']));

    await act(() => result.current.remove('s1'));
    expect(result.current.error?.code).toBe('INTERNAL');
    expect(result.current.searches).toHaveLength(2);
    bridge.handle('searches.delete', () => ({ deleted: true }));
    const reads = count('searches.list');
    await act(() => result.current.remove('s1'));
    expect(result.current.searches.map((s) => s.name)).toEqual(['Herons']);
    expect(result.current.error).toBeNull();
    expect(count('searches.list')).toBe(reads);
  });
});
