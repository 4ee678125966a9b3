import { existsSync, mkdirSync, mkdtempSync, readdirSync, realpathSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../../src/main/core/db/openDatabase.ts';
import { createEventBus } from '../../src/main/core/events/eventBus.ts';
import { createLibrary, type Library } from '../../src/main/core/library/library.ts';
import { mediaName } from '../../src/main/core/library/mediaNames.ts';
import { isMediaName, listPendingPurges, recordPendingPurge } from '../../src/main/core/library/pendingPurges.ts';
import { reconcileLibrary } from '../../src/main/core/library/reconcile.ts';
import { PURGE_CANDIDATES_SQL } from '../../src/main/core/library/purgeBatches.ts';
import { createTrash, type Trash, type TrashHooks } from '../../src/main/core/library/trash.ts';
import type { ImageFormat } from '../../src/shared/venice.ts';
import { makeImage } from './fixtures/transferImages.ts';

const DAY = 24 * 60 * 60 * 1000;

let root: string;
let dataDir: string;
let db: Database;
let library: Library;
let clock: number;
let events: Array<{ reason: string; ids: string[] }>;
let seed = 0;

const makeTrash = (extra: { hooks?: TrashHooks; batchSize?: number } = {}): Trash => {
  const bus = createEventBus();
  bus.subscribe((name, payload) => {
    if (name === 'images.changed') events.push(payload as { reason: string; ids: string[] });
  });
  return createTrash({ db, dataDir, events: bus, now: () => clock, log: () => {}, ...extra });
};

beforeEach(() => {
  root = realpathSync(mkdtempSync(join(tmpdir(), 'lagoon-trash-')));
  dataDir = join(root, 'data');
  db = openDatabase(join(dataDir, 'lagoon.db'));
  clock = Date.UTC(2025, 0, 1);
  library = createLibrary({ db, dataDir, now: () => clock });
  events = [];
});
afterEach(() => {
  closeDatabase(db);
  rmSync(root, { recursive: true, force: true });
});

const ingest = async (format: ImageFormat = 'png') =>
  (await library.ingest({
    bytes: await makeImage(format, { seed: ++seed }),
    format,
    prompt: `image ${seed}`,
    model: 'm',
    endpoint: 'openai',
    request: { prompt: `image ${seed}` },
    response: {},
  })).id;

const trashedAt = (id: string): number | null | undefined =>
  (db.prepare('SELECT trashed_at AS t FROM images WHERE id = ?').get(id) as { t: number | null } | undefined)?.t;
const rowExists = (id: string) => trashedAt(id) !== undefined;
const filesOf = (id: string, format: ImageFormat = 'png') => [join(dataDir, mediaName('image', { id, format })), join(dataDir, mediaName('thumb', { id, format }))];

describe('trash and restore', () => {
  it('moves live images to the trash with the current time and back, touching nothing else', async () => {
    const [a, b, c] = [await ingest(), await ingest(), await ingest()];
    const trash = makeTrash();
    clock += 5000;
    expect(trash.trash([a, b, '00000000-0000-4000-8000-000000000000'])).toEqual([a, b]);
    expect([trashedAt(a), trashedAt(b), trashedAt(c)]).toEqual([clock, clock, null]);
    // Trashing again keeps the first time: the retention counts from when it was first deleted.
    clock += 5000;
    expect(trash.trash([a])).toEqual([]);
    expect(trashedAt(a)).toBe(clock - 5000);
    expect(trash.restore([a, c])).toEqual([a]);
    expect([trashedAt(a), trashedAt(b), trashedAt(c)]).toEqual([null, clock - 5000, null]);
    for (const id of [a, b, c]) for (const f of filesOf(id)) expect(existsSync(f), f).toBe(true);
    expect(events).toEqual([
      { reason: 'updated', ids: [a, b] },
      { reason: 'updated', ids: [a] },
    ]);
  });
});

describe('purge', () => {
  it('empties the trash: rows, image files and thumbnails of trashed images only, and their tags with them', async () => {
    const live = await ingest('webp');
    const gone = [await ingest('png'), await ingest('jpeg')];
    db.prepare("INSERT INTO tags (id, name) VALUES (1, 'sea')").run();
    for (const id of [live, ...gone]) db.prepare('INSERT INTO image_tags (tag_id, image_id) VALUES (1, ?)').run(id);
    const trash = makeTrash();
    trash.trash(gone);
    expect(await trash.empty()).toBe(2);
    for (const id of gone) expect(rowExists(id)).toBe(false);
    expect(existsSync(filesOf(gone[0]!, 'png')[0]!)).toBe(false);
    expect(existsSync(filesOf(gone[0]!, 'png')[1]!)).toBe(false);
    expect(existsSync(filesOf(gone[1]!, 'jpeg')[0]!)).toBe(false);
    expect(existsSync(filesOf(gone[1]!, 'jpeg')[1]!)).toBe(false);
    for (const f of filesOf(live, 'webp')) expect(existsSync(f)).toBe(true);
    expect(trashedAt(live)).toBe(null);
    expect(db.prepare('SELECT image_id FROM image_tags').pluck().all()).toEqual([live]);
    expect(listPendingPurges(db)).toEqual([]);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(events.at(-1)).toEqual({ reason: 'removed', ids: gone });
    // Nothing left to purge: a second empty is a no-op.
    expect(await trash.empty()).toBe(0);
  });

  it('purges only what was trashed longer ago than the retention, by the injected clock', async () => {
    const [old, recent, live] = [await ingest(), await ingest(), await ingest()];
    const trash = makeTrash();
    trash.trash([old]);
    clock += 20 * DAY;
    trash.trash([recent]);
    clock += 10 * DAY + 1;
    expect(await trash.purgeExpired(30)).toBe(1);
    expect([rowExists(old), rowExists(recent), rowExists(live)]).toEqual([false, true, true]);
    expect(await trash.purgeExpired(30)).toBe(0);
    clock += 20 * DAY;
    expect(await trash.purgeExpired(30)).toBe(1);
    expect([rowExists(recent), rowExists(live)]).toEqual([false, true]);
  });

  it('works through a large trash in batches, each its own transaction', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) ids.push(await ingest());
    const trash = makeTrash({ batchSize: 3 });
    trash.trash(ids);
    expect(await trash.empty()).toBe(7);
    expect(events.filter((e) => e.reason === 'removed').map((e) => e.ids.length)).toEqual([3, 3, 1]);
    expect(db.prepare('SELECT count(*) FROM images').pluck().get()).toBe(0);
  });

  it('deletes chosen images forever: only trashed ones among them, in batches, files and rows together', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push(await ingest());
    const [live, ...rest] = ids;
    const trash = makeTrash({ batchSize: 2 });
    trash.trash(rest);
    const chosen = [rest[0]!, rest[1]!, rest[2]!, live!, rest[0]!, '00000000-0000-4000-8000-000000000000'];
    expect(await trash.purge(chosen)).toBe(3);
    expect(ids.map(rowExists)).toEqual([true, false, false, false, true, true]);
    for (const id of [rest[0]!, rest[1]!, rest[2]!]) for (const f of filesOf(id)) expect(existsSync(f), f).toBe(false);
    for (const id of [live!, rest[3]!, rest[4]!]) for (const f of filesOf(id)) expect(existsSync(f), f).toBe(true);
    expect(events.filter((e) => e.reason === 'removed').map((e) => e.ids)).toEqual([[rest[0], rest[1]], [rest[2]]]);
    expect(listPendingPurges(db)).toEqual([]);
    expect(await trash.purge([live!])).toBe(0);
  });

  it('never purges an image restored while the purge runs', async () => {
    const ids = [await ingest(), await ingest(), await ingest(), await ingest()];
    let trash: Trash;
    // After the first batch commits, the user restores an image of the next batch.
    trash = makeTrash({ batchSize: 2, hooks: { afterPurgeCommit: () => void trash.restore([ids[3]!]) } });
    trash.trash(ids);
    expect(await trash.empty()).toBe(3);
    expect(rowExists(ids[3]!)).toBe(true);
    for (const f of filesOf(ids[3]!)) expect(existsSync(f)).toBe(true);
  });

  it('tolerates files already gone (the sweep moved one, a thumbnail was never made)', async () => {
    const [a, b] = [await ingest(), await ingest()];
    mkdirSync(join(dataDir, 'quarantine'));
    renameSync(filesOf(a)[0]!, join(dataDir, 'quarantine', `${a}.png`));
    rmSync(filesOf(b)[1]!);
    const trash = makeTrash();
    trash.trash([a, b]);
    expect(await trash.empty()).toBe(2);
    expect(listPendingPurges(db)).toEqual([]);
    expect(readdirSync(join(dataDir, 'images'), { recursive: true }).filter((n) => String(n).includes('.'))).toEqual([]);
  });

  it('records the files with the row delete; a crash before they are removed is finished at the next start, not quarantined', async () => {
    const live = await ingest();
    const gone = await ingest();
    const trash = makeTrash({
      hooks: {
        afterPurgeCommit: () => {
          throw Object.assign(new Error('simulated crash'), { code: 'CRASH' });
        },
      },
    });
    trash.trash([gone]);
    await expect(trash.empty()).rejects.toThrow('simulated crash');
    expect(rowExists(gone)).toBe(false);
    expect(listPendingPurges(db)).toEqual([{ key: expect.stringMatching(/^purge\.pending\./), names: [mediaName('image', { id: gone, format: 'png' }), mediaName('thumb', { id: gone, format: 'png' })] }]);
    for (const f of filesOf(gone)) expect(existsSync(f)).toBe(true);

    const restarted = makeTrash();
    expect(await restarted.finishPendingPurges()).toEqual({ removed: 2, problems: [] });
    for (const f of filesOf(gone)) expect(existsSync(f)).toBe(false);
    expect(listPendingPurges(db)).toEqual([]);
    const report = await reconcileLibrary({ db, dataDir, graceMs: 0 });
    expect(report).toMatchObject({ orphansQuarantined: 0, orphanThumbsRemoved: 0, rowsMissingFile: 0, quickCheck: 'ok', problems: [] });
    for (const f of filesOf(live)) expect(existsSync(f)).toBe(true);
  });

  it('recovery never unlinks a file a row owns, nor anything that is not a media name', async () => {
    const live = await ingest();
    writeFileSync(join(root, 'outside.txt'), 'keep me');
    db.transaction(() => {
      recordPendingPurge(db, [mediaName('image', { id: live, format: 'png' }), '../outside.txt', 'images/../../outside.txt', 'lagoon.db']);
    })();
    // The hostile names never made it into the record.
    expect(listPendingPurges(db)[0]?.names).toEqual([mediaName('image', { id: live, format: 'png' })]);
    db.prepare("INSERT INTO settings (key, value) VALUES ('purge.pending.x', ?)").run(JSON.stringify(['../outside.txt', 'lagoon.db', 42]));
    expect(await makeTrash().finishPendingPurges()).toEqual({ removed: 0, problems: [] });
    for (const f of filesOf(live)) expect(existsSync(f)).toBe(true);
    expect(existsSync(join(root, 'outside.txt'))).toBe(true);
    expect(existsSync(join(dataDir, 'lagoon.db'))).toBe(true);
    expect(listPendingPurges(db)).toEqual([]);
  });

  it('removes a symlink planted at a purged name, never its target', async () => {
    const gone = await ingest();
    writeFileSync(join(root, 'target.png'), 'not the library');
    rmSync(filesOf(gone)[0]!);
    symlinkSync(join(root, 'target.png'), filesOf(gone)[0]!);
    const trash = makeTrash();
    trash.trash([gone]);
    expect(await trash.empty()).toBe(1);
    expect(existsSync(join(root, 'target.png'))).toBe(true);
  });

  it('only accepts media names of the library shape', () => {
    const id = '0b6f6c1e-3a4f-4d0e-9d4b-2f1c8a7e5b90';
    expect(isMediaName(`images/0b/${id}.png`)).toBe(true);
    expect(isMediaName(`thumbs/0b/${id}.webp`)).toBe(true);
    for (const bad of [`images/0c/${id}.png`, `thumbs/0b/${id}.png`, `images/0b/${id}.exe`, `images/0b/../${id}.png`, `quarantine/0b/${id}.png`, `images/0b/x/${id}.png`, 'lagoon.db']) {
      expect(isMediaName(bad), bad).toBe(false);
    }
  });

  it('finds purge candidates through the images_trashed partial index, never a scan', () => {
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${PURGE_CANDIDATES_SQL}`).all(0, 10) as Array<{ detail: string }>).map((r) => r.detail).join(' | ');
    expect(plan).toContain('images_trashed');
    expect(plan).not.toMatch(/SCAN images(?! USING)/u);
    expect(plan).not.toContain('TEMP B-TREE');
  });
});
