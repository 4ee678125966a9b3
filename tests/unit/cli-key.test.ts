import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FakeVenice } from '../fake-venice/server.ts';
import { type LagoonRun, type LagoonRunOptions, runLagoon } from './cliRunner.ts';
import { eachCliTestbed } from './helpers/cliTestbed.ts';

const run = promisify(execFile);
const KEY = 'sk-canary-keychain-3b9d2f41-6a7c-4e15-9d08-b2c4e6f8a0d1';
const ACCOUNT = 'venice-api-key';

/** What the Secret Service holds for a service, read by an independent client (libsecret's secret-tool). */
const keychainValue = async (service: string): Promise<string | null> => {
  try {
    const { stdout } = await run('secret-tool', ['lookup', 'service', service, 'account', ACCOUNT]);
    return stdout;
  } catch {
    return null; // secret-tool exits 1 when nothing matches
  }
};

// Each test runs several real `lagoon` processes (about 1 s each to start on 2 cores): room for a busy machine.
describe('lagoon key … against the real keychain (gnome-keyring under dbus-run-session)', { timeout: 90_000 }, () => {
  let fake: FakeVenice;
  let dataDir: string;
  let service: string;
  const secrets: string[] = [];

  eachCliTestbed({ key: KEY, prefix: 'lagoon-cli-key-' }, (bed) => ({ fake, dataDir } = bed));

  beforeEach(() => {
    if (!process.env.DBUS_SESSION_BUS_ADDRESS) throw new Error('No D-Bus session: run under dbus-run-session with gnome-keyring (see the test command)');
    // Never the user's "Lagoon" entry: every test has a service of its own.
    service = `Lagoon-test-${randomUUID()}`;
    secrets.splice(0, secrets.length, KEY);
  });
  afterEach(async () => {
    await run('secret-tool', ['clear', 'service', service, 'account', ACCOUNT]).catch(() => undefined);
  });

  /** No VENICE_API_KEY unless a test sets it; every secret a test used is checked against both output streams. */
  const lagoon = async (args: string[], opts: LagoonRunOptions = {}): Promise<LagoonRun> => {
    const result = await runLagoon(args, {
      ...opts,
      env: { LAGOON_DATA_DIR: dataDir, LAGOON_API_BASE_URL: fake.url, LAGOON_KEYCHAIN_SERVICE: service, ...opts.env },
    });
    for (const secret of secrets) {
      expect(result.stdout).not.toContain(secret);
      expect(result.stderr).not.toContain(secret);
    }
    return result;
  };

  it('set (stdin, trimmed) → status → generate with the stored key → clear', async () => {
    const empty = await lagoon(['key', 'status', '--json']);
    expect(empty.code).toBe(0);
    expect(empty.lines).toEqual([{ present: false, last4: null, backend: 'Secret Service', verification: null }]);

    const set = await lagoon(['key', 'set'], { stdin: `  ${KEY}  \n` });
    expect(set.code).toBe(0);
    expect(set.stdout).toContain(`ending in ${KEY.slice(-4)}`);
    expect(await keychainValue(service)).toBe(KEY);

    const status = await lagoon(['key', 'status', '--json']);
    expect(status.lines).toEqual([{ present: true, last4: KEY.slice(-4), backend: 'Secret Service', verification: null }]);

    const gen = await lagoon(['generate', '--prompt', 'keychain lagoon', '--size', '256x256', '--json']);
    expect(gen.code).toBe(0);
    expect(gen.lines[0]).toMatchObject({ prompt: 'keychain lagoon', width: 256, height: 256 });
    const posts = fake.requests.filter((r) => r.method === 'POST');
    expect(posts).toHaveLength(1);
    expect(posts[0]?.headers.authorization).toBe(`Bearer ${KEY}`);

    const clear = await lagoon(['key', 'clear', '--json']);
    expect(clear.code).toBe(0);
    expect(clear.lines).toEqual([{ present: false, last4: null, backend: 'Secret Service', verification: null }]);
    expect(await keychainValue(service)).toBeNull();
    expect((await lagoon(['generate', '--prompt', 'no key now'])).code).toBe(3);
    expect(fake.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
  });

  it('reads only the first line of piped input, and works without a trailing newline', async () => {
    const twoLines = await lagoon(['key', 'set'], { stdin: `${KEY}\nsomething-else-entirely\n` });
    expect(twoLines.code).toBe(0);
    expect(await keychainValue(service)).toBe(KEY);
    const other = 'sk-second-canary-9a8b7c6d5e4f';
    secrets.push(other);
    const bare = await lagoon(['key', 'set'], { stdin: other });
    expect(bare.code).toBe(0);
    expect(await keychainValue(service)).toBe(other);
  });

  it('rejects a malformed key with exit 3, stores nothing and never echoes it', async () => {
    const inputs = ['', '   \n', 'sk-has a-space-inside-1234', 'short', `sk-${'x'.repeat(300)}`, `${'z'.repeat(5000)}`];
    secrets.push(...inputs.filter((i) => i.trim().length >= 8).map((i) => i.trim()));
    for (const stdin of inputs) {
      const result = await lagoon(['key', 'set', '--json'], { stdin });
      expect(result.code).toBe(3);
      expect(result.lines).toMatchObject([{ error: { code: 'KEY_INVALID_FORMAT', message: expect.any(String) } }]);
    }
    // No stdin at all (not a terminal, immediately at its end) is an empty key too.
    expect((await lagoon(['key', 'set'])).code).toBe(3);
    expect(await keychainValue(service)).toBeNull();
  });

  it('refuses a key given as an argument, without storing or printing it', async () => {
    const result = await lagoon(['key', 'set', KEY]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('standard input');
    expect(await keychainValue(service)).toBeNull();
    const asOption = await lagoon(['key', 'set', `--key=${KEY}`]);
    expect(asOption.code).toBe(2);
    expect(await keychainValue(service)).toBeNull();
  });

  it('VENICE_API_KEY wins over the keychain while it is set, and leaves the keychain alone', async () => {
    const stale = 'sk-stale-keychain-key-0123456789';
    secrets.push(stale);
    expect((await lagoon(['key', 'set'], { stdin: `${stale}\n` })).code).toBe(0);

    const fromKeychain = await lagoon(['generate', '--prompt', 'which key', '--json']);
    expect(fromKeychain.code).toBe(3);
    expect(fromKeychain.lines).toMatchObject([{ error: { code: 'AUTH_REJECTED', message: expect.any(String) } }]);

    const fromEnv = await lagoon(['generate', '--prompt', 'which key', '--json'], { env: { VENICE_API_KEY: `${KEY}\n` } });
    expect(fromEnv.code).toBe(0);
    const auths = fake.requests.filter((r) => r.method === 'POST').map((r) => r.headers.authorization);
    expect(auths).toEqual([`Bearer ${stale}`, `Bearer ${KEY}`]);
    expect(await keychainValue(service)).toBe(stale);
  });
});
