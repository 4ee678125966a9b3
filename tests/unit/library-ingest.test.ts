import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { Database } from 'better-sqlite3';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImageFormat } from '../../src/shared/venice.ts';
import { closeDatabase, openDatabase } from '../../src/main/core/db/openDatabase.ts';
import { encodeCursor } from '../../src/main/core/library/cursor.ts';
import { createLibrary, type IngestInput, type LibraryDeps } from '../../src/main/core/library/library.ts';
import { rejectionOf } from './helpers/errorCode.ts';

let dataDir: string;
let db: Database;

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'lagoon-lib-'));
  db = openDatabase(join(dataDir, 'lagoon.db'));
});
afterEach(() => {
  closeDatabase(db);
  rmSync(dataDir, { recursive: true, force: true });
});

const makeImage = async (format: ImageFormat, width = 96, height = 64): Promise<Buffer> => {
  const base = sharp({ create: { width, height, channels: 4, background: { r: 20, g: 120, b: 200, alpha: 1 } } });
  return format === 'png' ? base.png().toBuffer() : format === 'jpeg' ? base.jpeg().toBuffer() : base.webp().toBuffer();
};

const input = (bytes: Buffer, format: ImageFormat, extra: Partial<IngestInput> = {}): IngestInput => ({
  bytes,
  format,
  prompt: 'a lagoon at dawn, 🌅',
  model: 'venice-sd35',
  endpoint: 'openai',
  request: { prompt: 'a lagoon at dawn, 🌅', model: 'venice-sd35', output_format: format },
  response: { created: 1_700_000_000, durationMs: 1234, headers: { 'x-venice-model-id': 'venice-sd35' } },
  ...extra,
});

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const rowCount = () => (db.prepare('SELECT count(*) AS n FROM images').get() as { n: number }).n;

/** Every file under the data folder except the database and its WAL/SHM companions. */
const libraryFiles = (): string[] =>
  (readdirSync(dataDir, { recursive: true, withFileTypes: true }) as Array<{ isFile(): boolean; parentPath: string; name: string }>)
    .filter((e) => e.isFile())
    .map((e) => relative(dataDir, join(e.parentPath, e.name)))
    .filter((p) => !p.startsWith('lagoon.db'))
    .toSorted();

const assertNothingLeft = (expectedRows = 0, expectedFiles: string[] = []) => {
  expect(rowCount()).toBe(expectedRows);
  expect(libraryFiles()).toEqual(expectedFiles);
};

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

const library = (extra: Partial<LibraryDeps> = {}) => createLibrary({ db, dataDir, ...extra });

describe('ingest', () => {
  it.each(['png', 'jpeg', 'webp'] as const)('stores a real %s: file, thumbnail and row agree with the bytes', async (format) => {
    const lib = library({ now: () => 1_700_000_123_456 });
    const bytes = await makeImage(format, 120, 80);
    const detail = await lib.ingest(input(bytes, format));

    expect(detail).toMatchObject({ createdAt: 1_700_000_123_456, width: 120, height: 80, format, byteSize: bytes.length, sha256: sha256(bytes) });
    expect(detail.request).toEqual({ prompt: 'a lagoon at dawn, 🌅', model: 'venice-sd35', output_format: format });
    const ext = { png: 'png', jpeg: 'jpg', webp: 'webp' }[format];
    const imagePath = lib.mediaPath('image', detail.id);
    expect(imagePath).toBe(join(dataDir, 'images', detail.id.slice(0, 2), `${detail.id}.${ext}`));
    expect(sha256(readFileSync(imagePath!))).toBe(sha256(bytes));

    const thumbPath = lib.mediaPath('thumb', detail.id)!;
    expect(thumbPath).toBe(join(dataDir, 'thumbs', detail.id.slice(0, 2), `${detail.id}.webp`));
    const thumbMeta = await sharp(readFileSync(thumbPath)).metadata();
    expect(thumbMeta.format).toBe('webp');
    expect(Math.max(thumbMeta.width, thumbMeta.height)).toBeLessThanOrEqual(384);

    const row = db.prepare('SELECT * FROM images WHERE id = ?').get(detail.id) as Record<string, unknown>;
    expect(row).toMatchObject({ byte_size: bytes.length, sha256: sha256(bytes), width: 120, height: 80, format, endpoint: 'openai' });
    expect(JSON.parse(row.response_json as string)).toEqual({ created: 1_700_000_000, durationMs: 1234, headers: { 'x-venice-model-id': 'venice-sd35' } });
    expect(lib.get(detail.id)).toEqual(detail);
    expect(libraryFiles()).toHaveLength(2);
  });

  it('shrinks large images to a 384-px thumbnail keeping the aspect ratio', async () => {
    const lib = library();
    const detail = await lib.ingest(input(await makeImage('png', 1792, 1024), 'png'));
    const meta = await sharp(readFileSync(lib.mediaPath('thumb', detail.id)!)).metadata();
    expect([meta.width, meta.height]).toEqual([384, 219]);
  });

  it('returns null for unknown or malformed ids', () => {
    const lib = library();
    expect(lib.get(randomUUID())).toBeNull();
    expect(lib.get('../../etc/passwd')).toBeNull();
    expect(lib.mediaPath('image', randomUUID())).toBeNull();
    expect(lib.mediaPath('thumb', 'not-a-uuid')).toBeNull();
  });

  it('round-trips settings', () => {
    const lib = library();
    expect(lib.getSetting('theme')).toBeNull();
    lib.setSetting('theme', 'dark');
    lib.setSetting('theme', 'light');
    expect(lib.getSetting('theme')).toBe('light');
  });
});

