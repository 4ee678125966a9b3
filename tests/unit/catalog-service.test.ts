import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildHandlers } from '../../src/main/core/handlers/index.ts';
import { createRouter } from '../../src/main/core/ipc/router.ts';
import { CATALOG_MAX_AGE_MS } from '../../src/main/core/catalog/catalogService.ts';
import { zCatalog } from '../../src/shared/ipc/schemas/catalog.ts';
import { type FakeVenice, startFakeVenice } from '../fake-venice/server.ts';
import { createHarness, type Harness, KEY, manualClock, simple } from './helpers/queueHarness.ts';
import { inertContext } from './helpers/requestContext.ts';

const ctx = inertContext();
const T0 = Date.UTC(2026, 7, 20, 9, 0, 0);

describe('model catalogue: cached in the database, refreshed when stale or asked', () => {
  let fake: FakeVenice | null;
  let h: Harness;
  const modelGets = () => fake!.requests.filter((r) => r.method === 'GET' && r.path.endsWith('/models')).length;

  beforeEach(async () => {
    h = await createHarness();
    fake = await startFakeVenice({ apiKey: KEY });
  });
  afterEach(async () => {
    await h.dispose();
    await fake?.close();
  });

  /** Opens at `at` (ms) and waits for the launch-time refresh, if any. */
  const openAt = async (url: string, at: number) => {
    const services = h.open(url, { clock: manualClock(at) });
    await services.catalogReady;
    return services;
  };

  it('fetches models, styles and traits at first start and stores them', async () => {
    const services = await openAt(fake!.url, T0);
    const catalog = await services.catalog.list();
    expect(zCatalog.parse(catalog)).toEqual(catalog);
    expect(catalog.models.map((m) => m.id)).toContain('venice-sd35');
    expect(catalog.models[0]?.id).toBe('z-image-turbo');
    expect(catalog.styles.length).toBeGreaterThan(50);
    expect(catalog.traits.default).toBe('z-image-turbo');
    expect(catalog.fetchedAt).toBe(T0);
    expect(services.db.prepare('SELECT count(*) AS n FROM models_cache').get()).toEqual({ n: catalog.models.length });
    expect(modelGets()).toBe(1);
    expect(services.catalog.priceFor(simple('default model'))).toBe(0.01);
  });

  it('works offline from the cache; an explicit refresh that fails rejects and keeps the cache', async () => {
    const first = await (await openAt(fake!.url, T0)).catalog.list();
    h.services.close();
    const { url } = fake!;
    await fake!.close();
    fake = null;

    const offline = await openAt(url, T0 + 60_000);
    const dispatch = createRouter(buildHandlers(offline));
    expect(await dispatch('models.list', {}, ctx)).toEqual({ ok: true, data: first });
    expect(await dispatch('models.list', { refresh: true }, ctx)).toMatchObject({ ok: false, error: { code: 'OFFLINE' } });
    expect(await offline.catalog.list()).toEqual(first);
    expect(offline.catalog.model('flux-2-pro')?.sizing).toBe('aspect_ratio');
  });

  it('refreshes at start only when the cache is older than a day', async () => {
    await openAt(fake!.url, T0);
    h.services.close();
    await openAt(fake!.url, T0 + CATALOG_MAX_AGE_MS - 1);
    expect(modelGets()).toBe(1);
    h.services.close();
    const later = await openAt(fake!.url, T0 + CATALOG_MAX_AGE_MS + 1);
    expect(modelGets()).toBe(2);
    expect((await later.catalog.list()).fetchedAt).toBe(T0 + CATALOG_MAX_AGE_MS + 1);
  });

  it('a first start offline has an empty catalogue and does not crash; the next refresh fills it', async () => {
    const { url, port } = { url: fake!.url, port: Number(new URL(fake!.url).port) };
    await fake!.close();
    const services = await openAt(url, T0);
    expect(await services.catalog.list()).toEqual({ models: [], styles: [], traits: {}, fetchedAt: null });
    fake = await startFakeVenice({ apiKey: KEY, port });
    const refreshed = await services.catalog.list({ refresh: true });
    expect(refreshed.models.length).toBeGreaterThan(5);
    expect(services.connectivity.online).toBe(true);
  });

  it('two refreshes asked for at once share one round trip', async () => {
    const services = await openAt(fake!.url, T0);
    await Promise.all([services.catalog.list({ refresh: true }), services.catalog.list({ refresh: true })]);
    expect(modelGets()).toBe(2);
  });

  it('skips a cached row it can no longer read instead of failing the list', async () => {
    const services = await openAt(fake!.url, T0);
    const count = (await services.catalog.list()).models.length;
    services.db.prepare("UPDATE models_cache SET info_json = '{\"id\":\"broken\"}' WHERE id = 'qwen-image'").run();
    h.services.close();
    const reopened = await openAt(fake!.url, T0 + 1000);
    const models = (await reopened.catalog.list()).models;
    expect(models).toHaveLength(count - 1);
    expect(models.some((m) => m.id === 'qwen-image' || m.id === 'broken')).toBe(false);
  });
});
