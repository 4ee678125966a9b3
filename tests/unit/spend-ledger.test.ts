import { describe, expect, it } from 'vitest';
import { startOfLocalDay, startOfLocalMonth } from '../../src/main/core/spend/spendLedger.ts';
import type { JobRequest } from '../../src/shared/ipc/schemas/jobs.ts';
import type { FakeVenice } from '../fake-venice/server.ts';
import { eachWithFakeVenice, type Harness, manualClock, native, simple } from './helpers/queueHarness.ts';

/** The spend ledger through the real queue, the fake over HTTP and a real SQLite file: what was paid stays paid. */
describe('spend ledger', () => {
  let fake: FakeVenice;
  let h: Harness;
  eachWithFakeVenice((f, harness) => {
    fake = f;
    h = harness;
  });

  const run = async (request: JobRequest) => {
    const [job] = h.services.queue.enqueue([request]);
    return h.services.queue.settled(job!.id);
  };

  it('keeps a charge when its image is deleted forever, and counts a possibly-charged failure apart', async () => {
    const services = h.open(fake.url);
    await services.catalogReady;
    const paid = await run(native('two herons', { variants: 2 }));
    expect(paid.status).toBe('done');
    const lost = await run(simple('[fail:500] lost in the pipes'));
    expect(lost).toMatchObject({ status: 'failed', mayHaveBeenCharged: true });
    await run(native('blocked [fail:violation]'));
    await run(simple('[fail:402] no funds'));
    const before = services.account.status();
    expect(before.spend.today).toEqual({ chargedUsd: 0.02, possiblyChargedUsd: 0.01, unpricedJobs: 0 });
    expect(before.spentTodayUsd).toBe(0.02);

    expect(services.trash.trash(paid.imageIds)).toHaveLength(2);
    expect(await services.trash.purge(paid.imageIds)).toBe(2);
    const after = services.account.status();
    expect(after.spentTodayUsd).toBe(0.02);
    expect(after.spend).toEqual(before.spend);
    // The announced status (what the window shows) says the same.
    const announced = h.events.filter(([name]) => name === 'account.changed').at(-1)?.[1];
    expect(announced).toMatchObject({ spend: { today: { chargedUsd: 0.02, possiblyChargedUsd: 0.01 } } });
  });

  it('splits today, this month and all time on the local calendar, and survives a restart', async () => {
    const now = Date.now();
    const lastMonth = startOfLocalMonth(now) - 3600_000;
    const clock = manualClock(lastMonth);
    const first = h.open(fake.url, { clock });
    await first.catalogReady;
    await run(native('last month', { model: 'nano-banana-2', width: undefined, height: undefined, resolution: '2K', variants: 2 }));
    await first.shutdown();

    const today = manualClock(startOfLocalDay(now) + 60_000);
    const second = h.open(fake.url, { clock: today });
    await run(simple('today'));
    await run(simple('[fail:500] today, maybe'));
    expect(second.account.status().spend).toEqual({
      today: { chargedUsd: 0.01, possiblyChargedUsd: 0.01, unpricedJobs: 0 },
      month: { chargedUsd: 0.01, possiblyChargedUsd: 0.01, unpricedJobs: 0 },
      allTime: { chargedUsd: 0.29, possiblyChargedUsd: 0.01, unpricedJobs: 0 },
    });
  });

  it('records what Lagoon found interrupted at start as possibly charged, once', async () => {
    const services = h.open(fake.url);
    await services.catalogReady;
    const [job] = services.queue.enqueue([simple('[fail:slow:3000] cut off')]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    services.close();
    const reopened = h.open(fake.url);
    await reopened.catalogReady;
    expect(reopened.queue.get(job!.id)).toMatchObject({ status: 'failed', mayHaveBeenCharged: true });
    expect(reopened.account.status().spend.allTime).toEqual({ chargedUsd: 0, possiblyChargedUsd: 0.01, unpricedJobs: 0 });
  });
});
