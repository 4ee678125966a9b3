// @vitest-environment happy-dom
import { act, renderHook, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { stackItems } from '../../src/renderer/src/features/library/familyStacks.ts';
import { useFamilyStacks } from '../../src/renderer/src/features/library/useFamilyStacks.ts';
import type { ImageSummary } from '../../src/shared/ipc/schemas/images.ts';
import { FakeBridge, summary, uninstallBridge } from './helpers/rendererBridge.ts';

// Stacking the grid by family: one tile per family where its first member sits, expanded in place.

const image = (id: string): ImageSummary => summary(id, { createdAt: 0, prompt: id, model: 'm', width: 64, height: 64 });
const ids = (items: readonly ImageSummary[]) => items.map((i) => i.id);

// Newest first: b2 and b1 are versions of b, which sits further down; a and c have no family here.
const LIST = ['b2', 'a', 'b1', 'c', 'b'].map(image);
const ROOTS = new Map([
  ['b2', 'b'],
  ['b1', 'b'],
]);

describe('stackItems', () => {
  it('puts one tile per family where its first member sits, with the count of members among the results', () => {
    const { items, stacks } = stackItems(LIST, ROOTS, new Set());
    expect(ids(items)).toEqual(['b2', 'a', 'c']);
    expect([...stacks]).toEqual([['b2', { rootId: 'b', count: 3, expanded: false }]]);
  });

  it('expands a stack in place: its other members follow its first, in order; the rest keep their places', () => {
    const { items, stacks } = stackItems(LIST, ROOTS, new Set(['b']));
    expect(ids(items)).toEqual(['b2', 'b1', 'b', 'a', 'c']);
    expect(stacks.get('b2')?.expanded).toBe(true);
  });

  it('leaves a family with a single member among the results as a plain tile', () => {
    const { items, stacks } = stackItems(['a', 'b1', 'c'].map(image), ROOTS, new Set());
    expect(ids(items)).toEqual(['a', 'b1', 'c']);
    expect(stacks.size).toBe(0);
  });
});

describe('useFamilyStacks', () => {
  let bridge: FakeBridge;
  let asked: string[][];
  beforeEach(() => {
    asked = [];
    bridge = new FakeBridge()
      .install()
      .handle('images.family_roots', (input: unknown) => {
        const { ids: wanted } = input as { ids: string[] };
        asked.push(wanted);
        return { roots: wanted.filter((id) => ROOTS.has(id)).map((id) => ({ id, rootId: ROOTS.get(id) })) };
      });
  });
  afterEach(uninstallBridge);

  it('is off by default: the results pass unchanged and nothing is asked', () => {
    const { result } = renderHook(() => useFamilyStacks(LIST, false));
    expect(result.current.items).toBe(LIST);
    expect(asked).toEqual([]);
  });

  it('asks each id once, stacks, toggles in place, and asks again after images were added', async () => {
    const { result, rerender } = renderHook(({ list }) => useFamilyStacks(list, true), { initialProps: { list: LIST } });
    await waitFor(() => expect(ids(result.current.items)).toEqual(['b2', 'a', 'c']));
    act(() => result.current.toggle('b2'));
    expect(ids(result.current.items)).toEqual(['b2', 'b1', 'b', 'a', 'c']);
    act(() => result.current.toggle('b2'));
    expect(ids(result.current.items)).toEqual(['b2', 'a', 'c']);

    // A next page: only its new ids are asked about.
    rerender({ list: [...LIST, image('d')] });
    await waitFor(() => expect(asked).toHaveLength(2));
    expect(asked[1]).toEqual(['d']);

    // An import may have restored links to images already shown: everything is asked again.
    act(() => bridge.emit('images.changed', { reason: 'added', ids: ['e'] }));
    await waitFor(() => expect(asked).toHaveLength(3));
    expect(asked[2]).toHaveLength(LIST.length + 1);
  });
});
