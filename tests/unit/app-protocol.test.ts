import { execFileSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, sep } from 'node:path';
import type { Database } from 'better-sqlite3';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../src/shared/csp.ts';
import { closeDatabase, openDatabase } from '../../src/main/core/db/openDatabase.ts';
import { setStatementTiming } from '../../src/main/core/db/statements.ts';
import { isInside } from '../../src/main/core/library/containment.ts';
import { shardOf } from '../../src/main/core/library/mediaNames.ts';
import { createLibrary, type Library } from '../../src/main/core/library/library.ts';
import { createAppRequestHandler } from '../../src/main/core/protocol/appRequestHandler.ts';

const SENTINEL = `OUTSIDE-SENTINEL-${randomUUID()}`;
const CSP = contentSecurityPolicy();

let base: string;
let rendererDir: string;
let dataDir: string;
let outsideDir: string;
let db: Database;
let library: Library;
let handler: (request: Request) => Promise<Response>;
let server: Server;
let port: number;
let served: { id: string; png: Buffer };
let hijackedImageId: string;
let hijackedThumbId: string;

const files: Record<string, string | Buffer> = {
  'index.html': '<!doctype html><html><head><script type="module" src="./assets/index-B1x_3Yz.js"></script></head><body></body></html>',
  'assets/index-B1x_3Yz.js': 'console.log("app");',
  'assets/index-Cq9.css': 'body{margin:0}',
  'assets/logo.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
  'assets/font-x.woff2': Buffer.from('wOF2fake'),
  'icon.png': Buffer.alloc(0),
  'icon.webp': Buffer.alloc(0),
  'favicon.ico': Buffer.from([0, 0, 1, 0]),
  'locales/en.json': '{"hello":"Hello"}',
  'LICENSE': 'MIT',
  '.secret': `dotfile ${SENTINEL}`,
};

const makePng = (w: number, h: number) => sharp({ create: { width: w, height: h, channels: 3, background: '#08f' } }).png().toBuffer();
const ingest = async (png: Buffer) =>
  library.ingest({ bytes: png, format: 'png', prompt: 'p', model: 'm', endpoint: 'openai', request: { prompt: 'p' }, response: {} });

beforeAll(async () => {
  base = mkdtempSync(join(tmpdir(), 'lagoon-proto-'));
  rendererDir = join(base, 'renderer');
  dataDir = join(base, 'data');
  outsideDir = join(base, 'outside');
  mkdirSync(outsideDir, { recursive: true });
  writeFileSync(join(outsideDir, 'secret.txt'), SENTINEL);
  writeFileSync(join(outsideDir, 'secret.png'), Buffer.concat([await makePng(4, 4), Buffer.from(SENTINEL)]));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(rendererDir, name)), { recursive: true });
    writeFileSync(join(rendererDir, name), content);
  }
  files['icon.png'] = await makePng(2, 2);
  writeFileSync(join(rendererDir, 'icon.png'), files['icon.png']);
  files['icon.webp'] = await sharp(files['icon.png']).webp().toBuffer();
  writeFileSync(join(rendererDir, 'icon.webp'), files['icon.webp']);
  // Symlinks out of the bundle (a file and a folder), and one that stays inside and so is fine.
  symlinkSync(join(outsideDir, 'secret.txt'), join(rendererDir, 'leak.txt'));
  symlinkSync(outsideDir, join(rendererDir, 'outlink'));
  symlinkSync(join(rendererDir, 'assets', 'index-B1x_3Yz.js'), join(rendererDir, 'alias.js'));
  mkdirSync(join(rendererDir, 'a-folder'));
  // A FIFO would block a plain open() until some writer appears: the handler must refuse it, not hang.
  execFileSync('mkfifo', [join(rendererDir, 'pipe.js')]);

  db = openDatabase(join(dataDir, 'lagoon.db'));
  library = createLibrary({ db, dataDir });
  const png = await makePng(64, 48);
  served = { id: (await ingest(png)).id, png };

  // A library file replaced by a symlink out of images/, and a thumbs/ shard folder replaced by one.
  hijackedImageId = (await ingest(await makePng(8, 8))).id;
  const imagePath = library.mediaPath('image', hijackedImageId)!;
  unlinkSync(imagePath);
  symlinkSync(join(outsideDir, 'secret.png'), imagePath);
  // Its whole shard folder is swapped out below: it must not be the served image's (ids are random; one in 256 was).
  do {
    hijackedThumbId = (await ingest(await makePng(9, 9))).id;
  } while (shardOf(hijackedThumbId) === shardOf(served.id));
  const thumbPath = library.mediaPath('thumb', hijackedThumbId)!;
  const shard = dirname(thumbPath);
  const evilShard = join(outsideDir, 'shard');
  mkdirSync(evilShard);
  writeFileSync(join(evilShard, `${hijackedThumbId}.webp`), Buffer.concat([readFileSync(thumbPath), Buffer.from(SENTINEL)]));
  renameSync(shard, `${shard}-moved`);
  symlinkSync(evilShard, shard);

  handler = createAppRequestHandler({ rendererDir, library, csp: CSP });
  // The shape of the e2e harness: raw request target appended to an origin (never resolved against it).
  server = createServer(async (req, res) => {
    const response = await handler(new Request(`http://127.0.0.1${req.url ?? '/'}`, { method: req.method ?? 'GET' }));
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server?.close(() => resolve()));
  if (db) closeDatabase(db);
  rmSync(base, { recursive: true, force: true });
});

