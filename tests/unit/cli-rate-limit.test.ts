import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY } from '../../src/main/core/venice/retry.ts';
import type { FakeVenice } from '../fake-venice/server.ts';
import { eachCliTestbed } from './helpers/cliTestbed.ts';

const KEY = 'sk-canary-cli-429-5e7d1c3b-9a2f-4b6d-8e0c-1f3a5b7d9e2c';
/** The queue puts a 429 job back in line this many times (throttle.ts, maxRateLimitRequeues' default). */
const QUEUE_REQUEUES = 3;

// Its own file: the core sits out Venice's Retry-After (1 s from the fake) between attempts, so this one run
// takes about as long as all the other CLI tests together and is better run beside them than after them.
describe('lagoon generate when Venice keeps answering 429', () => {
  let fake: FakeVenice;
  const lagoon = eachCliTestbed({ key: KEY, prefix: 'lagoon-cli-429-' }, (bed) => ({ fake } = bed));

  it('exits 5 after the core has used up its retries, storing nothing', { timeout: 60_000 }, async () => {
    const run = await lagoon(['generate', '--prompt', 'a lagoon [fail:429]', '--json']);
    expect(run.code).toBe(5);
    expect(run.lines).toMatchObject([{ error: { code: 'RATE_LIMITED', message: expect.any(String) } }]);
    // Each queue run is one request plus the client's retries; a 429 is retried only because it was not charged.
    const posts = fake.requests.filter((r) => r.method === 'POST').length;
    expect(posts).toBe((1 + DEFAULT_RETRY.maxRetries) * (1 + QUEUE_REQUEUES));

    const list = await lagoon(['list', '--json']);
    expect(list.lines).toEqual([]);
  });
});
