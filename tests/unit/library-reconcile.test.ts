import { createHash, randomUUID } from 'node:crypto';
import {
  existsSync, lstatSync, lutimesSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, renameSync, rmSync,
  symlinkSync, utimesSync, writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import type { Database } from 'better-sqlite3';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImageFormat } from '../../src/shared/venice.ts';
import { closeDatabase, openDatabase } from '../../src/main/core/db/openDatabase.ts';
import { createLibrary, type Library } from '../../src/main/core/library/library.ts';
import { reconcileLibrary, type ReconcileReport } from '../../src/main/core/library/reconcile.ts';
import { SHARD_ROWS_SQL } from '../../src/main/core/library/sweepRows.ts';
import { damageFreeSpace } from './helpers/damagedDatabase.ts';

let root: string;
let dataDir: string;
let outside: string;
let db: Database;
let lib: Library;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'lagoon-rec-'));
  dataDir = join(root, 'data');
  outside = join(root, 'outside');
  mkdirSync(outside);
  db = openDatabase(join(dataDir, 'lagoon.db'));
  lib = createLibrary({ db, dataDir });
});
afterEach(() => {
  closeDatabase(db);
  rmSync(root, { recursive: true, force: true });
});

const HOUR = 3_600_000;
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const clean: ReconcileReport = {
  tempFilesRemoved: 0, orphansQuarantined: 0, orphanThumbsRemoved: 0, rowsMissingFile: 0, rowsRecovered: 0,
  thumbsRegenerated: 0, quickCheck: 'ok', problems: [],
};

const makeImage = async (format: ImageFormat, width = 64, height = 48): Promise<Buffer> => {
  const base = sharp({ create: { width, height, channels: 3, background: { r: width % 256, g: 90, b: height % 256 } } });
  return format === 'png' ? base.png().toBuffer() : format === 'jpeg' ? base.jpeg().toBuffer() : base.webp().toBuffer();
};

const ingest = async (format: ImageFormat = 'png', width = 64, height = 48) =>
  lib.ingest({
    bytes: await makeImage(format, width, height), format, prompt: 'p', model: 'm', endpoint: 'openai',
    request: { prompt: 'p' }, response: { created: 1 },
  });

/** Backdates a file (or a symlink itself) so that only the grace period, not luck, decides whether it is swept. */
const age = (path: string, ms = HOUR) => {
  const t = (Date.now() - ms) / 1000;
  if (lstatSync(path).isSymbolicLink()) lutimesSync(path, t, t);
  else utimesSync(path, t, t);
};

const put = (path: string, bytes: string | Uint8Array = 'x', ageMs: number | null = HOUR): string => {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, bytes);
  if (ageMs !== null) age(path, ageMs);
  return path;
};

/** Every entry under `dir` (not following symlinks): file → sha256, symlink → its target. */
const tree = (dir: string): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true }) as Array<{ parentPath: string; name: string }>) {
    const full = join(e.parentPath, e.name);
    const st = lstatSync(full);
    const key = relative(dir, full);
    if (st.isSymbolicLink()) out[key] = `link:${readlinkSync(full)}`;
    else if (st.isFile()) out[key] = sha(readFileSync(full));
  }
  return out;
};

const mediaTree = () => Object.fromEntries(Object.entries(tree(dataDir)).filter(([k]) => !k.startsWith('lagoon.db')));
const missingAt = (id: string) => (db.prepare('SELECT file_missing_at AS v FROM images WHERE id = ?').get(id) as { v: number | null }).v;
const reconcile = (extra: { now?: () => number; graceMs?: number } = {}) => reconcileLibrary({ db, dataDir, ...extra });