const get = (path: string, init: RequestInit = {}) => handler(new Request(`lagoon://app${path}`, init));
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** Sends the request target byte for byte (no client-side normalisation) and returns status and raw body. */
const rawHttp = (target: string): Promise<{ status: number; body: string }> =>
  new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', reject);
    socket.on('end', () => {
      const text = Buffer.concat(chunks).toString('latin1');
      resolve({ status: Number(text.slice(9, 12)), body: text.slice(text.indexOf('\r\n\r\n') + 4) });
    });
    socket.write(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`, 'latin1');
  });

describe('serving the renderer bundle', () => {
  it('serves index.html for / with the CSP header', async () => {
    for (const path of ['/', '/index.html']) {
      const res = await get(path);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('content-security-policy')).toBe(CSP);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(await res.text()).toBe(files['index.html']);
    }
  });

  it.each([
    ['/assets/index-B1x_3Yz.js', 'text/javascript; charset=utf-8'],
    ['/assets/index-Cq9.css', 'text/css; charset=utf-8'],
    ['/assets/logo.svg', 'image/svg+xml'],
    ['/assets/font-x.woff2', 'font/woff2'],
    ['/icon.png', 'image/png'],
    ['/icon.webp', 'image/webp'],
    ['/favicon.ico', 'image/x-icon'],
    ['/locales/en.json', 'application/json; charset=utf-8'],
    ['/LICENSE', 'application/octet-stream'],
  ])('serves %s as %s, byte for byte', async (path, type) => {
    const res = await get(`${path}?v=1#frag`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(type);
    const body = Buffer.from(await res.arrayBuffer());
    expect(sha(body)).toBe(sha(Buffer.from(files[path.slice(1)]!)));
    expect(res.headers.get('content-length')).toBe(String(body.length));
  });

  it('follows a symlink that stays inside the bundle', async () => {
    const res = await get('/alias.js');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(files['assets/index-B1x_3Yz.js']);
  });

  it('answers HEAD with headers only, other methods with 405, unknown files and folders with 404', async () => {
    const head = await get('/index.html', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(Buffer.byteLength(files['index.html'] as string)));
    expect((await head.arrayBuffer()).byteLength).toBe(0);
    for (const method of ['POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH']) {
      const res = await get('/index.html', { method });
      expect(res.status).toBe(405);
      expect(res.headers.get('allow')).toBe('GET, HEAD');
    }
    expect((await get('/missing.js')).status).toBe(404);
    expect((await get('/assets')).status).toBe(404);
    expect((await get('/a-folder')).status).toBe(404);
    expect((await get('/pipe.js')).status).toBe(404);
    expect((await handler(new Request('lagoon://evil/index.html'))).status).toBe(404);
  });
});

describe('serving library media', () => {
  it('serves an ingested image and its thumbnail with immutable caching', async () => {
    const image = await get(`/media/image/${served.id}`);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(image.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
    expect(image.headers.get('x-content-type-options')).toBe('nosniff');
    expect(sha(Buffer.from(await image.arrayBuffer()))).toBe(sha(served.png));

    const thumb = await get(`/media/thumb/${served.id}`);
    expect(thumb.status).toBe(200);
    expect(thumb.headers.get('content-type')).toBe('image/webp');
    const meta = await sharp(Buffer.from(await thumb.arrayBuffer())).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['webp', 64, 48]);

    const overHttp = await fetch(`http://127.0.0.1:${port}/media/image/${served.id}`);
    expect(overHttp.status).toBe(200);
    expect(sha(Buffer.from(await overHttp.arrayBuffer()))).toBe(sha(served.png));
  });
});

describe('serving thumbnails without the database', () => {
  it('finds a thumbnail by its id alone, but an image by its row', async () => {
    // Every statement is reported (none is faster than -1 ms): the grid asks for dozens of thumbnails at once, and a
    // row read for each would be a random disk read on the main thread when the cache is cold.
    const statements: string[] = [];
    setStatementTiming(db, { slowMs: -1, log: (line) => statements.push(line) });
    try {
      expect((await get(`/media/thumb/${served.id}`)).status).toBe(200);
      expect(statements).toEqual([]);
      expect((await get(`/media/image/${served.id}`)).status).toBe(200);
      expect(statements.length).toBeGreaterThan(0);
    } finally {
      // The later tests do not look at statements.
      setStatementTiming(db, { slowMs: Number.POSITIVE_INFINITY });
    }
  });
});

