import { existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { Dispatch } from '../../src/main/core/ipc/router.ts';
import { mediaName } from '../../src/main/core/library/mediaNames.ts';
import type { Services } from '../../src/main/core/services.ts';
import { readEmbedded } from '../../src/main/core/transfer/metadata.ts';
import { encodePngText, readPngChunks, writePngChunks } from '../../src/main/core/transfer/pngChunks.ts';
import type { Result } from '../../src/shared/errors.ts';
import type { EventName } from '../../src/shared/ipc/contract.ts';
import type { ImageFormat } from '../../src/shared/venice.ts';
import { makeImage } from './fixtures/transferImages.ts';
import { ingestNative } from './helpers/libraryImages.ts';
import { type ContextCall, recordingContext } from './helpers/requestContext.ts';
import { eachRoutedServices } from './helpers/routedServices.ts';

/** The library's hand-off routes end to end through the IPC router: real services, real files, a recording context. */
let root: string;
let dataDir: string;
let services: Services;
let dispatch: Dispatch;
let events: Array<[EventName, unknown]>;

eachRoutedServices({ prefix: 'lagoon-handoff-' }, (app) => {
  ({ root, dataDir, services, dispatch } = app);
  events = [];
  services.events.subscribe((name, payload) => void events.push([name, payload]));
});

const ingest = (format: ImageFormat = 'png', prompt = 'a lagoon at dawn') => ingestNative(services.library, { format, prompt, request: { seed: 77, steps: 30 } });

const ok = <T,>(result: Result<unknown>): T => {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`);
  return result.data as T;
};
const call = (route: string, input: unknown, ctx = recordingContext().ctx) => dispatch(route, input, ctx);
const progress = (operation: string) =>
  events.filter(([n, p]) => n === 'transfer.progress' && (p as { operation: string }).operation === operation).map(([, p]) => p as { done: number; total: number });
const insideImages = (path: string) => {
  const rel = relative(realpathSync(join(dataDir, 'images')), path);
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..';
};
const UNKNOWN = '0b6f6c1e-3a4f-4d0e-9d4b-2f1c8a7e5b90';
const OPTIONS = { stripMetadata: false, sidecar: false, zip: false };

describe('images.export', () => {
  it('asks for a folder, exports each image once with its metadata, reports progress and what failed', async () => {
    const [a, b] = [await ingest('png', 'castle on a hill'), await ingest('webp')];
    const target = join(root, 'out');
    const { ctx, calls } = recordingContext({ exportFolder: target });
    const result = ok(await call('images.export', { ids: [a, b, a, UNKNOWN], options: { ...OPTIONS, sidecar: true } }, ctx));
    expect(result).toEqual({ chosen: true, done: 2, skipped: 1, duplicates: 0, failed: [{ id: UNKNOWN, name: null, message: expect.any(String) }], cancelled: false, notStarted: 0 });
    expect(calls).toEqual([{ op: 'chooseExportFolder' }]);
    const files = readdirSync(target).toSorted();
    expect(files.filter((f) => f.endsWith('.png'))).toHaveLength(1);
    expect(files.filter((f) => f.endsWith('.webp'))).toHaveLength(1);
    expect(files.filter((f) => f.endsWith('.json'))).toHaveLength(2);
    const png = readFileSync(join(target, files.find((f) => f.endsWith('.png'))!));
    expect(readEmbedded(png).a1111?.prompt).toBe('castle on a hill');
    const seen = progress('export');
    expect(seen[0]).toEqual({ operation: 'export', done: 0, total: 3, perSecond: null, remainingMs: null });
    expect(seen.at(-1)).toMatchObject({ operation: 'export', done: 3, total: 3 });
    for (const [prev, next] of seen.slice(1).map((p, i) => [seen[i]!, p] as const)) expect(next.done).toBeGreaterThanOrEqual(prev.done);
  });

  it('does nothing when the dialog is closed, and refuses a bad template before asking', async () => {
    const a = await ingest();
    const { ctx, calls } = recordingContext();
    expect(ok(await call('images.export', { ids: [a], options: OPTIONS }, ctx))).toEqual({ chosen: false, done: 0, skipped: 0, duplicates: 0, failed: [], cancelled: false, notStarted: 0 });
    expect(calls).toEqual([{ op: 'chooseExportFolder' }]);
    const bad = await call('images.export', { ids: [a], options: { ...OPTIONS, template: '{nope}' } }, ctx);
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(calls).toHaveLength(1);
    expect(progress('export')).toEqual([]);
  });

  it('exports a zip where the user saved it, offering a dated name', async () => {
    const ids = [await ingest('png'), await ingest('jpeg')];
    const zipPath = join(root, 'my selection.zip');
    const { ctx, calls } = recordingContext({ zipPath });
    const result = ok(await call('images.export', { ids, options: { ...OPTIONS, zip: true } }, ctx));
    expect(result).toEqual({ chosen: true, done: 2, skipped: 0, duplicates: 0, failed: [], cancelled: false, notStarted: 0 });
    expect(calls).toEqual([{ op: 'chooseZipPath', suggestedName: expect.stringMatching(/^lagoon-export-\d{4}-\d{2}-\d{2}\.zip$/u) }]);
    expect(readFileSync(zipPath).subarray(0, 4)).toEqual(Buffer.from('PK\x03\x04', 'latin1'));
  });
});

const A1111_TEXT = 'a red fox in snow\nNegative prompt: blurry\nSteps: 20, Sampler: Euler a, CFG scale: 7, Seed: 42, Size: 48x32, Model: sdxl';
const a1111Png = async () => {
  const chunks = readPngChunks(await makeImage('png', { seed: 7 }));
  chunks.splice(1, 0, encodePngText('parameters', A1111_TEXT));
  return writePngChunks(chunks);
};

describe('images.import and images.import_file', () => {
  it('imports what the user chose, reports progress and new images, and brings a trashed duplicate back', async () => {
    const trashed = await ingest();
    const trashedBytes = readFileSync(join(dataDir, mediaName('image', { id: trashed, format: 'png' })));
    ok(await call('images.trash', { ids: [trashed] }));
    const incoming = join(root, 'incoming');
    mkdirSync(join(incoming, 'sub'), { recursive: true });
    writeFileSync(join(incoming, 'fox.png'), await a1111Png());
    writeFileSync(join(incoming, 'sub', 'again.png'), trashedBytes);
    writeFileSync(join(incoming, 'notes.txt'), 'not an image');
    const { ctx, calls } = recordingContext({ importSources: [incoming, join(root, 'gone.png')] });
    events = [];
    const result = ok(await call('images.import', { pick: 'folder' }, ctx));
    expect(calls).toEqual([{ op: 'chooseImportSources', pick: 'folder' }]);
    expect(result).toEqual({ chosen: true, done: 1, skipped: 2, duplicates: 1, failed: [{ id: null, name: 'gone.png', message: expect.any(String) }], cancelled: false, notStarted: 0 });
    const added = events.filter(([n, p]) => n === 'images.changed' && (p as { reason: string }).reason === 'added');
    expect(added).toHaveLength(1);
    const [newId] = (added[0]![1] as { ids: string[] }).ids;
    expect(services.library.get(newId!)?.prompt).toBe('a red fox in snow');
    expect(services.db.prepare('SELECT trashed_at FROM images WHERE id = ?').pluck().get(trashed)).toBe(null);
    expect(progress('import').at(-1)).toMatchObject({ operation: 'import', done: 4, total: 4 });
  });

  it('does nothing when the import dialog is closed', async () => {
    const { ctx, calls } = recordingContext();
    expect(ok(await call('images.import', { pick: 'files' }, ctx))).toEqual({ chosen: false, done: 0, skipped: 0, duplicates: 0, failed: [], cancelled: false, notStarted: 0 });
    expect(calls).toEqual([{ op: 'chooseImportSources', pick: 'files' }]);
    for (const bad of [{}, { pick: 'both' }, { pick: 'files', path: '/etc' }]) {
      expect(await call('images.import', bad, ctx)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
    expect(calls).toHaveLength(1);
  });

  it('imports one dropped file from its bytes, once; says so when it is not an image', async () => {
    const bytes = new Uint8Array(await a1111Png());
    expect(ok(await call('images.import_file', { name: 'fox.png', bytes }))).toEqual({ chosen: true, done: 1, skipped: 0, duplicates: 0, failed: [], cancelled: false, notStarted: 0 });
    expect(ok(await call('images.import_file', { name: 'fox copy.png', bytes }))).toEqual({ chosen: true, done: 0, skipped: 1, duplicates: 1, failed: [], cancelled: false, notStarted: 0 });
    expect(ok(await call('images.import_file', { name: 'C:\\Users\\me\\notes.png', bytes: new TextEncoder().encode('hello') }))).toEqual({
      chosen: true,
      done: 0,
      skipped: 0,
      duplicates: 0,
      failed: [{ id: null, name: 'notes.png', message: expect.any(String) }],
      cancelled: false,
      notStarted: 0,
    });
    expect(services.db.prepare('SELECT count(*) FROM images').pluck().get()).toBe(1);
    // A plain image with no metadata takes its prompt from the file name (no path ever reaches it).
    const plain = new Uint8Array(await makeImage('webp', { seed: 9 }));
    ok(await call('images.import_file', { name: '../../sunset over the bay.webp', bytes: plain }));
    expect(services.db.prepare("SELECT prompt FROM images WHERE format = 'webp'").pluck().get()).toBe('sunset over the bay');
    expect(await call('images.import_file', { name: 'empty.png', bytes: new Uint8Array(0) })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});

describe('copy, reveal and drag-out', () => {
  it('copies the prompt as text and the image as a PNG (WebP converted, PNG as it is)', async () => {
    const [webp, png] = [await ingest('webp', 'the prompt, exactly ✨'), await ingest('png')];
    const { ctx, calls } = recordingContext();
    ok(await call('images.copy_prompt', { id: webp }, ctx));
    ok(await call('images.copy_image', { id: webp }, ctx));
    ok(await call('images.copy_image', { id: png }, ctx));
    expect(calls[0]).toEqual({ op: 'copyText', text: 'the prompt, exactly ✨' });
    const converted = (calls[1] as { path: string }).path;
    expect(converted).toBe(join(dataDir, 'handoff', 'clipboard.png'));
    expect(await sharp(converted).metadata()).toMatchObject({ format: 'png', width: 48, height: 32 });
    expect(insideImages((calls[2] as { path: string }).path)).toBe(true);
    expect(await call('images.copy_prompt', { id: UNKNOWN }, ctx)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('reveals the library file (in the trash too), never a missing one', async () => {
    const [a, b] = [await ingest(), await ingest()];
    ok(await call('images.trash', { ids: [a] }));
    rmSync(join(dataDir, mediaName('image', { id: b, format: 'png' })));
    const { ctx, calls } = recordingContext();
    ok(await call('images.reveal', { id: a }, ctx));
    expect(await call('images.reveal', { id: b }, ctx)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await call('images.copy_image', { id: b }, ctx)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(calls).toEqual([{ op: 'reveal', path: join(dataDir, mediaName('image', { id: a, format: 'png' })) }]);
  });

  it('drags several live images at once as copies carrying their metadata, with the first thumbnail as the icon', async () => {
    const ids = [await ingest('webp'), await ingest('png'), await ingest('jpeg')];
    const { ctx, calls } = recordingContext();
    expect(ok(await call('images.start_drag', { ids: [...ids, ids[0]] }, ctx))).toEqual({ started: true });
    expect(calls).toHaveLength(1);
    const drag = calls[0] as Extract<ContextCall, { op: 'drag' }>;
    expect(drag.files).toHaveLength(3);
    for (const [i, ext] of ['webp', 'png', 'jpg'].entries()) {
      const file = drag.files[i]!;
      expect(relative(join(dataDir, 'handoff', 'drag', ids[i]!), file)).toMatch(new RegExp(`^\\d{4}-\\d{2}-\\d{2}_[^/\\\\]+\\.${ext}$`, 'u'));
      const row = services.library.get(ids[i]!)!;
      expect(readEmbedded(readFileSync(file)).lagoon?.sha256, file).toBe(row.sha256);
    }
    expect(drag.icon).toBe(join(dataDir, mediaName('thumb', { id: ids[0]!, format: 'webp' })));
    expect((await sharp(drag.icon).metadata()).format).toBe('webp');
  });

  it('starts no drag unless every id is a live library image with its file (I8)', async () => {
    const [live, trashed, missing, linked] = [await ingest(), await ingest(), await ingest(), await ingest()];
    ok(await call('images.trash', { ids: [trashed] }));
    rmSync(join(dataDir, mediaName('image', { id: missing, format: 'png' })));
    const linkedPath = join(dataDir, mediaName('image', { id: linked, format: 'png' }));
    writeFileSync(join(root, 'secret.png'), readFileSync(linkedPath));
    rmSync(linkedPath);
    symlinkSync(join(root, 'secret.png'), linkedPath);
    const { ctx, calls } = recordingContext();
    for (const ids of [[trashed], [live, trashed], [missing], [live, missing], [linked], [UNKNOWN], [live, UNKNOWN]]) {
      expect(await call('images.start_drag', { ids }, ctx), JSON.stringify(ids)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    }
    const hostile: unknown[] = [
      { ids: [] },
      { ids: ['../../etc/passwd'] },
      { ids: [`${live}/../x`] },
      { ids: [live.toUpperCase()] },
      { ids: [`${live}\0`] },
      { ids: [join(dataDir, mediaName('image', { id: live, format: 'png' }))] },
      { id: live },
      { ids: live },
      { ids: [live], file: '/etc/passwd' },
      { ids: Array.from({ length: 501 }, () => live) },
    ];
    for (const input of hostile) {
      const result = await call('images.start_drag', input, ctx);
      expect(result.ok ? 'ok' : result.error.code, JSON.stringify(input).slice(0, 80)).toMatch(/^(INVALID_INPUT|NOT_FOUND)$/u);
    }
    expect(calls).toEqual([]);
    expect(existsSync(join(root, 'secret.png'))).toBe(true);
  });
});

describe('trash, preferences, integrity and backups through the router', () => {
  it('trash, restore and empty report counts; emptying purges files', async () => {
    const [a, b] = [await ingest(), await ingest()];
    expect(ok(await call('images.trash', { ids: [a, b, UNKNOWN] }))).toEqual({ updated: 2 });
    expect(ok(await call('images.restore', { ids: [b] }))).toEqual({ updated: 1 });
    expect(ok(await call('trash.empty', {}))).toEqual({ purged: 1 });
    expect(existsSync(join(dataDir, mediaName('image', { id: a, format: 'png' })))).toBe(false);
    expect(existsSync(join(dataDir, mediaName('image', { id: b, format: 'png' })))).toBe(true);
  });

  it('deletes forever only the trashed images among those named, files and all', async () => {
    const [trashed, live] = [await ingest(), await ingest()];
    ok(await call('images.trash', { ids: [trashed] }));
    expect(ok(await call('images.delete_forever', { ids: [trashed, live, UNKNOWN] }))).toEqual({ purged: 1 });
    expect(existsSync(join(dataDir, mediaName('image', { id: trashed, format: 'png' })))).toBe(false);
    expect(existsSync(join(dataDir, mediaName('image', { id: live, format: 'png' })))).toBe(true);
    for (const bad of [{ ids: [] }, { ids: ['../x'] }, {}, { ids: [live], all: true }]) {
      expect(await call('images.delete_forever', bad)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
  });

  it('reads and stores the library preferences', async () => {
    expect(ok(await call('settings.get_preferences', {}))).toEqual({ language: 'system', trashRetentionDays: 30, backupsToKeep: 5, spendLimitUsd: 1, startView: 'generate' });
    expect(ok(await call('settings.set_library_prefs', { backupsToKeep: 2 }))).toEqual({ language: 'system', trashRetentionDays: 30, backupsToKeep: 2, spendLimitUsd: 1, startView: 'generate' });
    expect(ok(await call('settings.set_library_prefs', { trashRetentionDays: 7 }))).toMatchObject({ trashRetentionDays: 7, backupsToKeep: 2 });
    expect(ok(await call('settings.set_language', { language: 'de' }))).toEqual({ language: 'de', trashRetentionDays: 7, backupsToKeep: 2, spendLimitUsd: 1, startView: 'generate' });
    for (const bad of [{ trashRetentionDays: 0 }, { backupsToKeep: 101 }, { backupsToKeep: 2.5 }, { other: 1 }]) {
      expect(await call('settings.set_library_prefs', bad)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
  });

  it('remembers the view the window opens on, and falls back to Generate for a value it does not know', async () => {
    expect(ok(await call('settings.set_start_view', { view: 'library' }))).toMatchObject({ startView: 'library' });
    expect(ok(await call('settings.get_preferences', {}))).toMatchObject({ startView: 'library' });
    for (const bad of [{ view: 'settings' }, { view: 'trash' }, {}]) {
      expect(await call('settings.set_start_view', bad)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
    expect(ok(await call('settings.get_preferences', {}))).toMatchObject({ startView: 'library' });
    // A value written by something else (a newer Lagoon, a hand edit) is not trusted.
    services.library.setSetting('start_view', 'gallery');
    expect(ok(await call('settings.get_preferences', {}))).toMatchObject({ startView: 'generate' });
  });

  it('checks integrity and backs up on demand, keeping as many as the preference says', async () => {
    await ingest();
    expect(ok(await call('library.check_integrity', {}))).toEqual({ ok: true, result: 'ok' });
    ok(await call('settings.set_library_prefs', { backupsToKeep: 2 }));
    const names: string[] = [];
    for (let i = 0; i < 3; i++) {
      const taken = ok<{ name: string; at: number; kept: number }>(await call('library.backup_now', {}));
      names.push(taken.name);
      await new Promise((r) => setTimeout(r, 2));
    }
    expect(readdirSync(join(dataDir, 'backups')).toSorted()).toEqual(names.slice(1));
  });
});