describe('reconcileLibrary', () => {
  it('reports a healthy library as clean and changes nothing', async () => {
    for (const format of ['png', 'jpeg', 'webp'] as const) await ingest(format);
    const before = mediaTree();
    expect(await reconcile({ graceMs: 0 })).toEqual(clean);
    expect(mediaTree()).toEqual(before);
    expect(await reconcile({ graceMs: 0 })).toEqual(clean);
  });

  it('removes .tmp-<uuid> files older than the grace period in images/, thumbs/ and their shards, and only those', async () => {
    const d = await ingest();
    const shard = d.id.slice(0, 2);
    const stale = [
      put(join(dataDir, 'images', `.tmp-${randomUUID()}`)),
      put(join(dataDir, 'images', shard, `.tmp-${randomUUID()}`)),
      put(join(dataDir, 'thumbs', shard, `.tmp-${randomUUID()}`)),
      put(join(dataDir, 'thumbs', 'ff', `.tmp-${randomUUID()}`)),
    ];
    // A writer that started 2 minutes ago may still be running: inside the default 10-minute grace.
    const inFlight = put(join(dataDir, 'images', shard, `.tmp-${randomUUID()}`), 'x', 2 * 60_000);
    const notOurs = [
      put(join(dataDir, 'images', shard, '.tmp-notes')),
      put(join(dataDir, 'images', 'mine', `.tmp-${randomUUID()}`)),
      put(join(dataDir, `.tmp-${randomUUID()}`)),
    ];
    const report = await reconcile();
    expect(report).toEqual({ ...clean, tempFilesRemoved: 4 });
    expect(stale.filter(existsSync)).toEqual([]);
    expect(existsSync(inFlight)).toBe(true);
    expect(notOurs.filter((p) => !existsSync(p))).toEqual([]);
    // Once it is older than the grace period it goes too.
    expect((await reconcile({ now: () => Date.now() + HOUR })).tempFilesRemoved).toBe(1);
    expect(existsSync(inFlight)).toBe(false);
  });

  it('moves an old image with no row to quarantine/ (never deletes it) and deletes an old thumbnail with no row', async () => {
    const kept = await ingest();
    const orphanId = randomUUID();
    const orphanBytes = await makeImage('jpeg', 33, 17);
    const orphan = put(join(dataDir, 'images', orphanId.slice(0, 2), `${orphanId}.jpg`), orphanBytes);
    const orphanThumb = put(join(dataDir, 'thumbs', orphanId.slice(0, 2), `${orphanId}.webp`));
    const freshId = randomUUID();
    const fresh = put(join(dataDir, 'images', freshId.slice(0, 2), `${freshId}.png`), 'in flight', null);
    // An earlier sweep already parked a file under the same name: it must not be overwritten.
    const earlier = put(join(dataDir, 'quarantine', `${orphanId}.jpg`), 'earlier');

    const report = await reconcile();
    expect(report).toEqual({ ...clean, orphansQuarantined: 1, orphanThumbsRemoved: 1 });
    expect(existsSync(orphan)).toBe(false);
    expect(existsSync(orphanThumb)).toBe(false);
    expect(readFileSync(earlier, 'utf8')).toBe('earlier');
    expect(sha(readFileSync(join(dataDir, 'quarantine', `${orphanId}-2.jpg`)))).toBe(sha(orphanBytes));
    expect(readFileSync(fresh, 'utf8')).toBe('in flight');
    expect(lib.get(kept.id)).not.toBeNull();
    expect(existsSync(lib.mediaPath('image', kept.id)!)).toBe(true);
    expect(await reconcile()).toEqual(clean);
  });

  it('quarantines a file named for an existing id but not the row\'s own file (wrong extension)', async () => {
    const d = await ingest('png');
    const stray = put(join(dataDir, 'images', d.id.slice(0, 2), `${d.id}.webp`), 'stray');
    expect(await reconcile()).toEqual({ ...clean, orphansQuarantined: 1 });
    expect(existsSync(stray)).toBe(false);
    expect(readFileSync(join(dataDir, 'quarantine', `${d.id}.webp`), 'utf8')).toBe('stray');
    expect(existsSync(lib.mediaPath('image', d.id)!)).toBe(true);
  });

  it('flags a row whose image is missing, keeps the row and the first date, and clears the flag when the file is back', async () => {
    const gone = await ingest('webp');
    const fine = await ingest('png');
    const path = lib.mediaPath('image', gone.id)!;
    const aside = join(outside, 'aside');
    renameSync(path, aside);

    expect(await reconcile({ now: () => 1_000 })).toEqual({ ...clean, rowsMissingFile: 1 });
    expect(missingAt(gone.id)).toBe(1_000);
    expect(missingAt(fine.id)).toBeNull();
    expect(lib.get(gone.id)).toEqual({ ...gone, fileMissing: true }); // the row is kept, now marked
    expect(await reconcile({ now: () => 2_000 })).toEqual({ ...clean, rowsMissingFile: 1 });
    expect(missingAt(gone.id)).toBe(1_000);

    renameSync(aside, path);
    expect(await reconcile({ now: () => 3_000 })).toEqual({ ...clean, rowsRecovered: 1 });
    expect(missingAt(gone.id)).toBeNull();
    expect(lib.get(gone.id)).toEqual(gone);
    expect(await reconcile()).toEqual(clean);
  });

  it('goes shard by shard and adds up: rows in many shards, some missing their files, all found and all recovered', async () => {
    const images = [];
    for (let i = 0; i < 40; i++) images.push(await ingest(i % 2 ? 'png' : 'webp'));
    expect(new Set(images.map((d) => d.id.slice(0, 2))).size).toBeGreaterThan(20);
    const gone = images.filter((_, i) => i % 7 === 0);
    for (const d of gone) renameSync(lib.mediaPath('image', d.id)!, join(outside, d.id));
    expect(await reconcile({ now: () => 7 })).toEqual({ ...clean, rowsMissingFile: gone.length });
    expect(images.filter((d) => missingAt(d.id) === 7).map((d) => d.id).toSorted()).toEqual(gone.map((d) => d.id).toSorted());
    for (const d of gone) renameSync(join(outside, d.id), lib.mediaPath('image', d.id)!);
    expect(await reconcile()).toEqual({ ...clean, rowsRecovered: gone.length });
  });

  it('still checks a hand-edited row whose id starts with no shard name', async () => {
    const d = await ingest();
    db.exec(`CREATE TEMP TABLE copy AS SELECT * FROM images WHERE id = '${d.id}'`);
    db.exec(`UPDATE copy SET id = 'ZZ-hand-made', file_name = 'images/ZZ/ZZ-hand-made.png', thumb_name = 'thumbs/ZZ/ZZ-hand-made.webp', doc_key = doc_key + 1`);
    db.exec('INSERT INTO images SELECT * FROM copy');
    expect(await reconcile({ now: () => 9 })).toEqual({ ...clean, rowsMissingFile: 1 });
    expect([missingAt('ZZ-hand-made'), missingAt(d.id)]).toEqual([9, null]);
  });

  it('reads a shard of many rows in full, a few at a time: every row without its file is flagged', async () => {
    const d = await ingest();
    db.exec(`CREATE TEMP TABLE copy AS SELECT * FROM images WHERE id = '${d.id}'`);
    // 130 rows in shard "ab" whose files were never written: more than one read's worth, ids spread across the shard.
    const ids = Array.from({ length: 130 }, (_, i) => `ab${String(i * 7).padStart(6, '0')}-0000-4000-8000-000000000000`);
    for (const id of ids) {
      db.prepare(`UPDATE copy SET id = ?, file_name = ?, thumb_name = ?, doc_key = (SELECT max(doc_key) FROM images) + 1`).run(id, `images/ab/${id}.png`, `thumbs/ab/${id}.webp`);
      db.exec('INSERT INTO images SELECT * FROM copy');
    }
    expect(await reconcile({ now: () => 9 })).toEqual({ ...clean, rowsMissingFile: ids.length });
    expect(ids.filter((id) => missingAt(id) !== 9)).toEqual([]);
    expect(missingAt(d.id)).toBe(null);
  });

  it('reads each shard\'s rows through the primary key index, in id order (no table scan, no sort per read)', () => {
    const plan = db.prepare(`EXPLAIN QUERY PLAN ${SHARD_ROWS_SQL}`).all('ab', 'ac', 48) as Array<{ detail: string }>;
    expect(plan.map((p) => p.detail)).toEqual(['SEARCH images USING INDEX sqlite_autoindex_images_1 (id>? AND id<?)']);
  });

  it('takes no write lock when nothing changed, so a writer in another process (the CLI) does not block it', async () => {
    await ingest();
    const other = openDatabase(join(dataDir, 'lagoon.db'));
    try {
      other.prepare('BEGIN IMMEDIATE').run();
      expect(await reconcile({ graceMs: 0 })).toEqual(clean);
      other.prepare('ROLLBACK').run();
    } finally {
      closeDatabase(other);
    }
  });

  it('flags every row when images/ is gone entirely', async () => {
    const ids = [(await ingest()).id, (await ingest('jpeg')).id];
    rmSync(join(dataDir, 'images'), { recursive: true });
    expect(await reconcile({ now: () => 5 })).toEqual({ ...clean, rowsMissingFile: 2 });
    expect(ids.map(missingAt)).toEqual([5, 5]);
  });

  it('regenerates a missing thumbnail atomically from the image, but not for a row whose image is missing too', async () => {
    const d = await ingest('png', 800, 400);
    const both = await ingest('jpeg');
    const thumbPath = lib.mediaPath('thumb', d.id)!;
    const original = readFileSync(thumbPath);
    rmSync(dirname(thumbPath), { recursive: true }); // the whole shard folder, to prove it is re-created
    rmSync(lib.mediaPath('thumb', both.id)!, { force: true });
    rmSync(lib.mediaPath('image', both.id)!);

    expect(await reconcile()).toEqual({ ...clean, thumbsRegenerated: 1, rowsMissingFile: 1 });
    const meta = await sharp(readFileSync(thumbPath)).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['webp', 384, 192]);
    expect(sha(readFileSync(thumbPath))).toBe(sha(original)); // same input, same encoder: the same thumbnail
    expect(existsSync(lib.mediaPath('thumb', both.id)!)).toBe(false);
    expect(readdirSync(dirname(thumbPath)).filter((n) => n.startsWith('.tmp-'))).toEqual([]);
  });

  it('reports an unreadable image instead of throwing, and carries on', async () => {
    const bad = await ingest();
    const good = await ingest('webp');
    writeFileSync(lib.mediaPath('image', bad.id)!, 'not an image any more');
    rmSync(lib.mediaPath('thumb', bad.id)!);
    rmSync(lib.mediaPath('thumb', good.id)!);
    const report = await reconcile();
    expect(report.thumbsRegenerated).toBe(1);
    expect(report.problems).toHaveLength(1);
    expect(report.problems[0]).toMatch(new RegExp(`^thumbs/${bad.id.slice(0, 2)}/${bad.id}\\.webp: `));
    expect(existsSync(lib.mediaPath('thumb', good.id)!)).toBe(true);
  });

  it('reports a damaged database from quick_check and then only sweeps temp files', async () => {
    const d = await ingest();
    const imagePath = lib.mediaPath('image', d.id)!;
    damageFreeSpace(db, join(dataDir, 'lagoon.db'));
    db = openDatabase(join(dataDir, 'lagoon.db'));

    const orphanId = randomUUID();
    const orphan = put(join(dataDir, 'images', orphanId.slice(0, 2), `${orphanId}.png`));
    const temp = put(join(dataDir, 'images', `.tmp-${randomUUID()}`));
    rmSync(imagePath);

    const report = await reconcile({ graceMs: 0 });
    expect(report.quickCheck).not.toBe('ok');
    expect(report.quickCheck).toMatch(/corrupt/i);
    expect(report).toEqual({ ...clean, quickCheck: report.quickCheck, tempFilesRemoved: 1 });
    expect(existsSync(temp)).toBe(false);
    expect(existsSync(orphan)).toBe(true);
    expect(missingAt(d.id)).toBeNull();
  });
});

