import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../src/main/core/services.ts';
import type { Job } from '../../src/shared/ipc/schemas/jobs.ts';
import type { FakeVenice } from '../fake-venice/server.ts';
import { memoryStore } from './helpers/queueHarness.ts';
import { eachServicesOverFake } from './helpers/routedServices.ts';

// Lineage in exported files as XMP Media Management, read back by exiftool (an independent reader).

const run = promisify(execFile);
const KEY = 'test-key';

let fake: FakeVenice;
let dataDir: string;
let services: Services;
eachServicesOverFake({ key: KEY, prefix: 'lagoon-lineage-xmp-', fake: { rateLimitPerMinute: 10_000 } }, (app) => ({ fake, dataDir, services } = app));

const settle = async (job: Job | undefined): Promise<string> => {
  const done = await services.queue.settled((job as Job).id);
  expect(done.status).toBe('done');
  return done.imageIds[0] as string;
};

const exiftool = async (file: string): Promise<Record<string, unknown>> => {
  const { stdout } = await run('exiftool', ['-j', '-struct', '-XMP-xmpMM:all', file]);
  return (JSON.parse(stdout) as Array<Record<string, unknown>>)[0] ?? {};
};

describe('lineage in exported XMP', () => {
  it('writes DocumentID, InstanceID, DerivedFrom, Ingredients and one History event per operation for derived images', async () => {
    const original = await settle(services.queue.enqueue([{ endpoint: 'openai', prompt: 'a tern', size: '512x512', outputFormat: 'png', moderation: 'auto' }])[0]);
    const edited = await settle((await services.iterate.queue({ endpoint: 'edit', prompt: 'at dusk', model: 'firered-image-edit', inputs: [{ kind: 'library', id: original }], enhancePrompt: false, safeMode: true })).job);
    const upscaled = await settle((await services.iterate.queue({ endpoint: 'upscale', prompt: '', inputs: [{ kind: 'library', id: edited }], scale: 2 })).job);
    const dir = join(dataDir, 'out');
    expect((await services.transfer.exportTo([original, edited, upscaled], { stripMetadata: false, sidecar: false }, { dir })).done).toBe(3);
    const files = await readdir(dir);
    const tags = await Promise.all(files.map((f) => exiftool(join(dir, f))));
    const byId = new Map(tags.map((t) => [String(t.DocumentID ?? 'original').replace('xmp.did:lagoon:', ''), t]));
    const sha = (id: string): string => services.library.get(id)?.sha256 ?? '';

    const top = byId.get(upscaled) as Record<string, unknown>;
    expect(top.InstanceID).toBe(`xmp.iid:lagoon:${sha(upscaled)}`);
    expect(top.DerivedFrom).toEqual({ DocumentID: `xmp.did:lagoon:${edited}`, InstanceID: `xmp.iid:lagoon:${sha(edited)}` });
    expect((top.History as Array<Record<string, unknown>>).map((e) => [e.Action, e.Parameters, e.InstanceID])).toEqual([
      ['created', 'generate', `xmp.iid:lagoon:${sha(original)}`],
      ['derived', 'edit', `xmp.iid:lagoon:${sha(edited)}`],
      ['derived', 'upscale', `xmp.iid:lagoon:${sha(upscaled)}`],
    ]);
    // An original's packet is left as it was: its children name it by its Lagoon id.
    expect(byId.get('original')).toEqual({ SourceFile: expect.any(String) });
    expect(byId.get(edited)?.Ingredients).toHaveLength(1);
  });

  it('importing an exported family into an empty library restores the links, whatever the order of the files', async () => {
    const original = await settle(services.queue.enqueue([{ endpoint: 'openai', prompt: 'a plover', size: '512x512', outputFormat: 'png', moderation: 'auto' }])[0]);
    const second = await settle(services.queue.enqueue([{ endpoint: 'openai', prompt: 'a dune', size: '512x512', outputFormat: 'png', moderation: 'auto' }])[0]);
    const combined = await settle(
      (await services.iterate.queue({ endpoint: 'combine', prompt: 'both', model: 'qwen-edit', inputs: [original, second].map((id) => ({ kind: 'library', id })), enhancePrompt: false, safeMode: true })).job,
    );
    const cut = await settle((await services.iterate.queue({ endpoint: 'remove-background', prompt: '', inputs: [{ kind: 'library', id: combined }] })).job);
    const dir = join(dataDir, 'family');
    await services.transfer.exportTo([original, second, combined, cut], { stripMetadata: false, sidecar: false, template: '{id}' }, { dir });

    const emptyDir = await mkdtemp(join(tmpdir(), 'lagoon-lineage-empty-'));
    const other = createServices({ dataDir: emptyDir, apiBaseUrl: fake.url, keychainService: 'unused' }, { secretStore: memoryStore(KEY), launchMaintenance: false });
    try {
      // Children first, then one parent; the other parent is never imported.
      const byOriginal = new Map<string, string>();
      for (const id of [cut, combined, original]) {
        const result = await other.transfer.importPaths([join(dir, `${id}.png`)]);
        expect(result.done).toBe(1);
      }
      for (const item of other.library.list({ limit: 10 }).items) {
        const imported = (other.library.get(item.id)?.response as { imported?: { originalId?: string } } | undefined)?.imported;
        byOriginal.set(imported?.originalId ?? '', item.id);
      }
      const newCut = byOriginal.get(cut) as string;
      const newCombined = byOriginal.get(combined) as string;
      const newOriginal = byOriginal.get(original) as string;
      expect(other.iterate.lineage(newCut)).toMatchObject({ operation: 'remove-background', parents: [{ id: newCombined, role: 'source', state: 'present' }] });
      expect(other.iterate.lineage(newCombined)).toMatchObject({
        operation: 'combine',
        parents: [
          { id: newOriginal, role: 'base', state: 'present' },
          { id: null, role: 'layer', sha256: services.library.get(second)?.sha256 },
        ],
      });
      expect(other.iterate.lineage(newOriginal).children).toEqual([newCombined]);
    } finally {
      await other.shutdown();
      await rm(emptyDir, { recursive: true, force: true });
    }
  });

  it('a whole folder imported at once, parents first, links its generated original too (it keeps its own endpoint)', async () => {
    const original = await settle(services.queue.enqueue([{ endpoint: 'openai', prompt: 'a curlew', size: '512x512', outputFormat: 'webp', moderation: 'auto' }])[0]);
    const upscaled = await settle((await services.iterate.queue({ endpoint: 'upscale', prompt: '', inputs: [{ kind: 'library', id: original }], scale: 2 })).job);
    const cut = await settle((await services.iterate.queue({ endpoint: 'remove-background', prompt: '', inputs: [{ kind: 'library', id: original }] })).job);
    const dir = join(dataDir, 'folder');
    await services.transfer.exportTo([original, upscaled, cut], { stripMetadata: false, sidecar: false }, { dir });

    const emptyDir = await mkdtemp(join(tmpdir(), 'lagoon-lineage-folder-'));
    const other = createServices({ dataDir: emptyDir, apiBaseUrl: fake.url, keychainService: 'unused' }, { secretStore: memoryStore(KEY), launchMaintenance: false });
    try {
      expect((await other.transfer.importPaths([join(dir, (await readdir(dir)).find((f) => f.endsWith('.webp')) ?? '')])).done).toBe(1);
      expect((await other.transfer.importPaths([dir])).done).toBe(2);
      const [root] = other.library.list({ limit: 10 }).items.filter((item) => other.iterate.lineage(item.id).parents.length === 0);
      expect(other.library.get(root?.id ?? '')?.endpoint).toBe('openai');
      const versions = other.iterate.lineage(root?.id ?? '').children;
      expect(versions).toHaveLength(2);
      for (const version of versions) expect(other.iterate.lineage(version).parents).toMatchObject([{ id: root?.id, state: 'present' }]);
    } finally {
      await other.shutdown();
      await rm(emptyDir, { recursive: true, force: true });
    }
  });
});
