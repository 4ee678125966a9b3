import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../src/shared/csp.ts';
import type { Prepaint } from '../../src/shared/ipc/schemas/settings.ts';
import { closeDatabase, openDatabase } from '../../src/main/core/db/openDatabase.ts';
import { settingsHandlers } from '../../src/main/core/handlers/settingsHandlers.ts';
import { createRouter, type RequestContext } from '../../src/main/core/ipc/router.ts';
import type { Handlers } from '../../src/shared/ipc/contract.ts';
import { createLibrary, type Library } from '../../src/main/core/library/library.ts';
import { PREPAINT_SETTING, START_VIEW_SETTING } from '../../src/main/core/library/windowSettings.ts';
import { createAppRequestHandler } from '../../src/main/core/protocol/appRequestHandler.ts';
import type { AccountService } from '../../src/main/core/account/accountService.ts';
import { memoryStore } from './helpers/queueHarness.ts';
import { recordingContext } from './helpers/requestContext.ts';

/**
 * The prepaint: main's HTML paints the Library's first thumbnails where the grid last had them, before the
 * renderer's script runs. Against a real library (SQLite file, ingested images) and the real lagoon:// handler.
 */
const PAGE = '<!doctype html><html><head><script type="module" src="./assets/index-a.js"></script></head><body><div id="root"></div></body></html>';
const SCREEN: Prepaint = { viewport: { width: 1280, height: 800 }, left: 452, top: 157, columns: 4, rows: 2, tile: 181, gap: 10 };

let base: string;
let db: Database;
let library: Library;
let handler: (request: Request) => Promise<Response>;
/** Newest first, as the grid shows them. */
let newestFirst: string[];
let blurredId: string;
let missingId: string;

const png = (seed: number) => sharp({ create: { width: 32, height: 32, channels: 3, background: { r: seed * 20, g: 80, b: 160 } } }).png().toBuffer();
const page = async () => (await handler(new Request('lagoon://app/index.html'))).text();
const stylesheet = async () => handler(new Request('lagoon://app/prepaint.css'));
const thumbIdsIn = (html: string): string[] => [...html.matchAll(/<img class="tile__thumb" src="media\/thumb\/([^"]+)"/g)].map((m) => decodeURIComponent(m[1]!));
const tilesIn = (html: string): number => html.match(/<div class="tile">/g)?.length ?? 0;

beforeAll(async () => {
  base = mkdtempSync(join(tmpdir(), 'lagoon-prepaint-'));
  const rendererDir = join(base, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), PAGE);
  db = openDatabase(join(base, 'data', 'lagoon.db'));
  library = createLibrary({ db, dataDir: join(base, 'data') });
  const ids: string[] = [];
  for (let i = 0; i < 10; i++) {
    const image = await library.ingest({ bytes: await png(i), format: 'png', prompt: `p${i}`, model: 'm', endpoint: 'openai', request: { prompt: `p${i}` }, response: {}, blurred: i === 8 });
    ids.push(image.id);
  }
  newestFirst = library.search({}, { limit: 10 }).items.map((item) => item.id);
  blurredId = ids[8]!;
  missingId = ids[9]!;
  db.prepare('UPDATE images SET file_missing_at = ? WHERE id = ?').run(Date.now(), missingId);
  handler = createAppRequestHandler({ rendererDir, library, csp: contentSecurityPolicy() });
});

afterAll(() => {
  closeDatabase(db);
  rmSync(base, { recursive: true, force: true });
});

beforeEach(() => {
  library.setSetting(START_VIEW_SETTING, 'library');
  library.setSetting(PREPAINT_SETTING, JSON.stringify(SCREEN));
});