describe('list', () => {
  it('pages newest first by keyset, with ties in created_at, no duplicates and no gaps', async () => {
    const times = [5, 5, 5, 9, 1, 9, 5, 3, 9, 9, 2];
    let i = 0;
    const lib = library({ now: () => times[i++]! });
    const bytes = await makeImage('webp', 16, 16);
    const ids: Array<{ id: string; createdAt: number }> = [];
    for (const _ of times) {
      const d = await lib.ingest(input(bytes, 'webp'));
      ids.push({ id: d.id, createdAt: d.createdAt });
    }
    const expected = ids
      .toSorted((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
      .map((x) => x.id);

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = lib.list({ cursor, limit: 3 });
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items.map((x) => x.id));
      cursor = page.nextCursor;
      pages++;
      if (pages === 2) {
        // An image arriving mid-scroll is newer than every cursor: it must not shift or repeat later pages.
        await library({ now: () => 100 }).ingest(input(bytes, 'webp'));
      }
    } while (cursor);
    expect(pages).toBe(4);
    expect(seen).toEqual(expected);
    expect(new Set(seen).size).toBe(times.length);
    expect(lib.list({}).items).toHaveLength(times.length + 1);
    expect(lib.list({ limit: times.length + 1 }).nextCursor).toBeNull();
  });

  it('defaults to 60 per page and rejects out-of-range limits', async () => {
    const lib = library();
    const bytes = await makeImage('webp', 8, 8);
    for (let n = 0; n < 61; n++) await lib.ingest(input(bytes, 'webp'));
    const first = lib.list({});
    expect(first.items).toHaveLength(60);
    expect(lib.list({ cursor: first.nextCursor }).items).toHaveLength(1);
    for (const limit of [0, -1, 501, 1.5, Number.NaN]) {
      expect((await rejectionOf(Promise.resolve().then(() => lib.list({ limit })))).code).toBe('INVALID_INPUT');
    }
  });

  it('rejects bad cursors with INVALID_INPUT', async () => {
    const lib = library();
    const valid = encodeCursor({ sort: 'newest', key: { ms: 5, slot: 7 } });
    const bad = [
      '',
      'garbage!',
      'not json at all',
      b64({ createdAt: 1, id: randomUUID() }),
      b64([1]),
      b64([1, 'not-a-uuid']),
      b64(['1', randomUUID()]),
      b64([-1, randomUUID()]),
      b64([1.5, randomUUID()]),
      b64([1, randomUUID(), 'extra']),
      b64([1, randomUUID().toUpperCase()]),
      `${valid}=`, // padding: not what we emit
      `${valid.slice(0, -1)}+`, // standard-base64 alphabet
      `/${valid}`,
      ` ${valid}`,
      `${valid}A`,
      'A'.repeat(201),
    ];
    const codes: Array<[string, string]> = [];
    for (const cursor of bad) codes.push([cursor, (await rejectionOf(Promise.resolve().then(() => lib.list({ cursor })))).code]);
    expect(codes).toEqual(bad.map((cursor) => [cursor, 'INVALID_INPUT']));
    expect(lib.list({ cursor: valid }).items).toEqual([]);
  });
});

