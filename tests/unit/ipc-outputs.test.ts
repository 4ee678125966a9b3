import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHandlers } from '../../src/main/core/handlers/index.ts';
import { createRouter, type Dispatch } from '../../src/main/core/ipc/router.ts';
import { createServices, type Services } from '../../src/main/core/services.ts';
import type { Result } from '../../src/shared/errors.ts';
import { type RouteName, routes } from '../../src/shared/ipc/contract.ts';
import type { Job } from '../../src/shared/ipc/schemas/jobs.ts';
import { type FakeVenice, startFakeVenice } from '../fake-venice/server.ts';
import { makeImage } from './fixtures/transferImages.ts';
import { KEY, memoryStore, simple } from './helpers/queueHarness.ts';
import { recordingContext } from './helpers/requestContext.ts';

/**
 * Every route, through the real router and real services (SQLite files, image files, the fake Venice over HTTP),
 * answers inside its own output schema. The router checks answers itself in tests (LAGOON_CHECK_OUTPUTS); this
 * file makes sure each route is asked at least once. A new route needs a case below.
 */
let root: string;
let fake: FakeVenice;
let services: Services;
let dispatch: Dispatch;
const dialogs = recordingContext();

/** What earlier cases made, for the cases that need an id. */
const made: { images: string[]; doneJob?: string; failedJob?: string; collection?: string; search?: string; importFile?: string } = { images: [] };

beforeAll(async () => {
  root = realpathSync(mkdtempSync(join(tmpdir(), 'lagoon-outputs-')));
  fake = await startFakeVenice({ apiKey: KEY });
  services = createServices(
    { dataDir: join(root, 'data'), apiBaseUrl: fake.url, keychainService: 'unused' },
    { secretStore: memoryStore(), launchMaintenance: false },
  );
  dispatch = createRouter(buildHandlers({ ...services, apiBaseUrl: fake.url }));
  const exportFolder = join(root, 'export');
  mkdirSync(exportFolder);
  made.importFile = join(root, 'import-me.png');
  writeFileSync(made.importFile, await makeImage('png', { seed: 4242 }));
  Object.assign(dialogs.answers, { exportFolder, importSources: [made.importFile] });
});
afterAll(async () => {
  await services.shutdown();
  await fake.close();
  rmSync(root, { recursive: true, force: true });
});

const settle = async (jobs: Job[]): Promise<Job[]> => Promise.all(jobs.map((job) => services.queue.settled(job.id)));
const ids = (n: number): string[] => made.images.slice(0, n);
const image = (i: number): string => made.images[i]!;

