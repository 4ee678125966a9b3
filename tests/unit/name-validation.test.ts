import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/main/core/createCore.ts';
import type { SecretStore } from '../../src/main/core/secrets/secretStore.ts';
import { inertContext } from './helpers/requestContext.ts';

/** Names people type (tags, collections, saved searches) are checked by the route's schema, never by the database. */
const noKeychain: SecretStore = { backend: 'memory', get: async () => null, set: async () => undefined, delete: async () => undefined };
const ctx = inertContext();
const SOME_ID = '0b8a2f4e-5d1c-4e7a-9c3b-2a1f0e9d8c7b';

let dataDir: string;
let core: Core;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'lagoon-names-'));
  core = await createCore(
    { dataDir, apiBaseUrl: 'http://127.0.0.1:9/api/v1', keychainService: 'unused' },
    { rendererDir: join(dataDir, 'no-renderer'), secretStore: noKeychain, launchMaintenance: false },
  );
});
afterAll(async () => {
  core.close();
  await rm(dataDir, { recursive: true, force: true });
});

/** Each way a name reaches the library, with the name put where the route takes it. */
const namers = {
  'collections.create': (name: string) => core.dispatch('collections.create', { name }, ctx),
  'collections.rename': (name: string) => core.dispatch('collections.rename', { id: SOME_ID, name }, ctx),
  'searches.save': (name: string) => core.dispatch('searches.save', { name, query: {} }, ctx),
  'images.add_tags': (name: string) => core.dispatch('images.add_tags', { ids: [SOME_ID], tags: [name] }, ctx),
};

const CONTROL_NAMES = {
  'only NUL': '\u0000',
  'only C0 controls': '\u0001\u0002\u001f',
  'only DEL and C1 controls': '\u007f\u0085\u009b',
  'a control character inside a name': 'Moodboard\u0000Q4',
  'an escape sequence': 'red\u001b[31m',
};

describe.each(Object.entries(namers))('%s', (_route, name) => {
  it.each(Object.entries(CONTROL_NAMES))('refuses %s as INVALID_INPUT', async (_what, bad) => {
    const result = await name(bad);
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('refuses a name of only white space as INVALID_INPUT', async () => {
    expect(await name(' \t\n ')).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});

describe('accepted names', () => {
  it('are trimmed and keep their letters, emoji and inner spaces', async () => {
    const created = await core.dispatch('collections.create', { name: '  Moodboard Q4 🐉 ' }, ctx);
    expect(created).toMatchObject({ ok: true, data: { name: 'Moodboard Q4 🐉' } });
    const saved = await core.dispatch('searches.save', { name: '\tLeuchttürme\n', query: {} }, ctx);
    expect(saved).toMatchObject({ ok: true, data: { name: 'Leuchttürme' } });
  });
});
