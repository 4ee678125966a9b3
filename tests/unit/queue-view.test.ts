import { describe, expect, it } from 'vitest';
import { buildHandlers } from '../../src/main/core/handlers/index.ts';
import { createRouter } from '../../src/main/core/ipc/router.ts';
import type { FakeVenice } from '../fake-venice/server.ts';
import { eachWithFakeVenice, type Harness, native, simple } from './helpers/queueHarness.ts';
import { inertContext } from './helpers/requestContext.ts';

/** The queue panel's own routes, through the real router, queue, library and fake Venice. */
describe('queue panel: deleted results and "Clear finished"', () => {
  let fake: FakeVenice;
  let h: Harness;
  const ctx = inertContext();
  eachWithFakeVenice((f, harness) => {
    fake = f;
    h = harness;
  });

  it('names the images deleted forever (not the trashed ones), and clearing hides finished jobs only', async () => {
    const services = h.open(fake.url);
    await services.catalogReady;
    const dispatch = createRouter(buildHandlers(services));
    const [pair, single] = services.queue.enqueue([native('two herons', { variants: 2 }), simple('one heron')]);
    const [twoDone, oneDone] = await h.settledAll([pair!, single!]);
    const [purged, trashed] = twoDone!.imageIds;
    services.trash.trash([purged!, trashed!]);
    await services.trash.purge([purged!]);
    const ids = [...twoDone!.imageIds, ...oneDone!.imageIds];
    expect(await dispatch('images.missing', { ids }, ctx)).toEqual({ ok: true, data: { ids: [purged] } });

    const [waiting] = services.queue.enqueue([simple('[fail:slow:3000] still running')]);
    const spendBefore = services.account.status().spend;
    expect(await dispatch('jobs.clear_finished', {}, ctx)).toEqual({ ok: true, data: { cleared: 2 } });
    expect(services.queue.list().map((j) => j.id)).toEqual([waiting!.id]);
    expect(await dispatch('jobs.list', {}, ctx)).toMatchObject({ ok: true, data: { jobs: [{ id: waiting!.id }] } });
    // The rows stay: the prompt history and the ledger still know those jobs.
    expect(services.queue.recentPrompts(10).map((p) => p.prompt).toSorted()).toEqual(['[fail:slow:3000] still running', 'one heron', 'two herons']);
    expect(services.account.status().spend).toEqual(spendBefore);
    await services.queue.cancel(waiting!.id);
  });
});
