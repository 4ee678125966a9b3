import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import sharp from 'sharp';
import { thumbHashToAverageRGBA } from 'thumbhash';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, readUserVersion } from '../../src/main/core/db/migrate.ts';
import { migration0011 } from '../../src/main/core/db/migrations/0011-placeholders.ts';
import { ALL_MIGRATIONS } from '../../src/main/core/db/migrations/index.ts';
import { createLibrary } from '../../src/main/core/library/library.ts';
import { startPlaceholderBackfill } from '../../src/main/core/library/placeholders/backfillPlaceholders.ts';
import { searchImages } from '../../src/main/core/library/search/searchImages.ts';

let dir: string;
let db: Database.Database;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'lagoon-mig11-'));
  db = new Database(join(dir, 'lagoon.db'));
  db.pragma('foreign_keys = ON');
  migrate(db, ALL_MIGRATIONS.slice(0, 10));
});
afterEach(() => {
  if (db.open) db.close();
  rmSync(dir, { recursive: true, force: true });
});

const idOf = (n: number): string => `${n.toString(16).padStart(2, '0')}000000-0000-4000-8000-000000000000`;
const RED = { r: 220, g: 30, b: 30 };
const BLUE = { r: 20, g: 40, b: 210 };

/** An image row as an older version stored it, and (unless `thumb` is null) its thumbnail file in one colour. */
const storeOld = async (n: number, thumb: { r: number; g: number; b: number } | null): Promise<string> => {
  const id = idOf(n);
  const thumbName = `thumbs/${id.slice(0, 2)}/${id}.webp`;
  db.prepare(
    `INSERT INTO images (id, created_at, prompt, model, endpoint, request_json, response_json, format, width, height, byte_size, sha256, file_name, thumb_name)
     VALUES (?, ?, 'p', 'm', 'openai', '{}', '{}', 'png', 64, 64, 1, ?, ?, ?)`,
  ).run(id, 1000 + n, n.toString(16).padStart(64, '0'), `images/${id.slice(0, 2)}/${id}.png`, thumbName);
  if (thumb) {
    mkdirSync(join(dir, 'thumbs', id.slice(0, 2)), { recursive: true });
    writeFileSync(join(dir, thumbName), await sharp({ create: { width: 48, height: 32, channels: 3, background: thumb } }).webp().toBuffer());
  }
  return id;
};

const placeholderOfRow = (id: string): Buffer | null => (db.prepare('SELECT placeholder FROM images WHERE id = ?').get(id) as { placeholder: Buffer | null }).placeholder;
const averageOf = (hash: Uint8Array) => {
  const { r, g, b } = thumbHashToAverageRGBA(hash);
  return { r: Math.round(r * 255), g: Math.round(g * 255), b: Math.round(b * 255) };
};

describe('migration 0011: placeholders', () => {
  it('is the eleventh entry, adds an empty placeholder column and the to-do index, and keeps every row', async () => {
    expect(ALL_MIGRATIONS[10]).toBe(migration0011);
    const id = await storeOld(1, RED);
    migrate(db, ALL_MIGRATIONS.slice(0, 11));
    expect(readUserVersion(db)).toBe(11);
    expect(placeholderOfRow(id)).toBeNull();
    expect(db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND name = 'images_without_placeholder'").get()).toBeTruthy();
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('the backfill gives old images a ThumbHash of their thumbnail, marks one without a readable thumbnail, and resumes after a stop', async () => {
    const red = await storeOld(1, RED);
    const blue = await storeOld(2, BLUE);
    const missing = await storeOld(3, null);
    migrate(db);
    // Stopped at once: whatever it committed stays, and a second run does the rest.
    const first = startPlaceholderBackfill({ db, dataDir: dir, log: () => {} });
    await first.stop();
    const firstCounts = await first.done;
    const second = await startPlaceholderBackfill({ db, dataDir: dir, log: () => {} }).done;
    expect(firstCounts.filled + second.filled).toBe(2);
    expect(firstCounts.none + second.none).toBe(1);
    const redAverage = averageOf(placeholderOfRow(red)!);
    const blueAverage = averageOf(placeholderOfRow(blue)!);
    expect(redAverage.r).toBeGreaterThan(150);
    expect(redAverage.b).toBeLessThan(80);
    expect(blueAverage.b).toBeGreaterThan(150);
    expect(placeholderOfRow(missing)).toEqual(Buffer.alloc(0));
    // Nothing left to do: the job reads its empty to-do list and stops without touching a row.
    expect(await startPlaceholderBackfill({ db, dataDir: dir, log: () => {} }).done).toEqual({ filled: 0, none: 0 });
    // Search rows carry it as base64; none possible reads as null.
    const items = searchImages(db, {}).items;
    expect(items.find((i) => i.id === red)!.placeholder).toBe(placeholderOfRow(red)!.toString('base64'));
    expect(items.find((i) => i.id === missing)!.placeholder).toBeNull();
  });

  it('ingest stores the placeholder with the row, so a new image is never on the to-do list', async () => {
    migrate(db);
    const library = createLibrary({ db, dataDir: dir });
    const png = await sharp({ create: { width: 80, height: 60, channels: 3, background: BLUE } }).png().toBuffer();
    const image = await library.ingest({ bytes: png, format: 'png', prompt: 'p', model: 'm', endpoint: 'openai', request: { prompt: 'p' }, response: {} });
    expect(averageOf(Buffer.from(image.placeholder!, 'base64')).b).toBeGreaterThan(150);
    expect(db.prepare('SELECT count(*) AS n FROM images INDEXED BY images_without_placeholder WHERE placeholder IS NULL').get()).toEqual({ n: 0 });
  });
});