/** Route → its input, in the order run (later cases use what earlier ones made). */
const CASES: Array<[RouteName, () => unknown | Promise<unknown>]> = [
  ['settings.get_key_status', () => ({})],
  ['settings.set_api_key', () => ({ apiKey: KEY })],
  ['settings.get_preferences', () => ({})],
  ['settings.set_language', () => ({ language: 'de' })],
  ['settings.set_library_prefs', () => ({ backupsToKeep: 3, trashRetentionDays: 14 })],
  ['settings.set_spend_limit', () => ({ spendLimitUsd: 2.5 })],
  ['settings.set_start_view', () => ({ view: 'library' })],
  ['settings.set_prepaint', () => ({ prepaint: { viewport: { width: 1280, height: 800 }, left: 452, top: 157, columns: 4, rows: 4, tile: 181, gap: 10 } })],
  ['settings.get_connection', () => ({})],
  ['models.list', () => ({})],
  [
    'jobs.enqueue',
    async () => {
      // Made first and settled here, so the enqueue case below finds images, a done job and a failed one.
      const [done, failed] = services.queue.enqueue([simple('a harbour at dusk', { size: '256x256' }), simple('[fail:500] a storm')]);
      const settled = await settle([done!, failed!]);
      made.doneJob = settled[0]!.id;
      made.failedJob = settled[1]!.id;
      const batch = await settle(services.queue.enqueue([simple('a lighthouse'), simple('a heron'), simple('a paper boat')]));
      made.images.push(...settled[0]!.imageIds, ...batch.flatMap((job) => job.imageIds));
      return { requests: [simple('one more, from the form')] };
    },
  ],
  ['jobs.list', () => ({ limit: 50 })],
  ['jobs.cancel', () => ({ id: made.doneJob })],
  ['jobs.cancel_all', () => ({})],
  ['jobs.clear_finished', () => ({})],
  ['jobs.retry', () => ({ id: made.failedJob })],
  ['prompts.recent', () => ({})],
  ['account.get_status', () => ({})],
  ['images.get', () => ({ id: image(0) })],
  ['images.missing', () => ({ ids: [image(0), '0b6f6c1e-3a4f-4d0e-9d4b-2f1c8a7e5b90'] })],
  ['images.lineage', () => ({ id: image(0) })],
  ['images.family', () => ({ id: image(0) })],
  ['images.family_roots', () => ({ ids: ids(3) })],
  ['iterate.catalog', () => ({})],
  ['iterate.prepare', () => ({ draft: { endpoint: 'remove-background', prompt: '', inputs: [{ kind: 'library', id: image(0) }] } })],
  ['iterate.queue', () => ({ draft: { endpoint: 'remove-background', prompt: '', inputs: [{ kind: 'library', id: image(0) }] } })],
  // Within Venice's bounds already: answered with its own id (iterate-downscale.test.ts makes real copies).
  ['iterate.downscale_input', () => ({ id: image(0) })],
  [
    'jobs.enqueue',
    () => ({
      // A reference image and the optional native fields: the queued job's request (hashes pinned) answers in schema.
      requests: [
        {
          endpoint: 'native',
          prompt: 'a heron like this one',
          model: 'nano-banana-2',
          variants: 1,
          format: 'png',
          safeMode: true,
          hideWatermark: false,
          enableWebSearch: true,
          disablePromptThinking: true,
          loraStrength: 40,
          styleReferences: [{ input: { kind: 'library', id: image(0) }, strength: 0.7 }],
        },
      ],
    }),
  ],
  // Answered again with the reference job among them, and with the catalogue's capability fields (fresh from Venice).
  ['jobs.list', () => ({ limit: 50 })],
  ['models.list', () => ({ refresh: true })],
  ['images.start_drag', () => ({ ids: ids(2) })],
  ['images.search', () => ({ query: { text: 'light' }, limit: 10 })],
  ['images.count', () => ({ query: {} })],
  ['images.seek', () => ({ query: { sort: 'rating' }, offset: 3 })],
  ['images.timeline', () => ({ query: { text: 'light', sort: 'oldest' } })],
  // The search syntax and the lineage filters (migration 0012's facets).
  ['images.search', () => ({ query: { text: 'lighthouses OR heron -boat', kind: 'original', hasVersions: false }, limit: 10 })],
  ['images.count', () => ({ query: { kind: 'remove-background', hasVersions: true } })],
  ['images.seek', () => ({ query: { text: '🐉' }, offset: 1 })],
  ['images.set_favorite', () => ({ ids: ids(2), favorite: true })],
  ['images.set_rating', () => ({ ids: ids(2), rating: 4 })],
  ['images.add_tags', () => ({ ids: ids(3), tags: ['dusk', 'sea'] })],
  ['images.remove_tags', () => ({ ids: ids(1), tags: ['sea'] })],
  ['tags.list', () => ({})],
  ['collections.create', () => ({ name: 'Moodboard Q4' })],
  ['collections.list', () => ({})],
  ['collections.rename', () => ({ id: made.collection, name: 'Moodboard Q1' })],
  ['collections.add_images', () => ({ id: made.collection, imageIds: ids(2) })],
  ['collections.remove_images', () => ({ id: made.collection, imageIds: ids(1) })],
  ['collections.delete', () => ({ id: made.collection })],
  ['searches.save', () => ({ name: 'Four stars', query: { minRating: 4 } })],
  ['searches.list', () => ({})],
  ['searches.delete', () => ({ id: made.search })],
  ['images.copy_prompt', () => ({ id: image(0) })],
  ['images.copy_image', () => ({ id: image(0) })],
  ['images.reveal', () => ({ id: image(0) })],
  ['images.export', () => ({ ids: ids(2), options: { stripMetadata: false, sidecar: true, zip: false } })],
  ['images.import', () => ({ pick: 'files' })],
  ['images.import_cancel', () => ({})],
  ['images.import_file', async () => ({ name: 'dropped.webp', bytes: new Uint8Array(await makeImage('webp', { seed: 99 })) })],
  ['iterate.add_file', async () => ({ name: 'pasted.png', bytes: new Uint8Array(await makeImage('png', { seed: 7321 })) })],
  ['images.trash', () => ({ ids: [image(1), image(2)] })],
  ['images.restore', () => ({ ids: [image(1)] })],
  ['images.delete_forever', () => ({ ids: [image(2)] })],
  ['images.trash', () => ({ ids: [image(3)] })],
  ['trash.empty', () => ({})],
  ['library.check_integrity', () => ({})],
  ['library.backup_now', () => ({})],
  ['library.list_backups', () => ({})],
  ['library.health', () => ({})],
  ['settings.clear_api_key', () => ({})],
];

