import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/main/core/createCore.ts';
import { closeDatabase, openDatabase } from '../../src/main/core/db/openDatabase.ts';
import type { SecretStore } from '../../src/main/core/secrets/secretStore.ts';
import { type EventName, routes } from '../../src/shared/ipc/contract.ts';
import { insertRows, syntheticRows } from './helpers/searchLibrary.ts';
import { inertContext } from './helpers/requestContext.ts';

/** The search and curation routes through the real router: input parsing, handlers, envelopes, output shapes. */
const noKeychain: SecretStore = { backend: 'memory', get: async () => null, set: async () => undefined, delete: async () => undefined };
const ctx = inertContext();

let dataDir: string;
let core: Core;
let events: Array<[EventName, unknown]>;

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'lagoon-search-ipc-'));
  core = await createCore(
    { dataDir, apiBaseUrl: 'http://127.0.0.1:9', keychainService: 'unused' },
    { rendererDir: join(dataDir, 'no-renderer'), secretStore: noKeychain, launchMaintenance: false },
  );
  events = [];
  core.onEvent((name, payload) => events.push([name, payload]));
});
afterEach(async () => {
  core.close();
  await rm(dataDir, { recursive: true, force: true });
});

/** Dispatches and checks the answer against the route's output schema, as the renderer would receive it. */
const call = async (route: keyof typeof routes, input: unknown) => {
  const result = await core.dispatch(route, input, ctx);
  if (!result.ok) return result;
  return { ok: true as const, data: (routes[route].output as { parse(v: unknown): unknown }).parse(result.data) };
};

describe('search and curation over IPC', () => {
  it('searches, counts, pages and curates', async () => {
    const rows = syntheticRows(30).map((r) => ({ ...r, trashedAt: null, favorite: false, rating: 0, tags: [], collections: [] }));
    // Rows go in through a second connection with plain SQL, as the bench builds big libraries.
    const writer = openDatabase(join(dataDir, 'lagoon.db'));
    insertRows(writer, rows);
    writer.exec('DELETE FROM collections');
    closeDatabase(writer);

    const first = await call('images.search', { query: { text: 'li' }, limit: 5 });
    expect(first).toMatchObject({ ok: true, data: { items: expect.any(Array), nextCursor: expect.any(String), highlights: expect.any(Object) } });
    const ids = rows.map((r) => r.id);
    expect(await call('images.count', { query: {} })).toEqual({ ok: true, data: { count: 30 } });
    expect(await call('images.set_favorite', { ids: ids.slice(0, 3), favorite: true })).toEqual({ ok: true, data: { updated: 3 } });
    expect(await call('images.set_rating', { ids: ids.slice(0, 2), rating: 5 })).toEqual({ ok: true, data: { updated: 2 } });
    expect(await call('images.add_tags', { ids: ids.slice(0, 4), tags: [' Sunset '] })).toEqual({ ok: true, data: { updated: 4 } });
    expect(await call('images.count', { query: { favorite: true, minRating: 5, tags: ['sunset'] } })).toEqual({ ok: true, data: { count: 2 } });
    expect(await call('tags.list', {})).toEqual({ ok: true, data: { tags: [{ name: 'Sunset', count: 4 }] } });
    expect(await call('images.remove_tags', { ids, tags: ['SUNSET'] })).toEqual({ ok: true, data: { updated: 30 } });
    expect(events.filter(([name]) => name === 'images.changed')).toHaveLength(4);

    const created = await call('collections.create', { name: 'Keepers' });
    expect(created.ok).toBe(true);
    const collectionId = (created as { data: { id: string } }).data.id;
    expect(await call('collections.add_images', { id: collectionId, imageIds: ids.slice(5, 8) })).toEqual({ ok: true, data: { updated: 3 } });
    expect(await call('collections.rename', { id: collectionId, name: 'Best' })).toMatchObject({ ok: true, data: { name: 'Best', count: 3 } });
    expect(await call('collections.list', {})).toMatchObject({ ok: true, data: { collections: [{ id: collectionId, name: 'Best', count: 3 }] } });
    expect(await call('images.count', { query: { collectionId } })).toEqual({ ok: true, data: { count: 3 } });
    expect(await call('collections.remove_images', { id: collectionId, imageIds: ids.slice(5, 6) })).toEqual({ ok: true, data: { updated: 1 } });
    expect(await call('collections.delete', { id: collectionId })).toEqual({ ok: true, data: { deleted: true } });
    expect(await call('collections.delete', { id: collectionId })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });

    const saved = await call('searches.save', { name: 'Five stars', query: { minRating: 5, sort: 'rating' } });
    expect(saved).toMatchObject({ ok: true, data: { name: 'Five stars', query: { minRating: 5, sort: 'rating' } } });
    expect(await call('searches.list', {})).toMatchObject({ ok: true, data: { searches: [{ name: 'Five stars' }] } });
    expect(await call('searches.delete', { id: (saved as { data: { id: string } }).data.id })).toEqual({ ok: true, data: { deleted: true } });

    const list = await call('images.search', { query: {}, limit: 200 });
    expect(list).toMatchObject({ ok: true, data: { nextCursor: null } });
    expect((list as { data: { items: unknown[] } }).data.items).toHaveLength(30);
  });

  it('refuses malformed input at the boundary and bad cursors with INVALID_INPUT', async () => {
    for (const [route, input] of [
      ['images.search', { query: { sort: 'random' } }],
      ['images.search', { query: { text: 'x', extra: 1 } }],
      ['images.search', { query: {}, limit: 501 }],
      ['images.set_rating', { ids: ['00000000-0000-4000-8000-000000000001'], rating: 6 }],
      ['images.add_tags', { ids: ['00000000-0000-4000-8000-000000000001'], tags: ['   '] }],
      ['images.set_favorite', { ids: [], favorite: true }],
      ['collections.create', { name: '' }],
      ['images.search', { query: {}, cursor: 'not-a-cursor' }],
    ] as const) {
      expect(await core.dispatch(route, input, ctx), `${route} ${JSON.stringify(input)}`).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
  });
});
