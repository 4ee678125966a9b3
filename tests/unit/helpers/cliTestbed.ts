import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect } from 'vitest';
import { type FakeVenice, type FakeVeniceOptions, startFakeVenice } from '../../fake-venice/server.ts';
import { type LagoonRun, type LagoonRunOptions, runLagoon } from '../cliRunner.ts';

/** What one CLI test runs against: its own fake Venice and an empty data folder. */
export interface CliTestbed {
  fake: FakeVenice;
  dataDir: string;
}

export interface CliTestbedOptions {
  /** The key the fake accepts: lagoon gets it in VENICE_API_KEY (unless `env` removes it) and must never print it. */
  key: string;
  /** Start of the data folder's name under the OS temp folder. */
  prefix: string;
  /** The fake's other options (its rate limit, balance…). */
  fake?: Omit<FakeVeniceOptions, 'apiKey'>;
  /** Variables every run gets on top of the data folder, the fake's URL and the key; `undefined` removes one. */
  env?: Record<string, string | undefined>;
}

export type LagoonCommand = (args: string[], opts?: LagoonRunOptions) => Promise<LagoonRun>;

/**
 * For each test of the calling block: a fresh fake Venice and data folder, handed to `ready`, both gone after the
 * test. Answers a runner of the real `lagoon` process against them, which fails the test when the key shows in
 * stdout or stderr, whatever the run did.
 */
export const eachCliTestbed = (options: CliTestbedOptions, ready: (bed: CliTestbed) => void = () => {}): LagoonCommand => {
  let bed: CliTestbed | null = null;
  beforeEach(async () => {
    bed = { fake: await startFakeVenice({ ...options.fake, apiKey: options.key }), dataDir: await mkdtemp(join(tmpdir(), options.prefix)) };
    ready(bed);
  });
  afterEach(async () => {
    await bed?.fake.close();
    if (bed) await rm(bed.dataDir, { recursive: true, force: true });
    bed = null;
  });
  return async (args, opts = {}) => {
    if (!bed) throw new Error('lagoon runs only inside a test');
    const env = { LAGOON_DATA_DIR: bed.dataDir, LAGOON_API_BASE_URL: bed.fake.url, VENICE_API_KEY: options.key, ...options.env, ...opts.env };
    const run = await runLagoon(args, { ...opts, env });
    expect(run.stdout).not.toContain(options.key);
    expect(run.stderr).not.toContain(options.key);
    return run;
  };
};

/** A base URL on loopback that nothing listens on: a port bound once to learn a free number, then released. */
export const closedPortUrl = async (): Promise<string> => {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/api/v1`;
};
