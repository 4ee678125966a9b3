import { existsSync, mkdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { Dispatch } from '../../src/main/core/ipc/router.ts';
import { dragCopyDir, sweepDragCopies } from '../../src/main/core/library/dragCopyFiles.ts';
import { mediaName } from '../../src/main/core/library/mediaNames.ts';
import type { Services } from '../../src/main/core/services.ts';
import { readEmbedded } from '../../src/main/core/transfer/metadata.ts';
import type { Result } from '../../src/shared/errors.ts';
import type { ImageFormat } from '../../src/shared/venice.ts';
import { makeImage } from './fixtures/transferImages.ts';
import { ingestNative } from './helpers/libraryImages.ts';
import { type ContextCall, recordingContext } from './helpers/requestContext.ts';
import { eachRoutedServices } from './helpers/routedServices.ts';

/** Drag-out hands other apps copies that carry the prompt (issue 4): real services, real files, the IPC router. */
let dataDir: string;
let services: Services;
let dispatch: Dispatch;
eachRoutedServices({ prefix: 'lagoon-drag-' }, (app) => ({ dataDir, services, dispatch } = app));

const ingest = (format: ImageFormat = 'png', prompt = 'harbour lights at dusk') =>
  ingestNative(services.library, { format, prompt, request: { negative_prompt: 'fog', seed: 4242, steps: 25 } });

const drag = async (ids: string[]): Promise<Result<unknown> & { files: string[] }> => {
  const { ctx, calls } = recordingContext();
  const result = await dispatch('images.start_drag', { ids }, ctx);
  return { ...result, files: (calls as Array<Extract<ContextCall, { op: 'drag' }>>).flatMap((c) => c.files) };
};
const library = (id: string, format: ImageFormat = 'png') => join(dataDir, mediaName('image', { id, format }));
const pixels = async (file: string) => sharp(file).raw().toBuffer();

describe('drag-out copies', () => {
  it('a dragged PNG carries the A1111 parameters and Lagoon record, pixel-identical to the library copy', async () => {
    const id = await ingest('png');
    const { ok, files } = await drag([id]);
    expect(ok).toBe(true);
    const [file] = files;
    expect(basename(file!)).toMatch(/^\d{4}-\d{2}-\d{2}_\d{2}-\d{2}-\d{2}_harbour-lights-at-dusk\.png$/u);
    const embedded = readEmbedded(readFileSync(file!));
    expect(embedded.a1111).toMatchObject({ prompt: 'harbour lights at dusk', negativePrompt: 'fog' });
    expect(embedded.a1111?.params).toMatchObject({ Seed: '4242', Steps: '25' });
    expect(embedded.lagoon).toMatchObject({ id, sha256: services.library.get(id)!.sha256 });
    expect((await pixels(file!)).equals(await pixels(library(id)))).toBe(true);
    // The library's own file is untouched.
    expect(readEmbedded(readFileSync(library(id))).a1111).toBeUndefined();
  });

  it('JPEG and WebP copies carry the prompt in XMP', async () => {
    const ids = [await ingest('jpeg', 'red kite over moorland'), await ingest('webp', 'lantern festival')];
    const { files } = await drag(ids);
    expect(files.map((f) => readEmbedded(readFileSync(f)).lagoon?.prompt)).toEqual(['red kite over moorland', 'lantern festival']);
  });

  it('is made once and reused: a second drag writes nothing', async () => {
    const id = await ingest();
    const [first] = (await drag([id])).files;
    const before = statSync(first!);
    const [again] = (await drag([id])).files;
    expect(again).toBe(first);
    expect(statSync(again!)).toMatchObject({ ino: before.ino, mtimeMs: before.mtimeMs });
  });

  it('two images with the same name stay two files', async () => {
    const ids = [await ingest('png', 'same words'), await ingest('png', 'same words')];
    const { files } = await drag(ids);
    expect(new Set(files).size).toBe(2);
    expect(files.map((f) => readEmbedded(readFileSync(f)).lagoon?.id)).toEqual(ids);
  });

  it('refuses a library file that no longer matches its hash, and hands nothing on', async () => {
    const id = await ingest();
    writeFileSync(library(id), await makeImage('png', { seed: 9999 }));
    const { ok, files } = await drag([id]);
    expect(ok).toBe(false);
    expect(files).toEqual([]);
    expect(existsSync(dragCopyDir(dataDir, id))).toBe(false);
  });

  it('emptying the trash removes the purged images\u2019 drag copies', async () => {
    const [kept, purged] = [await ingest(), await ingest()];
    const { files } = await drag([kept, purged]);
    expect(files.every((f) => existsSync(f))).toBe(true);
    services.trash.trash([purged]);
    await services.trash.empty();
    expect(existsSync(dragCopyDir(dataDir, purged))).toBe(false);
    expect(existsSync(files[0]!)).toBe(true);
  });

  it('the start-up sweep removes copies a day old, of trashed or unknown images, and strays; keeps fresh ones', async () => {
    const [fresh, old, trashed] = [await ingest(), await ingest(), await ingest()];
    const { files } = await drag([fresh, old, trashed]);
    services.trash.trash([trashed]);
    const dayAgo = (Date.now() - 25 * 3600_000) / 1000;
    utimesSync(dirname(files[1]!), dayAgo, dayAgo);
    const unknown = dragCopyDir(dataDir, '0b6f6c1e-3a4f-4d0e-9d4b-2f1c8a7e5b90');
    mkdirSync(unknown);
    writeFileSync(join(unknown, 'x.png'), 'x');
    writeFileSync(join(dirname(unknown), 'stray.txt'), 'x');
    expect(await sweepDragCopies(services.db, dataDir, Date.now())).toBe(4);
    expect([fresh, old, trashed].map((id) => existsSync(dragCopyDir(dataDir, id)))).toEqual([true, false, false]);
    expect(existsSync(unknown) || existsSync(join(dirname(unknown), 'stray.txt'))).toBe(false);
  });
});