describe('ingest failures leave nothing behind', () => {

  it('refuses undecodable or mismatched bytes as INVALID_RESPONSE', async () => {
    const lib = library();
    const png = await makeImage('png');
    const jpeg = await makeImage('jpeg');
    const cases: Array<[string, Buffer, ImageFormat]> = [
      ['empty', Buffer.alloc(0), 'png'],
      ['random bytes', Buffer.from(Array.from({ length: 512 }, (_, k) => (k * 37) % 256)), 'png'],
      ['jpeg labelled png', jpeg, 'png'],
      ['png labelled webp', png, 'webp'],
      ['truncated png', png.subarray(0, Math.floor(png.length / 2)), 'png'],
      ['png magic only', png.subarray(0, 8), 'png'],
      ['html', Buffer.from('<html><script>alert(1)</script></html>'), 'png'],
      ['svg', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), 'webp'],
      ['RIFF but not WEBP', Buffer.concat([Buffer.from('RIFF\x10\x00\x00\x00WAVE'), Buffer.alloc(32)]), 'webp'],
    ];
    const codes: Array<[string, string]> = [];
    for (const [name, bytes, format] of cases) codes.push([name, (await rejectionOf(lib.ingest(input(bytes, format)))).code]);
    expect(codes).toEqual(cases.map(([name]) => [name, 'INVALID_RESPONSE']));
    assertNothingLeft();
  });

  it('refuses an image over the pixel cap before decoding it', async () => {
    const lib = library();
    // One pixel row over the cap (4096*4096*2): refused from the header, before any decoding.
    const huge = await sharp({ create: { width: 8192, height: 4097, channels: 3, background: '#000' } }).png({ compressionLevel: 1 }).toBuffer();
    const error = await rejectionOf(lib.ingest(input(huge, 'png')));
    expect(error.code).toBe('INVALID_RESPONSE');
    expect(error.message).toMatch(/too large \(8192x4097/);
    assertNothingLeft();
  });

  it('refuses to store a request or response that carries a credential', async () => {
    const lib = library();
    const bytes = await makeImage('png');
    const leaky: Array<Partial<IngestInput>> = [
      { request: { prompt: 'x', Authorization: 'Bearer sk-canary' } },
      { request: { prompt: 'x', nested: [{ apiKey: 'sk-canary' }] } },
      { request: { prompt: 'x', api_key: 'sk-canary' } },
      { response: { headers: { authorization: 'Bearer sk-canary' } } },
      { response: { headers: { 'X-API-Key': 'sk-canary' } } },
      { request: { prompt: 'x', note: 'Bearer sk-canary' } },
    ];
    for (const extra of leaky) {
      const error = await rejectionOf(lib.ingest(input(bytes, 'png', extra)));
      expect(error.code).toBe('INTERNAL');
      expect(error.message).not.toContain('sk-canary');
    }
    assertNothingLeft();
    const raw = readFileSync(join(dataDir, 'lagoon.db')).toString('latin1') + readFileSync(join(dataDir, 'lagoon.db-wal')).toString('latin1');
    expect(raw).not.toContain('sk-canary');
  });

  it('refuses request or response records that cannot be stored as JSON', async () => {
    const lib = library();
    const bytes = await makeImage('png');
    const cyclic: Record<string, unknown> = { prompt: 'x' };
    cyclic.self = cyclic;
    for (const extra of [{ request: { prompt: 'x', seed: 10n } }, { response: cyclic }, { request: null as unknown as Record<string, unknown> }]) {
      expect((await rejectionOf(lib.ingest(input(bytes, 'png', extra)))).code).toBe('INTERNAL');
    }
    assertNothingLeft();
  });

  it.each(['image', 'thumb'] as const)('a crash before the %s rename leaves no file, no temp file and no row', async (kind) => {
    const tempsSeen: string[] = [];
    const lib = library({
      hooks: {
        beforeRename: ({ kind: k, tempPath }) => {
          tempsSeen.push(tempPath);
          expect(statSync(tempPath).size).toBeGreaterThan(0);
          if (k === kind) throw Object.assign(new Error('injected'), { code: 'EIO' });
        },
      },
    });
    const error = await rejectionOf(lib.ingest(input(await makeImage('png'), 'png')));
    expect(error.code).toBe('STORAGE_FAILED');
    expect(error.details).toEqual({ reason: 'EIO' });
    expect(tempsSeen.length).toBe(kind === 'image' ? 1 : 2);
    assertNothingLeft();
  });

  it('a crash before the insert removes both files and leaves no row', async () => {
    let filesAtInsert: string[] = [];
    const lib = library({
      hooks: {
        beforeInsert: () => {
          filesAtInsert = libraryFiles();
          throw new Error('injected before insert');
        },
      },
    });
    const error = await rejectionOf(lib.ingest(input(await makeImage('jpeg'), 'jpeg')));
    expect(error.code).toBe('STORAGE_FAILED');
    expect(filesAtInsert).toHaveLength(2);
    assertNothingLeft();
  });

  it('a failing insert (duplicate key from a racing writer) removes the files it wrote', async () => {
    const id = randomUUID();
    const bytes = await makeImage('png');
    let racer: Record<string, unknown> | undefined;
    const lib = library({
      newId: () => id,
      hooks: {
        // Another writer commits the same id between our file writes and our INSERT.
        beforeInsert: () => {
          db.prepare(`INSERT INTO images (id, created_at, prompt, model, endpoint, request_json, response_json, format, width,
            height, byte_size, sha256, file_name, thumb_name) VALUES (?, 1, 'other', 'm', 'openai', '{}', '{}', 'png', 1, 1, 1, ?, 'x', 'y')`)
            .run(id, 'b'.repeat(64));
          racer = db.prepare('SELECT * FROM images WHERE id = ?').get(id) as Record<string, unknown>;
        },
      },
    });
    const error = await rejectionOf(lib.ingest(input(bytes, 'png')));
    expect(error.code).toBe('STORAGE_FAILED');
    expect(error.details).toEqual({ reason: 'SQLITE_CONSTRAINT_PRIMARYKEY' });
    assertNothingLeft(1);
    expect(db.prepare('SELECT * FROM images WHERE id = ?').get(id)).toEqual(racer);
  });

  it('a full database (SQLITE_FULL) removes the files it wrote', async () => {
    const lib = library();
    const bytes = await makeImage('webp');
    await lib.ingest(input(bytes, 'webp'));
    const before = libraryFiles();
    const pages = db.pragma('page_count', { simple: true }) as number;
    db.pragma(`max_page_count = ${pages}`);
    const big = { prompt: 'x', padding: 'y'.repeat(64 * 1024) };
    const error = await rejectionOf(lib.ingest(input(bytes, 'webp', { request: big })));
    expect(error.code).toBe('STORAGE_FAILED');
    expect(error.details).toEqual({ reason: 'SQLITE_FULL' });
    assertNothingLeft(1, before);
  });

  it('never overwrites the files of an existing image when an id repeats', async () => {
    const id = randomUUID();
    const original = await makeImage('png', 40, 40);
    await library({ newId: () => id }).ingest(input(original, 'png'));
    const before = libraryFiles();
    const originalPath = library().mediaPath('image', id)!;
    const error = await rejectionOf(library({ newId: () => id }).ingest(input(await makeImage('png', 70, 70), 'png')));
    expect(error.code).toBe('STORAGE_FAILED');
    expect(error.details).toEqual({ reason: 'DUPLICATE_ID' });
    assertNothingLeft(1, before);
    // Same with the row gone but the files still there (e.g. a row removed by hand): the files are not clobbered.
    db.prepare('DELETE FROM images WHERE id = ?').run(id);
    expect((await rejectionOf(library({ newId: () => id }).ingest(input(await makeImage('png', 70, 70), 'png')))).details).toEqual({ reason: 'DUPLICATE_ID' });
    assertNothingLeft(0, before);
    expect(sha256(readFileSync(originalPath))).toBe(sha256(original));
  });

  it('reports an unwritable data folder as STORAGE_FAILED', async () => {
    const lib = createLibrary({ db, dataDir: join(dataDir, 'lagoon.db') }); // a file, so no folder can be made under it
    const error = await rejectionOf(lib.ingest(input(await makeImage('png'), 'png')));
    expect(error.code).toBe('STORAGE_FAILED');
    expect(rowCount()).toBe(0);
  });
});