describe('containment', () => {
  it('keeps isInside exact: siblings with a shared prefix are outside, "..foo" names are inside', () => {
    const root = join(sep, 'data', 'images');
    expect(isInside(root, join(root, 'ab', 'x.png'))).toBe(true);
    expect(isInside(root, join(root, '..foo.png'))).toBe(true);
    expect(isInside(root, root)).toBe(true);
    expect(isInside(root, join(sep, 'data', 'images-evil', 'x.png'))).toBe(false);
    expect(isInside(root, join(sep, 'data'))).toBe(false);
    expect(isInside(root, join(sep, 'etc', 'passwd'))).toBe(false);
  });

  const unknownId = randomUUID();
  const corpus = (): string[] => {
    const secretAbs = join(outsideDir, 'secret.txt');
    return [
      '/../outside/secret.txt',
      '/../../../../../../etc/passwd',
      '/%2e%2e/outside/secret.txt',
      '/%2e%2e%2foutside%2fsecret.txt',
      '/..%2foutside%2fsecret.txt',
      '/assets/..%2f..%2foutside%2fsecret.txt',
      '/%2E%2E%2F%2E%2E%2Foutside%2Fsecret.txt',
      '/.%2e/outside/secret.txt',
      '/%252e%252e/outside/secret.txt',
      '/..\\outside\\secret.txt',
      '/..%5coutside%5csecret.txt',
      '/assets\\..\\..\\outside\\secret.txt',
      '/etc/passwd',
      '//etc/passwd',
      `/${encodeURIComponent(secretAbs)}`,
      `/${secretAbs}`,
      `/${secretAbs.replaceAll('/', '%2F')}`,
      '/C:%5cWindows%5cwin.ini',
      '/..;/outside/secret.txt',
      '/index.html%00.png',
      '/leak.txt%00',
      '/%00',
      '/%c0%ae%c0%ae/outside/secret.txt',
      '/%E0%80%AE',
      '/leak.txt',
      '/outlink/secret.txt',
      '/outlink/secret.png',
      '/.secret',
      '/%2esecret',
      '/media/image/..%2f..%2f..%2foutside%2fsecret.txt',
      '/media/image/%2e%2e',
      '/media/image/not-a-uuid',
      `/media/image/${served.id.toUpperCase()}`,
      `/media/image/${served.id}.png`,
      `/media/image/${served.id}%00`,
      `/media/image/${served.id}/extra`,
      `/media/image/%20${served.id}`,
      `/media/video/${served.id}`,
      `/media/${served.id}`,
      `/media/image/${unknownId}`,
      `/media/thumb/${unknownId}`,
      `/media/image/${hijackedImageId}`,
      `/media/thumb/${hijackedThumbId}`,
    ];
  };

  it('serves 0 bytes from outside its roots, called directly (≥40 hostile paths)', async () => {
    const paths = corpus();
    expect(paths.length).toBeGreaterThanOrEqual(40);
    const leaks: string[] = [];
    const statuses: Array<[string, number]> = [];
    for (const path of paths) {
      const res = await get(path);
      const body = Buffer.from(await res.arrayBuffer()).toString('latin1');
      if (body.includes(SENTINEL) || body.includes('root:')) leaks.push(path);
      statuses.push([path, res.status]);
    }
    expect(leaks).toEqual([]);
    expect(statuses.filter(([, s]) => s !== 400 && s !== 404)).toEqual([]);
    // The same ids are fine when nothing is tampered with: the refusals above are about the paths, not the ids.
    expect((await get(`/media/image/${served.id}`)).status).toBe(200);
  });

  it('serves 0 bytes from outside its roots over raw HTTP, request targets sent byte for byte', async () => {
    const leaks: string[] = [];
    const statuses: Array<[string, number]> = [];
    for (const path of corpus()) {
      const { status, body } = await rawHttp(path);
      if (body.includes(SENTINEL)) leaks.push(path);
      statuses.push([path, status]);
    }
    expect(leaks).toEqual([]);
    expect(statuses.filter(([, s]) => s < 400 || s >= 500)).toEqual([]);
    expect((await rawHttp('/index.html')).status).toBe(200);
  });

  it('never reveals a path or an internal error in its answers', async () => {
    for (const path of ['/outlink/secret.txt', `/media/image/${hijackedImageId}`, '/%E0%80%AE']) {
      const text = await (await get(path)).text();
      expect(text).not.toContain(base);
      expect(text.length).toBeLessThan(40);
    }
  });
});
