import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp, { type Sharp } from 'sharp';
import { describe, expect, it } from 'vitest';
import type { Job } from '../../src/shared/ipc/schemas/jobs.ts';
import { jsonOf, postNative } from '../fake-venice/rawRequests.ts';
import type { FakeVenice } from '../fake-venice/server.ts';
import { referencesBody } from './helpers/referenceBody.ts';
import { eachServicesOverFake } from './helpers/routedServices.ts';

// Reference images and the other optional native fields on generate, through the real router, core and queue
// against the fake Venice: the exact body sent, what the image records, and every refusal made before sending.

const KEY = 'test-key';

let fake: FakeVenice;
let dataDir: string;
const { call, settled } = eachServicesOverFake({ key: KEY, prefix: 'lagoon-references-' }, (app) => ({ fake, dataDir } = app));

/** A picture added to the library the way a dropped file is; answers its id and bytes. */
const addPicture = async (name: string, image: Sharp): Promise<{ id: string; bytes: Buffer }> => {
  const bytes = await image.png().toBuffer();
  const { id } = await call<{ id: string }>('iterate.add_file', { name, bytes: new Uint8Array(bytes) });
  return { id, bytes };
};
const plain = (width: number, height: number, background: string) => sharp({ create: { width, height, channels: 3, background } });

const lib = (id: string) => ({ input: { kind: 'library', id } });
const posts = () => fake.requests.filter((r) => r.method === 'POST');
const native = (extra: Record<string, unknown>) => ({
  endpoint: 'native',
  prompt: 'a heron in the style of the reference',
  model: 'nano-banana-2',
  variants: 1,
  format: 'png',
  safeMode: true,
  hideWatermark: false,
  seed: 7,
  ...extra,
});

describe('reference images and the optional native fields', () => {
  it('sends the reference bytes with their strength, web search and the thinking switch, and records only ids and hashes', async () => {
    await call('models.list', { refresh: true });
    const ref = await addPicture('palette.png', plain(512, 384, '#3a6ea5'));

    const request = native({ styleReferences: [{ input: { kind: 'library', id: ref.id }, strength: 0.6 }], enableWebSearch: true, disablePromptThinking: true });
    const { jobs } = await call<{ jobs: Job[] }>('jobs.enqueue', { requests: [request] });
    const queued = jobs[0] as Job;
    // The queued job pins the reference by its hash; the price includes the web search.
    expect(queued.request).toMatchObject({ styleReferences: [{ input: { kind: 'library', id: ref.id, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }, strength: 0.6 }] });
    expect(queued.priceUsd).toBeCloseTo(0.11, 10);
    const done = await settled(queued.id);
    expect(done.status).toBe('done');

    const sent = posts().map((r) => r.body as Record<string, unknown>);
    expect(sent).toHaveLength(1);
    const pinned = (queued.request as { styleReferences: Array<{ input: { sha256: string } }> }).styleReferences[0]?.input.sha256;
    const libraryBytes = await readFile(join(dataDir, 'images', ...(await imagePath(ref.id))));
    expect(createHash('sha256').update(libraryBytes).digest('hex')).toBe(pinned);
    expect(sent[0]).toEqual(referencesBody('a heron in the style of the reference', 7, [libraryBytes], 0.6));

    const child = done.imageIds[0] as string;
    const detail = await call<{ request: Record<string, unknown> }>('images.get', { id: child });
    expect(detail.request.style_references).toEqual([{ imageId: ref.id, sha256: pinned, strength: 0.6 }]);
    expect(JSON.stringify(detail.request)).not.toContain(libraryBytes.toString('base64').slice(0, 64));
    expect(await call('images.lineage', { id: child })).toMatchObject({ operation: 'generate', parents: [{ id: ref.id, role: 'reference', sha256: pinned }] });
    expect(await call('images.lineage', { id: ref.id })).toMatchObject({ children: [child] });
  });

  it('refuses before sending: a model without references, too many, too small, over 8 MB, a file path, web search where there is none', async () => {
    await call('models.list', { refresh: true });
    const ref = await addPicture('ok.png', plain(512, 512, '#808080'));
    const tiny = await addPicture('tiny.png', plain(200, 200, '#101010'));
    // Random noise does not compress: about 9 MB of PNG, inside the edit family's 25 MB but over the 8 MB for references.
    const heavy = await addPicture('noise.png', sharp({ create: { width: 2048, height: 1536, channels: 3, background: '#000', noise: { type: 'gaussian', mean: 128, sigma: 60 } } }));
    expect(heavy.bytes.length).toBeGreaterThan(8 * 1024 * 1024);
    const before = posts().length;

    const refusals: Array<[string, Record<string, unknown>, RegExp]> = [
      ['no references on this model', { model: 'venice-sd35', width: 1024, height: 1024, styleReferences: [lib(ref.id)] }, /does not take reference images/],
      ['too many', { styleReferences: [lib(ref.id), lib(ref.id), lib(ref.id), lib(ref.id)] }, /at most 3 reference images/],
      ['too small', { styleReferences: [lib(tiny.id)] }, /too small/],
      ['over 8 MB', { styleReferences: [lib(heavy.id)] }, /under 8 MB/],
      ['a path from the page (schema)', { styleReferences: [{ input: { kind: 'file', path: '/etc/passwd' } }] }, /not valid/],
      ['no web search here', { model: 'venice-sd35', width: 1024, height: 1024, enableWebSearch: true }, /cannot search the web/],
      ['strength out of range', { styleReferences: [{ ...lib(ref.id), strength: 0.05 }] }, /./],
      ['lora strength out of range', { loraStrength: 101 }, /./],
    ];
    for (const [what, extra, message] of refusals) {
      const attempt = call('jobs.enqueue', { requests: [native(extra)] });
      await expect(attempt, what).rejects.toMatchObject({ code: 'INVALID_INPUT' });
      await expect(attempt, what).rejects.toThrow(message);
    }
    expect(posts().length - before).toBe(0);
    const { jobs } = await call<{ jobs: Job[] }>('jobs.list', {});
    expect(jobs).toHaveLength(0);
  });

  it('the fake refuses web search on a model without it (charged extra, so never silently dropped) and takes it where offered', async () => {
    const refused = await postNative(fake.url, { model: 'venice-sd35', prompt: 'a reef', enable_web_search: true }, { key: KEY });
    expect(refused.status).toBe(400);
    expect((await jsonOf(refused)).details).toHaveProperty(['enable_web_search', '_errors'], ['The model venice-sd35 does not support web search']);
    const taken = await postNative(fake.url, { model: 'nano-banana-2', prompt: 'a reef', enable_web_search: true, disable_prompt_optimization_thinking: true, lora_strength: 0 }, { key: KEY });
    expect(taken.status).toBe(200);
    const outOfRange = await postNative(fake.url, { model: 'venice-sd35', prompt: 'a reef', lora_strength: 101 }, { key: KEY });
    expect(outOfRange.status).toBe(400);
  });

});

/** images/<shard>/<id>.<ext>, wherever the library put it. */
const imagePath = async (id: string): Promise<string[]> => {
  for (const shard of await readdir(join(dataDir, 'images'))) {
    const names = await readdir(join(dataDir, 'images', shard)).catch(() => [] as string[]);
    const name = names.find((n) => n.startsWith(id));
    if (name) return [shard, name];
  }
  throw new Error(`no file for ${id}`);
};
