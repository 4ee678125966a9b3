// @vitest-environment happy-dom
import { renderHook, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImageQuery } from '../../src/shared/ipc/schemas/library.ts';
import { askFirstPageEarly } from '../../src/renderer/src/features/library/earlyFirstPage.ts';
import { openingQuery } from '../../src/renderer/src/features/library/query.ts';
import { useImageSearch } from '../../src/renderer/src/features/library/useImageSearch.ts';
import { useLibraryControls } from '../../src/renderer/src/features/library/useLibraryControls.ts';
import { FakeBridge, summary, uninstallBridge } from './helpers/rendererBridge.ts';

// When the window opens on the Library, main.tsx asks for its first page before the first render, so main answers
// while the view renders; the view takes that answer instead of asking again.

let bridge: FakeBridge;
let answers: number;
beforeEach(() => {
  answers = 0;
  bridge = new FakeBridge()
    .install()
    .handle('images.count', () => ({ count: 1 }))
    .handle('images.search', () => ({ items: [summary(`answer-${++answers}`)], nextCursor: null, highlights: {} }));
});
afterEach(uninstallBridge);

const searches = () => bridge.calls.filter((c) => c.route === 'images.search');
const shown = async (query: ImageQuery) => {
  const { result } = renderHook(() => useImageSearch(query));
  await waitFor(() => expect(result.current.loaded).toBe(true));
  return result.current.items.map((i) => i.id);
};

describe('the first page asked for early', () => {
  it('is the very question the Library asks when it opens', () => {
    const { result } = renderHook(() => useLibraryControls());
    expect(result.current.query).toEqual(openingQuery());
  });

  it('is taken by the view instead of asking again, once', async () => {
    askFirstPageEarly(openingQuery());
    expect(await shown(openingQuery())).toEqual(['answer-1']);
    expect(searches()).toHaveLength(1);
    expect(await shown(openingQuery())).toEqual(['answer-2']);
    expect(searches()).toHaveLength(2);
  });

  it('is not taken for another question', async () => {
    askFirstPageEarly(openingQuery());
    expect(await shown({ favorite: true })).toEqual(['answer-2']);
    expect(searches().map((c) => (c.input as { query: ImageQuery }).query)).toEqual([openingQuery(), { favorite: true }]);
  });

  it('is dropped when the library changes before the view takes it', async () => {
    askFirstPageEarly(openingQuery());
    bridge.emit('images.changed', { reason: 'added', ids: ['new'] });
    expect(await shown(openingQuery())).toEqual(['answer-2']);
    expect(searches()).toHaveLength(2);
  });
});
