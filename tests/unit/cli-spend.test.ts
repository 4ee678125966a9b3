import { describe, expect, it } from 'vitest';
import { createEnvStore } from '../../src/main/core/secrets/envStore.ts';
import { createServices } from '../../src/main/core/services.ts';
import type { FakeVenice } from '../fake-venice/server.ts';
import { eachCliTestbed } from './helpers/cliTestbed.ts';
import { simple } from './helpers/queueHarness.ts';

const KEY = 'sk-canary-cli-spend-5e2a7c1d-9b4f-4d3a-8c6e-1f0a2b3c4d5e';

describe('lagoon spend (real child processes, the fake over HTTP)', () => {
  let fake: FakeVenice;
  let dataDir: string;
  const lagoon = eachCliTestbed({ key: KEY, prefix: 'lagoon-cli-spend-' }, (bed) => ({ fake, dataDir } = bed));

  // Three child processes and two generations: a generous timeout for a loaded machine; nothing asserts speed.
  it('prints the ledger: a possibly-charged failure apart, and deleting forever lowers nothing', { timeout: 120_000 }, async () => {
    // The jobs run through the same core the CLI uses; what is under test here is the spend command.
    const services = createServices({ dataDir, apiBaseUrl: fake.url, keychainService: 'unused' }, { secretStore: createEnvStore(KEY), launchMaintenance: false });
    try {
      await services.catalog.refreshIfStale();
      const [made, failed] = services.queue.enqueue([simple('a paper boat'), simple('[fail:500] a sunken boat')]);
      expect((await services.queue.settled(made!.id)).status).toBe('done');
      expect(await services.queue.settled(failed!.id)).toMatchObject({ status: 'failed', mayHaveBeenCharged: true });
      const before = await lagoon(['spend', '--json']);
      expect(before.code, before.stderr).toBe(0);
      const today = { chargedUsd: 0.01, possiblyChargedUsd: 0.01, unpricedJobs: 0 };
      expect(before.lines).toEqual([{ today, month: today, allTime: today, spendLimitUsd: 1 }]);

      const ids = services.queue.get(made!.id)!.imageIds;
      services.trash.trash(ids);
      expect(await services.trash.purge(ids)).toBe(1);
      const after = await lagoon(['spend', '--json']);
      expect(after.lines).toEqual(before.lines);
    } finally {
      services.close();
    }
    const human = await lagoon(['spend']);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/^today\s+\$0\.01\s+\$0\.01$/m);
    expect(human.stdout).toMatch(/^all time\s+\$0\.01\s+\$0\.01$/m);
    expect(human.stdout).toContain('Deleting images');
  });

  it('sends nothing and needs no key', async () => {
    const run = await lagoon(['spend', '--json'], { env: { VENICE_API_KEY: undefined } });
    expect(run.code, run.stderr).toBe(0);
    expect(run.lines[0]).toMatchObject({ allTime: { chargedUsd: 0, possiblyChargedUsd: 0, unpricedJobs: 0 } });
    expect(fake.requests).toHaveLength(0);
  });
});
