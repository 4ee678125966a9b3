import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildHandlers } from '../../src/main/core/handlers/index.ts';
import { createRouter } from '../../src/main/core/ipc/router.ts';
import { createKeytarStore } from '../../src/main/core/secrets/keytarStore.ts';
import type { SecretStore } from '../../src/main/core/secrets/secretStore.ts';
import type { Services } from '../../src/main/core/services.ts';
import type { AccountStatus } from '../../src/shared/ipc/schemas/catalog.ts';
import { type FakeVenice, startFakeVenice } from '../fake-venice/server.ts';
import { createHarness, generationPosts, type Harness, KEY, simple, waitFor } from './helpers/queueHarness.ts';
import { inertContext } from './helpers/requestContext.ts';

/**
 * Saving a key asks Venice's free account call first: a key Venice refuses is not stored, a key that cannot be
 * checked (offline) is stored as "not verified yet". The real keychain (gnome-keyring under D-Bus), the fake
 * over HTTP, the real router.
 */
const EXPIRY = '2027-01-31T00:00:00.000Z';
const ctx = inertContext();
const accountCalls = (f: FakeVenice) => f.requests.filter((r) => r.method === 'GET' && r.path.endsWith('/api_keys/rate_limits'));

describe('the API key is checked when it is saved', () => {
  let fake: FakeVenice | null = null;
  let h: Harness;
  let store: SecretStore;

  beforeEach(async () => {
    if (!process.env.DBUS_SESSION_BUS_ADDRESS) throw new Error('No D-Bus session: run under dbus-run-session with gnome-keyring (see scripts/test.mjs)');
    h = await createHarness();
    store = createKeytarStore({ service: `Lagoon-test-${randomUUID()}` });
  });
  afterEach(async () => {
    await store.delete();
    await h.dispose();
    await fake?.close();
    fake = null;
  });

  const open = (baseUrl: string): { services: Services; dispatch: ReturnType<typeof createRouter> } => {
    const services = h.open(baseUrl, { secretStore: store, queue: { probeIntervalMs: 50 } });
    return { services, dispatch: createRouter(buildHandlers(services)) };
  };

  it('refuses a key Venice answers with 401: nothing is stored, and the answer says it was not saved', async () => {
    fake = await startFakeVenice({ apiKey: KEY });
    const { services, dispatch } = open(fake.url);
    await services.catalogReady;
    const answer = await dispatch('settings.set_api_key', { apiKey: 'sk-not-the-right-key-1234' }, ctx);
    expect(answer).toMatchObject({ ok: false, error: { code: 'AUTH_REJECTED', message: expect.stringMatching(/not saved/) } });
    expect(JSON.stringify(answer)).not.toContain('sk-not-the-right-key');
    expect(await store.get()).toBeNull();
    expect(await dispatch('settings.get_key_status', {}, ctx)).toMatchObject({ ok: true, data: { present: false, verification: null } });
    expect(accountCalls(fake).at(-1)?.headers.authorization).toBe('Bearer sk-not-the-right-key-1234');
    expect(generationPosts(fake)).toBe(0);
  });

  it('stores a key Venice accepts as verified, and shows tier, balance and expiry before any image', async () => {
    fake = await startFakeVenice({ apiKey: KEY, keyExpiration: EXPIRY });
    const { services, dispatch } = open(fake.url);
    await services.catalogReady;
    const answer = await dispatch('settings.set_api_key', { apiKey: `  ${KEY}\n` }, ctx);
    expect(answer).toEqual({ ok: true, data: { present: true, last4: KEY.slice(-4), backend: 'Secret Service', verification: 'verified' } });
    expect(await store.get()).toBe(KEY);
    const status = services.account.status();
    expect(status).toMatchObject({ verification: 'verified', balanceUsd: 25, balanceDiem: 10 });
    expect(status.account).toMatchObject({ tier: 'paid', tierCharged: true, expiresAt: EXPIRY, accessPermitted: true });
    expect(generationPosts(fake)).toBe(0);

    // Another run spends a cent; the next start asks again before any image, so it shows what Venice says now.
    await services.shutdown();
    const other = open(fake.url).services;
    const [job] = other.queue.enqueue([simple('spend a cent')]);
    await h.finishedAll([job!]);
    await other.shutdown();
    const checks = accountCalls(fake).length;
    const restarted = open(fake.url).services;
    const showsNewBalance = () => h.events.some(([n, s]) => n === 'account.changed' && (s as AccountStatus).balanceUsd === 24.99);
    await waitFor('the account check at start', () => accountCalls(fake!).length > checks && showsNewBalance());
    expect(restarted.account.status()).toMatchObject({ balanceUsd: 24.99, verification: 'verified', account: { tier: 'paid' } });
  });

  it('stores a key it cannot check (offline) as not verified yet, and the next call that succeeds verifies it', async () => {
    const probe = await startFakeVenice({ apiKey: KEY });
    const url = probe.url;
    const port = Number(new URL(url).port);
    await probe.close();
    const { services, dispatch } = open(url);
    await services.catalogReady;
    const answer = await dispatch('settings.set_api_key', { apiKey: KEY }, ctx);
    expect(answer).toMatchObject({ ok: true, data: { present: true, verification: 'unverified' } });
    expect(await store.get()).toBe(KEY);
    expect(services.account.status()).toMatchObject({ verification: 'unverified', account: null });

    fake = await startFakeVenice({ apiKey: KEY, port });
    const [job] = services.queue.enqueue([simple('back online')]);
    expect((await h.finishedAll([job!]))[0]?.status).toBe('done');
    await waitFor('the key to be verified', () => services.account.status().verification === 'verified');
    expect(await dispatch('settings.get_key_status', {}, ctx)).toMatchObject({ ok: true, data: { verification: 'verified' } });
  });

  it('forgets what it knew of the account when the key is removed', async () => {
    fake = await startFakeVenice({ apiKey: KEY });
    const { services, dispatch } = open(fake.url);
    await dispatch('settings.set_api_key', { apiKey: KEY }, ctx);
    await dispatch('settings.clear_api_key', {}, ctx);
    expect(services.account.status()).toMatchObject({ verification: null, account: null });
    expect(await store.get()).toBeNull();
  });
});