/**
 * Routes whose success needs a state these cases cannot reach without another process (a `lagoon` command that died
 * mid-job leaves an interrupted job): they are still asked, and must answer with a coded error, not INTERNAL.
 */
const ERROR_ONLY = new Map<RouteName, () => unknown>([
  ['jobs.run_interrupted', () => ({ id: made.doneJob })],
  ['jobs.discard_interrupted', () => ({ id: made.doneJob })],
  // No such backup: restoring needs one, and a real restore would swap this test's database.
  ['library.restore_backup', () => ({ name: 'lagoon-20000101-000000-000.db' })],
]);

/** Remembers the ids the create routes hand back. */
const remember = (route: RouteName, data: unknown): void => {
  if (route === 'collections.create') made.collection = (data as { id: string }).id;
  if (route === 'searches.save') made.search = (data as { id: string }).id;
};

describe('every route answers inside its output schema', () => {
  it('has a case for every route in the contract, and no case for a route that is not', () => {
    const asked = new Set<string>([...CASES.map(([route]) => route), ...ERROR_ONLY.keys()]);
    expect(Object.keys(routes).filter((route) => !asked.has(route))).toEqual([]);
    expect([...asked].filter((route) => !(route in routes))).toEqual([]);
  });

  it('runs each case through the real router and parses each answer with its schema', async () => {
    const answered: string[] = [];
    for (const [route, input] of CASES) {
      const result: Result<unknown> = await dispatch(route, await input(), dialogs.ctx);
      expect(result, route).toMatchObject({ ok: true });
      if (!result.ok) continue;
      const parsed = routes[route].output.safeParse(result.data);
      expect(parsed.success ? [] : parsed.error.issues, route).toEqual([]);
      remember(route, result.data);
      answered.push(route);
    }
    expect(answered).toHaveLength(CASES.length);
  });

  it.each([...ERROR_ONLY.keys()])('%s answers with a coded error when no job is interrupted', async (route) => {
    const result = await dispatch(route, ERROR_ONLY.get(route)!(), dialogs.ctx);
    expect(result).toMatchObject({ ok: false });
    expect(result.ok ? null : result.error.code).not.toBe('INTERNAL');
  });

  it('an answer outside its schema fails as INTERNAL, and the log names the path, never the value', async () => {
    const lines: string[] = [];
    const leaky = { ...buildHandlers({ ...services, apiBaseUrl: fake.url }), 'library.health': async () => ({ state: 'ok', prompt: 'a private prompt' }) };
    const strict = createRouter(leaky as unknown as Parameters<typeof createRouter>[0], (line) => lines.push(line), { checkOutputs: true });
    expect(await strict('library.health', {}, dialogs.ctx)).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(lines.join('\n')).toMatch(/library\.health answered outside its schema/);
    expect(lines.join('\n')).not.toContain('a private prompt');
    const lenient = createRouter(leaky as unknown as Parameters<typeof createRouter>[0], (line) => lines.push(line), { checkOutputs: false });
    expect(await lenient('library.health', {}, dialogs.ctx)).toMatchObject({ ok: true });
  });
});
