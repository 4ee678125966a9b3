import { describe, expect, it, vi } from 'vitest';
import { ERROR_CODES } from '../../src/shared/errors.ts';
import { routes } from '../../src/shared/ipc/contract.ts';
import { buildHandlers } from '../../src/main/core/handlers/index.ts';
import type { AccountService } from '../../src/main/core/account/accountService.ts';
import type { CatalogService } from '../../src/main/core/catalog/catalogService.ts';
import type { GenerationQueue } from '../../src/main/core/queue/generationQueue.ts';
import { createRouter, type RequestContext } from '../../src/main/core/ipc/router.ts';
import type { Library } from '../../src/main/core/library/library.ts';
import type { SecretStore } from '../../src/main/core/secrets/secretStore.ts';
import type { Backups } from '../../src/main/core/library/backup.ts';
import type { DbChecks } from '../../src/main/core/db/dbChecks.ts';
import type { Curation } from '../../src/main/core/library/curation/curation.ts';
import type { Trash } from '../../src/main/core/library/trash.ts';
import type { Transfer } from '../../src/main/core/transfer/transferService.ts';
import type { Database } from 'better-sqlite3';
import { recordingContext } from './helpers/requestContext.ts';
import type { IterateService } from '../../src/main/core/iterate/iterateService.ts';

const ctx: RequestContext = recordingContext().ctx;
const IMAGE_ID = '0b6f6c1e-3a4f-4d0e-9d4b-2f1c8a7e5b90';

const health = () => ({ state: 'ok' as const, details: null, orphansQuarantined: 0, rowsMissingFile: 0 });

/** Services that record calls: the router tests are about the boundary, not the services behind it. */
const makeServices = () => {
  const library = {
    search: vi.fn(() => ({ items: [], nextCursor: null, highlights: {} })),
    get: vi.fn(() => null),
    mediaPath: vi.fn(() => null),
    getSetting: vi.fn(() => null),
    setSetting: vi.fn(),
    ingest: vi.fn(),
  } as unknown as Library;
  const secrets: SecretStore = { get: vi.fn(async () => null), set: vi.fn(async () => {}), delete: vi.fn(async () => {}), backend: 'test' };
  // The queue, catalogue and account have their own tests (queue-*, catalog-*); here they only need to exist.
  const queue = { enqueue: vi.fn(() => []) } as unknown as GenerationQueue;
  const catalog = {} as CatalogService;
  const account = {} as AccountService;
  // The library's own routes (trash, backups, transfer) have their own tests; a row lookup finds nothing here.
  const db = { prepare: vi.fn(() => ({ get: vi.fn(() => undefined) })) } as unknown as Database;
  const trash = {} as Trash;
  const backups = {} as Backups;
  const checks = {} as DbChecks;
  const transfer = {} as Transfer;
  const curation = {} as Curation;
  const iterate = {} as IterateService;
  return { library, secrets, queue, catalog, account, db, dataDir: '/nonexistent', trash, backups, checks, health, transfer, curation, iterate };
};

describe('IPC contract', () => {
  it('has exactly one handler per route', () => {
    expect(Object.keys(buildHandlers(makeServices())).toSorted()).toEqual(Object.keys(routes).toSorted());
  });

  it('names routes domain.action and error codes in CONSTANT_CASE', () => {
    for (const name of Object.keys(routes)) expect(name).toMatch(/^[a-z]+\.[a-z_]+$/);
    for (const code of ERROR_CODES) expect(code).toMatch(/^[A-Z_]+$/);
  });

  it('declares no output field that could carry the key (only the 4-character hint)', () => {
    const suspicious = /key|token|secret|authorization/i;
    const walk = (schema: unknown, path: string[]): string[] => {
      const shape = (schema as { shape?: Record<string, unknown> }).shape;
      if (!shape) return [];
      return Object.entries(shape).flatMap(([field, child]) =>
        suspicious.test(field) ? [[...path, field].join('.')] : walk(child, [...path, field]),
      );
    };
    const offending = Object.entries(routes).flatMap(([name, def]) => walk(def.output, [name]));
    expect(offending).toEqual([]);
  });
});

