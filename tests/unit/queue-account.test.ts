import { describe, expect, it } from 'vitest';
import { startOfLocalDay } from '../../src/main/core/spend/spendLedger.ts';
import type { AccountStatus } from '../../src/shared/ipc/schemas/catalog.ts';
import type { FakeVenice } from '../fake-venice/server.ts';
import { eachWithFakeVenice, type Harness, manualClock, native, simple } from './helpers/queueHarness.ts';

/** Balance from Venice's headers, today's spend from catalogue prices, both announced and both surviving a restart. */
describe('account status', () => {
  let fake: FakeVenice;
  let h: Harness;
  eachWithFakeVenice((f, harness) => ((fake = f), (h = harness)));

  const run = async (request: Parameters<Harness['services']['queue']['enqueue']>[0][number]) => {
    const [job] = h.services.queue.enqueue([request]);
    return h.services.queue.settled(job!.id);
  };

  it("counts only images stored since local midnight, at the catalogue's price per image", async () => {
    const justBeforeMidnight = startOfLocalDay(Date.UTC(2026, 7, 20, 12)) + 24 * 3600_000 - 60_000;
    const clock = manualClock(justBeforeMidnight);
    const services = h.open(fake.url, { clock });
    await services.catalogReady;
    expect(services.account.status()).toMatchObject({ spentTodayUsd: 0, balanceUsd: null, balanceAt: null, online: true });
    await run(native('yesterday', { model: 'nano-banana-2', width: undefined, height: undefined, resolution: '2K', variants: 2 }));
    expect(services.account.status().spentTodayUsd).toBe(0.28);
    clock.advance(2 * 60_000);
    expect(services.account.status().spentTodayUsd).toBe(0);
    await run(simple('today'));
    await run(native('blocked [fail:violation]'));
    await run(simple('[fail:500] not stored'));
    expect(services.account.status().spentTodayUsd).toBe(0.01);
  });

  it('keeps the balance Venice reported, announces changes, and still knows it after a restart', async () => {
    const services = h.open(fake.url);
    await run(simple('one'));
    const status = services.account.status();
    expect(status.balanceUsd).toBeCloseTo(25, 6);
    expect(status.balanceDiem).toBeCloseTo(10, 6);
    expect(status.balanceAt).toEqual(expect.any(Number));
    await run(simple('two'));
    // Venice reports the balance before the request: the second answer shows the first image paid.
    expect(services.account.status().balanceUsd).toBeCloseTo(24.99, 6);
    const announced = h.events.filter(([name]) => name === 'account.changed').map(([, s]) => s as AccountStatus);
    expect(announced.at(-1)).toMatchObject({ spentTodayUsd: 0.02 });
    expect(announced.some((s) => s.balanceUsd !== null && Math.abs(s.balanceUsd - 24.99) < 1e-6)).toBe(true);
    await services.shutdown();
    const reopened = h.open(fake.url);
    expect(reopened.account.status()).toMatchObject({ spentTodayUsd: 0.02, rateLimit: null });
    expect(reopened.account.status().balanceUsd).toBeCloseTo(24.99, 6);
  });
});