describe('sweep safety (D10)', () => {
  it('never touches symlinks, files not matching the pattern, or anything outside the data folder', async () => {
    // Fixed ids so the three shard folders involved (0c, 1a, 2b) never coincide.
    lib = createLibrary({ db, dataDir, newId: () => '0c000000-0000-4000-8000-000000000001' });
    const d = await ingest();
    const target = put(join(outside, 'precious.png'), await makeImage('png', 20, 20));
    const outsideDir = join(outside, 'dir');
    const outsideOrphanId = '2b000000-0000-4000-8000-000000000002';
    put(join(outsideDir, `${outsideOrphanId}.png`));
    put(join(outsideDir, `.tmp-${randomUUID()}`));

    const linkId = '1a000000-0000-4000-8000-000000000003';
    const shard = linkId.slice(0, 2);
    const plants: string[] = [];
    const link = (name: string, to: string) => {
      const p = join(dataDir, name);
      mkdirSync(dirname(p), { recursive: true });
      symlinkSync(to, p);
      age(p);
      plants.push(p);
    };
    link(`images/${shard}/${linkId}.png`, target); // a pattern name, but a symlink
    link(`images/${shard}/.tmp-${randomUUID()}`, target); // a temp name, but a symlink
    link(`thumbs/${shard}/${linkId}.webp`, target);
    link(`images/${outsideOrphanId.slice(0, 2)}`, outsideDir); // a shard folder that is a symlink
    link(`thumbs/${d.id.slice(0, 2)}/${d.id}.webp.lnk`, target);
    const userFiles = [
      put(join(dataDir, 'images', 'notes.txt')),
      put(join(dataDir, 'images', shard, 'holiday.png')),
      put(join(dataDir, 'images', 'mine', `${randomUUID()}.png`)), // pattern name in a folder that is not a shard
      put(join(dataDir, 'images', '3c', `${linkId}.png`)), // wrong shard
      put(join(dataDir, 'images', shard, `${linkId.toUpperCase()}.png`)),
      put(join(dataDir, 'images', shard, `${linkId}.gif`)),
      put(join(dataDir, 'images', shard, `${linkId}.png.bak`)),
      put(join(dataDir, 'thumbs', shard, `${linkId}.png`)), // thumbs are only ever .webp
      put(join(dataDir, 'images', shard, `.tmp-${randomUUID()}.png`)),
    ];
    const outsideBefore = tree(outside);
    const insideBefore = mediaTree();

    const report = await reconcile({ graceMs: 0 });
    expect(report).toEqual(clean);
    expect(tree(outside)).toEqual(outsideBefore);
    expect(mediaTree()).toEqual(insideBefore);
    expect(plants.filter((p) => !lstatSync(p).isSymbolicLink())).toEqual([]);
    expect(userFiles.filter((p) => !existsSync(p))).toEqual([]);
    expect(existsSync(join(dataDir, 'quarantine'))).toBe(false);
  });

  it('does not regenerate a thumbnail by reading through a symlinked image', async () => {
    const d = await ingest();
    const imagePath = lib.mediaPath('image', d.id)!;
    const target = join(outside, 'real.png');
    renameSync(imagePath, target);
    symlinkSync(target, imagePath);
    rmSync(lib.mediaPath('thumb', d.id)!);
    const before = tree(outside);
    expect(await reconcile({ graceMs: 0 })).toEqual(clean);
    expect(existsSync(lib.mediaPath('thumb', d.id)!)).toBe(false);
    expect(tree(outside)).toEqual(before);
  });

  it('leaves images/ alone when it is a symlink to a folder outside, and flags nothing', async () => {
    const d = await ingest();
    const moved = join(outside, 'images');
    renameSync(join(dataDir, 'images'), moved);
    symlinkSync(moved, join(dataDir, 'images'));
    const orphanId = randomUUID();
    put(join(moved, orphanId.slice(0, 2), `${orphanId}.png`));
    put(join(moved, `.tmp-${randomUUID()}`));
    const before = tree(outside);
    const report = await reconcile({ graceMs: 0 });
    expect(report).toEqual({ ...clean, problems: ['images: not a folder; left untouched'] });
    expect(tree(outside)).toEqual(before);
    expect(missingAt(d.id)).toBeNull();
  });

  it('leaves orphans in place when quarantine/ is a symlink out of the data folder', async () => {
    const orphanId = randomUUID();
    const orphan = put(join(dataDir, 'images', orphanId.slice(0, 2), `${orphanId}.png`));
    symlinkSync(outside, join(dataDir, 'quarantine'));
    const before = tree(outside);
    const report = await reconcile({ graceMs: 0 });
    expect(report.orphansQuarantined).toBe(0);
    expect(report.problems).toEqual(['quarantine: not a folder; orphaned images left in place']);
    expect(existsSync(orphan)).toBe(true);
    expect(tree(outside)).toEqual(before);
  });
});
