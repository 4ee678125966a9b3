import { describe, expect, it } from 'vitest';
import { zImageQuery } from '../../src/shared/ipc/schemas/library.ts';
import { cullAction } from '../../src/renderer/src/shortcuts/cullingKeys.ts';
import { cursorTarget, gridLayout } from '../../src/renderer/src/features/library/gridLayout.ts';
import { highlightSegments, snippet } from '../../src/renderer/src/ui/highlight.ts';
import { type Filters, NO_FILTERS, activeFilterCount, buildQuery, fromQuery, queryKey } from '../../src/renderer/src/features/library/query.ts';
import { EMPTY_SELECTION, clickSelect, keepOnly } from '../../src/renderer/src/features/library/selection.ts';
import { parseTags } from '../../src/renderer/src/ui/tags.ts';
import { cutUnits } from '../../src/renderer/src/lib/text.ts';

/** The library UI's pure rules: what it asks main, how it selects, highlights, lays out and names exports. */

const ORDER = ['a', 'b', 'c', 'd', 'e', 'f'];
const plain = { shift: false, toggle: false };

describe('selection', () => {
  it('a click selects one, Ctrl/Cmd toggles, Shift selects the range from the anchor', () => {
    let sel = clickSelect(EMPTY_SELECTION, ORDER, 'b', plain);
    expect([...sel.ids]).toEqual(['b']);
    sel = clickSelect(sel, ORDER, 'e', { shift: true, toggle: false });
    expect([...sel.ids].toSorted()).toEqual(['b', 'c', 'd', 'e']);
    // Shift again from the same anchor replaces the range (here: backwards).
    sel = clickSelect(sel, ORDER, 'a', { shift: true, toggle: false });
    expect([...sel.ids].toSorted()).toEqual(['a', 'b']);
    sel = clickSelect(sel, ORDER, 'f', { shift: false, toggle: true });
    expect([...sel.ids].toSorted()).toEqual(['a', 'b', 'f']);
    sel = clickSelect(sel, ORDER, 'a', { shift: false, toggle: true });
    expect([...sel.ids].toSorted()).toEqual(['b', 'f']);
    expect(sel.anchor).toBe('a');
  });

  it('Ctrl+Shift adds a range to what is selected; Shift without an anchor is a plain click', () => {
    let sel = clickSelect(EMPTY_SELECTION, ORDER, 'a', plain);
    sel = clickSelect(sel, ORDER, 'd', { shift: false, toggle: true });
    sel = clickSelect(sel, ORDER, 'f', { shift: true, toggle: true });
    expect([...sel.ids].toSorted()).toEqual(['a', 'd', 'e', 'f']);
    expect([...clickSelect(EMPTY_SELECTION, ORDER, 'c', { shift: true, toggle: false }).ids]).toEqual(['c']);
  });

  it('images that left the list leave the selection', () => {
    const sel = { ids: new Set(['e', 'a', 'c']), anchor: 'c' };
    const kept = keepOnly(sel, new Set(['a', 'b', 'e']));
    expect([...kept.ids].toSorted()).toEqual(['a', 'e']);
    expect(kept.anchor).toBeNull();
    expect(keepOnly(sel, new Set(ORDER))).toBe(sel);
  });
});

describe('query building', () => {
  const filters: Filters = { ...NO_FILTERS, model: 'flux-dev', aspect: 'portrait', format: 'webp', minRating: 3, tag: 'venice', blurred: 'hide', dateFrom: '2026-03-01', dateTo: '2026-03-02' };

  it('turns scope, text, filters and sort into one valid ImageQuery (checked against the contract schema)', () => {
    const q = buildQuery({ kind: 'collection', id: '3f1c2b4a-5d6e-4f70-8a9b-0c1d2e3f4a5b' }, '  gondola  ', filters, 'rating');
    expect(zImageQuery.parse(q)).toEqual(q);
    expect(q).toMatchObject({ text: 'gondola', models: ['flux-dev'], aspect: 'portrait', formats: ['webp'], minRating: 3, tags: ['venice'], blurred: false, sort: 'rating', collectionId: '3f1c2b4a-5d6e-4f70-8a9b-0c1d2e3f4a5b' });
    // Local days, whole days: from local midnight of the 1st to the last millisecond of the 2nd.
    expect(q.createdFrom).toBe(new Date(2026, 2, 1).getTime());
    expect(q.createdTo).toBe(new Date(2026, 2, 3).getTime() - 1);
  });

  it('the plain library asks nothing; favourites and trash are scopes', () => {
    expect(buildQuery({ kind: 'all' }, '   ', NO_FILTERS, 'newest')).toEqual({});
    expect(buildQuery({ kind: 'favorites' }, '', NO_FILTERS, 'newest')).toEqual({ favorite: true });
    expect(buildQuery({ kind: 'trash' }, '', NO_FILTERS, 'oldest')).toEqual({ inTrash: true, sort: 'oldest' });
  });

  it('a saved search reopens with the same text, filters and sort', () => {
    const q = buildQuery({ kind: 'all' }, 'koi', { ...filters, favoritesOnly: true }, 'oldest');
    const back = fromQuery(q);
    expect(back.text).toBe('koi');
    expect(back.sort).toBe('oldest');
    expect(buildQuery(back.scope, back.text, back.filters, back.sort)).toEqual(q);
    expect(activeFilterCount(back.filters)).toBe(9);
  });

  it('the lineage filters reach the query and come back from a saved search', () => {
    const lineage: Filters = { ...NO_FILTERS, kind: 'upscale', hasVersions: true };
    const q = buildQuery({ kind: 'all' }, 'heron -fog', lineage, 'newest');
    expect(zImageQuery.parse(q)).toEqual({ text: 'heron -fog', kind: 'upscale', hasVersions: true });
    expect(fromQuery(q).filters).toEqual(lineage);
    expect(activeFilterCount(lineage)).toBe(2);
    expect(buildQuery({ kind: 'all' }, '', { ...NO_FILTERS, kind: 'original' }, 'newest')).toEqual({ kind: 'original' });
  });

  it('a query key ignores property order, so an equal query never refetches', () => {
    expect(queryKey({ text: 'a', sort: 'rating' })).toBe(queryKey({ sort: 'rating', text: 'a' }));
    expect(queryKey({ text: 'a' })).not.toBe(queryKey({ text: 'b' }));
  });

  it('long text is cut to the contract limit without splitting an emoji', () => {
    const text = `${'x'.repeat(499)}🦊`;
    const q = buildQuery({ kind: 'all' }, text, NO_FILTERS, 'newest');
    expect(q.text).toBe('x'.repeat(499));
    expect(zImageQuery.safeParse(q).success).toBe(true);
    expect(cutUnits('ab🦊', 3)).toBe('ab');
  });
});