describe('router', () => {
  it('rejects an unknown route without running anything', async () => {
    const services = makeServices();
    const dispatch = createRouter(buildHandlers(services));
    for (const bad of ['nope', '__proto__', 'constructor', 'toString', 42, null, undefined, { route: 'images.search' }]) {
      const result = await dispatch(bad, {}, ctx);
      expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_ROUTE' } });
    }
    expect(services.library.search).not.toHaveBeenCalled();
  });

  it('rejects bad input before the handler runs, with field details', async () => {
    const services = makeServices();
    const dispatch = createRouter(buildHandlers(services));
    const bad: Array<[string, unknown]> = [
      ['images.search', { query: {}, limit: 0 }],
      ['images.search', { query: {}, limit: 501 }],
      ['images.search', { query: {}, extra: true }],
      ['images.search', null],
      ['images.search', JSON.parse('{"query":{},"__proto__":{"polluted":1}}')],
      ['images.get', { id: '../../etc/passwd' }],
      ['images.get', {}],
      ['images.start_drag', { id: '/home/user/.ssh/id_rsa' }],
      ['settings.set_api_key', { apiKey: 'x'.repeat(5000) }],
      ['settings.set_api_key', { apiKey: 42 }],
      ['settings.set_language', { language: 'fr' }],
      ['jobs.enqueue', { requests: [{ endpoint: 'openai', prompt: '', size: '1024x1024', outputFormat: 'png', moderation: 'auto' }] }],
      ['jobs.enqueue', { requests: [{ endpoint: 'openai', prompt: 'x'.repeat(1501), size: '1024x1024', outputFormat: 'png', moderation: 'auto' }] }],
      ['jobs.enqueue', { requests: [{ endpoint: 'openai', prompt: '\uD800 lone surrogate', size: '1024x1024', outputFormat: 'png', moderation: 'auto' }] }],
      ['jobs.enqueue', { requests: [{ endpoint: 'openai', prompt: 'ok', size: '999x999', outputFormat: 'png', moderation: 'auto' }] }],
      ['jobs.enqueue', { requests: [{ endpoint: 'openai', prompt: 'ok', size: '1024x1024', outputFormat: 'gif', moderation: 'auto' }] }],
      ['jobs.enqueue', { requests: [{ endpoint: 'openai', prompt: 'ok', size: '1024x1024', outputFormat: 'png', moderation: 'off' }] }],
    ];
    for (const [route, input] of bad) {
      const result = await dispatch(route, input, ctx);
      expect(result, `${route} ${JSON.stringify(input)}`).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
    expect(services.library.search).not.toHaveBeenCalled();
    expect(services.library.get).not.toHaveBeenCalled();
    expect(services.secrets.set).not.toHaveBeenCalled();
    expect(services.queue.enqueue).not.toHaveBeenCalled();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('accepts 1500 code points even when that is 3000 UTF-16 units (emoji)', async () => {
    const services = makeServices();
    const dispatch = createRouter(buildHandlers(services));
    const request = { endpoint: 'openai', prompt: '🌊'.repeat(1500), size: 'auto', outputFormat: 'png', moderation: 'auto' };
    const result = await dispatch('jobs.enqueue', { requests: [request] }, ctx);
    expect(result).toEqual({ ok: true, data: { jobs: [] } });
    expect(services.queue.enqueue).toHaveBeenCalledOnce();
  });

  it('turns AppErrors into envelopes and hides anything else behind INTERNAL', async () => {
    const services = makeServices();
    const log = vi.fn();
    (services.library.search as unknown as ReturnType<typeof vi.fn>).mockImplementation(() => {
      throw new Error('disk exploded: Bearer sk-canary-123456789');
    });
    const dispatch = createRouter(buildHandlers(services), log);
    const result = await dispatch('images.search', { query: {} }, ctx);
    expect(result).toEqual({ ok: false, error: { code: 'INTERNAL', message: expect.any(String) } });
    expect(JSON.stringify(result)).not.toContain('disk exploded');
    expect(log.mock.calls.join('\n')).not.toContain('sk-canary-123456789');

    const notFound = await dispatch('images.get', { id: IMAGE_ID }, ctx);
    expect(notFound).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('refuses to drag out an id that is not a library image', async () => {
    const services = makeServices();
    const { ctx: recording, calls } = recordingContext();
    const dispatch = createRouter(buildHandlers(services));
    const result = await dispatch('images.start_drag', { ids: [IMAGE_ID] }, recording);
    expect(result).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(calls).toEqual([]);
  });
});