describe('the window page with a prepaint', () => {
  it('paints the library’s first images, newest first, as many as the stored screen holds', async () => {
    const html = await page();
    expect(tilesIn(html)).toBe(8);
    // The blurred and the missing image are the two newest: their tiles are there, their pictures are not.
    const shown = newestFirst.slice(0, 8).filter((id) => id !== blurredId && id !== missingId);
    expect(newestFirst.slice(0, 2).toSorted()).toEqual([blurredId, missingId].toSorted());
    expect(thumbIdsIn(html)).toEqual(shown);
    expect(html).not.toContain(blurredId);
    expect(html).not.toContain(missingId);
    // The first row's thumbnails are asked for first; the second row's are not.
    expect(html.match(/fetchpriority="high"/g)).toHaveLength(2);
    expect(html).toContain('<div id="prepaint" class="prepaint" aria-hidden="true">');
    // The page is otherwise as built: the stylesheet joins the head, the tiles open the body, the script is untouched.
    expect(html).toContain('<link rel="stylesheet" href="./prepaint.css"></head>');
    expect(html.indexOf('<body><div id="prepaint"')).toBeGreaterThan(0);
    expect(html).toContain('<script type="module" src="./assets/index-a.js"></script>');
    expect(html).toContain('<div id="root"></div></body>');
  });

  it('places the tiles for a window of the same size only, under the app’s CSP', async () => {
    const res = await stylesheet();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(contentSecurityPolicy());
    const css = await res.text();
    expect(css.startsWith('.prepaint { display: none; }')).toBe(true);
    expect(css).toContain('@media (width: 1280px) and (height: 800px)');
    for (const rule of ['top: 157px;', 'left: 452px;', 'grid-template-columns: repeat(4, 181px);', 'grid-auto-rows: 181px;', 'gap: 10px;', 'pointer-events: none;']) {
      expect(css).toContain(rule);
    }
  });

  it('follows the library: a new image is painted first at the next start', async () => {
    const before = thumbIdsIn(await page());
    const added = await library.ingest({ bytes: await png(11), format: 'png', prompt: 'new', model: 'm', endpoint: 'openai', request: { prompt: 'new' }, response: {} });
    const after = thumbIdsIn(await page());
    expect(after).toEqual([added.id, ...before.slice(0, -1)]);
    db.prepare('DELETE FROM images WHERE id = ?').run(added.id);
  });

  it.each([
    ['the window opens on Generate', () => library.setSetting(START_VIEW_SETTING, 'generate')],
    ['no screen was ever stored', () => db.prepare('DELETE FROM settings WHERE key = ?').run(PREPAINT_SETTING)],
    ['the grid said it has none (stacked families)', () => library.setSetting(PREPAINT_SETTING, 'null')],
    ['the stored value is not JSON (a hand edit)', () => library.setSetting(PREPAINT_SETTING, '{"viewport":')],
    ['the stored value is of a shape this Lagoon does not know', () => library.setSetting(PREPAINT_SETTING, JSON.stringify({ ...SCREEN, columns: 0 }))],
    ['the stored screen holds more than a first page', () => library.setSetting(PREPAINT_SETTING, JSON.stringify({ ...SCREEN, columns: 11, rows: 11 }))],
  ])('serves the page as built, and a stylesheet that hides, when %s', async (_when, arrange) => {
    arrange();
    expect(await page()).toBe(PAGE);
    expect(await (await stylesheet()).text()).toBe('.prepaint { display: none; }\n');
  });
});

const call = (input: unknown) =>
  // The settings routes alone: the others are never asked here.
  createRouter(settingsHandlers({ secrets: memoryStore(), library, account: {} as AccountService }) as Handlers<RequestContext>, () => {})('settings.set_prepaint', input, recordingContext().ctx);

describe('settings.set_prepaint', () => {
  it('stores what the grid measured, and null when it has none', async () => {
    const other = { ...SCREEN, viewport: { width: 800, height: 560 }, left: 24, columns: 3, rows: 3 };
    expect(await call({ prepaint: other })).toEqual({ ok: true, data: { saved: true } });
    expect(JSON.parse(library.getSetting(PREPAINT_SETTING)!)).toEqual(other);
    expect(tilesIn(await page())).toBe(9);
    expect(await call({ prepaint: null })).toEqual({ ok: true, data: { saved: true } });
    expect(await page()).toBe(PAGE);
  });

  it.each([
    [{}],
    [{ prepaint: { ...SCREEN, rows: 0 } }],
    [{ prepaint: { ...SCREEN, columns: 2.5 } }],
    [{ prepaint: { ...SCREEN, left: -1 } }],
    [{ prepaint: { ...SCREEN, columns: 12, rows: 11 } }],
    [{ prepaint: { ...SCREEN, extra: 1 } }],
    [{ prepaint: { ...SCREEN, viewport: { width: 0, height: 800 } } }],
    [{ prepaint: '<img src=x onerror=alert(1)>' }],
  ])('refuses %j and keeps what was stored', async (input) => {
    const stored = library.getSetting(PREPAINT_SETTING);
    expect(await call(input)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(library.getSetting(PREPAINT_SETTING)).toBe(stored);
  });
});