describe('highlights', () => {
  it('marks ranges, merging overlaps and ignoring out-of-range or empty ones', () => {
    const segs = highlightSegments('a golden gondola', [
      [9, 12],
      [2, 6],
      [4, 8],
      [40, 50],
      [5, 5],
    ]);
    expect(segs).toEqual([
      { text: 'a ', match: false },
      { text: 'golden', match: true },
      { text: ' ', match: false },
      { text: 'gon', match: true },
      { text: 'dola', match: false },
    ]);
  });

  it('never splits a surrogate pair', () => {
    const segs = highlightSegments('🦊fox', [[1, 5]]);
    expect(segs.map((s) => s.text).join('')).toBe('🦊fox');
    expect(segs.every((s) => s.text.isWellFormed())).toBe(true);
  });

  it('a snippet starts shortly before the first match and keeps the ranges on the same letters', () => {
    const prompt = `${'lorem ipsum dolor sit amet '.repeat(6)}a golden gondola at dusk`;
    const start = prompt.indexOf('golden');
    const cut = snippet(prompt, [[start, start + 4]], 60);
    expect(cut.text.startsWith('…')).toBe(true);
    const [s, e] = cut.ranges[0] ?? [0, 0];
    expect(cut.text.slice(s, e)).toBe('gold');
  });
});

describe('grid layout', () => {
  it('fits as many columns of the chosen size as the width allows and stretches them to fill it', () => {
    const layout = gridLayout(1000, 168, 100_000);
    expect(layout.columns).toBe(5);
    expect(layout.tile * 5 + 10 * 4).toBeLessThanOrEqual(1000);
    expect(layout.tile).toBeGreaterThanOrEqual(168);
    expect(layout.rows).toBe(20_000);
    expect(gridLayout(1000, 96, 10).columns).toBe(9);
    expect(gridLayout(50, 320, 1).columns).toBe(1);
  });
});

const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) => ({ key: k, ctrlKey: false, metaKey: false, altKey: false, ...mods });

describe('culling keys', () => {
  it('1–5 rate, 0 clears, F favourite, X / Delete / Backspace trash; with a modifier they are not culling', () => {
    expect(cullAction(key('4'))).toEqual({ kind: 'rate', rating: 4 });
    expect(cullAction(key('0'))).toEqual({ kind: 'rate', rating: 0 });
    expect(cullAction(key('F'))).toEqual({ kind: 'favorite' });
    expect(cullAction(key('x'))).toEqual({ kind: 'trash' });
    expect(cullAction(key('Delete'))).toEqual({ kind: 'trash' });
    expect(cullAction(key('6'))).toBeNull();
    expect(cullAction(key('f', { ctrlKey: true }))).toBeNull();
  });
});

describe('tags typed by the user', () => {
  it('splits on commas, trims, drops empties and repeats, respects the 64-character limit', () => {
    expect(parseTags(' sunset, venice ,,sunset, ')).toEqual(['sunset', 'venice']);
    expect(parseTags('x'.repeat(70))).toEqual(['x'.repeat(64)]);
    expect(parseTags(Array.from({ length: 30 }, (_, i) => `t${i}`).join(','))).toHaveLength(20);
  });
});

describe('grid cursor keys', () => {
  it('arrows move by one or by a row, stay inside the results, Home and End jump; no cursor yet starts at the first', () => {
    expect(cursorTarget('ArrowRight', 3, 10, 4)).toBe(4);
    expect(cursorTarget('ArrowDown', 3, 10, 4)).toBe(7);
    expect(cursorTarget('ArrowDown', 7, 10, 4)).toBe(9);
    expect(cursorTarget('ArrowUp', 2, 10, 4)).toBe(0);
    expect(cursorTarget('ArrowLeft', 0, 10, 4)).toBe(0);
    expect(cursorTarget('End', -1, 10, 4)).toBe(9);
    expect(cursorTarget('Home', 6, 10, 4)).toBe(0);
    expect(cursorTarget('ArrowDown', -1, 10, 4)).toBe(0);
  });
});
