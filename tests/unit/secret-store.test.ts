import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../src/shared/errors.ts';
import {
  createKeytarStore,
  DEFAULT_KEYCHAIN_ACCOUNT,
  keychainBackendName,
  type KeytarModule,
} from '../../src/main/core/secrets/keytarStore.ts';
import type { SecretStore } from '../../src/main/core/secrets/secretStore.ts';
import { rejectionOf } from './helpers/errorCode.ts';

const run = promisify(execFile);
const keytarStoreUrl = pathToFileURL(fileURLToPath(new URL('../../src/main/core/secrets/keytarStore.ts', import.meta.url))).href;

const uniqueService = (): string => `Lagoon-test-${randomUUID()}`;

/** Items the Secret Service holds for a service, counted by an independent client (libsecret's secret-tool). */
const secretToolSearch = async (service: string): Promise<{ count: number; stdout: string; stderr: string }> => {
  const { stdout, stderr } = await run('secret-tool', ['search', '--all', 'service', service]);
  return { count: stdout.split('\n').filter((line) => /^\[.+\]$/.test(line)).length, stdout, stderr };
};

describe('keytar store against the real Secret Service (gnome-keyring under dbus-run-session)', () => {
  const created: SecretStore[] = [];
  const store = (service: string, account?: string): SecretStore => {
    const s = createKeytarStore(account ? { service, account } : { service });
    created.push(s);
    return s;
  };
  afterEach(async () => {
    await Promise.allSettled(created.splice(0).map((s) => s.delete()));
  });

  it('finds a Secret Service (this suite fails, never skips, without one)', async () => {
    if (!process.env.DBUS_SESSION_BUS_ADDRESS) throw new Error('No D-Bus session: run under dbus-run-session with gnome-keyring (see the test command)');
    const s = store(uniqueService());
    expect(s.backend).toBe('Secret Service');
    await expect(s.get()).resolves.toBeNull();
  });

  it('round-trips set/get/delete, and secret-tool sees exactly one item while set and none after delete', async () => {
    const service = uniqueService();
    const s = store(service);
    await s.set('sk-test-0123456789abcdef');
    expect(await s.get()).toBe('sk-test-0123456789abcdef');
    const found = await secretToolSearch(service);
    expect(found.count).toBe(1);
    expect(found.stderr).toContain(`attribute.account = ${DEFAULT_KEYCHAIN_ACCOUNT}`);
    expect(found.stdout).toContain('secret = sk-test-0123456789abcdef');

    await s.delete();
    expect(await s.get()).toBeNull();
    expect((await secretToolSearch(service)).count).toBe(0);
    await expect(s.delete()).resolves.toBeUndefined(); // deleting nothing is not an error
  });

  it('stores non-ASCII and 1 KB values byte-identically', async () => {
    const s = store(uniqueService());
    const values = ['ключ-🔑-鍵-clé-ß', 'x'.repeat(1024), `${'ü'.repeat(300)}\u{1F30A}`];
    for (const value of values) {
      await s.set(value);
      const back = await s.get();
      expect(Buffer.from(back ?? '', 'utf8').equals(Buffer.from(value, 'utf8'))).toBe(true);
    }
  });

  it('overwrites in place: one item, the newest value', async () => {
    const service = uniqueService();
    const s = store(service);
    await s.set('first-value-1234');
    await s.set('second-value-5678');
    expect(await s.get()).toBe('second-value-5678');
    expect((await secretToolSearch(service)).count).toBe(1);
    // A second store on the same service/account sees the same entry: nothing is cached in memory.
    expect(await store(service).get()).toBe('second-value-5678');
  });

  it('keeps accounts apart within one service', async () => {
    const service = uniqueService();
    const a = store(service);
    const b = store(service, 'other-account');
    await a.set('value-for-a-0001');
    expect(await b.get()).toBeNull();
    await b.set('value-for-b-0002');
    await a.delete();
    expect(await b.get()).toBe('value-for-b-0002');
    expect((await secretToolSearch(service)).count).toBe(1);
  });

  it('survives 100 set/get cycles with distinct values', async () => {
    const service = uniqueService();
    const s = store(service);
    let mismatches = 0;
    for (let i = 0; i < 100; i++) {
      const value = `cycle-${i}-${randomUUID()}-é`;
      await s.set(value);
      if ((await s.get()) !== value) mismatches++;
    }
    expect(mismatches).toBe(0);
    expect((await secretToolSearch(service)).count).toBe(1);
    await s.delete();
    expect((await secretToolSearch(service)).count).toBe(0);
  });

  it('rejects with KEYCHAIN_UNAVAILABLE, not at the timeout, when D-Bus is unreachable (child process)', async () => {
    const canary = `sk-canary-${randomUUID()}`;
    // A huge timeout: if the child reports an error, it came from the connection failure, not from the deadline.
    const script = `
      const { createKeytarStore } = await import(${JSON.stringify(keytarStoreUrl)});
      const store = createKeytarStore({ service: 'Lagoon-test-nobus', timeoutMs: 600000 });
      const out = {};
      for (const op of ['get', 'set', 'delete']) {
        try { op === 'set' ? await store.set(${JSON.stringify(canary)}) : await store[op](); out[op] = { ok: true }; }
        catch (e) { out[op] = { code: e.code, message: e.message, details: e.details }; }
      }
      console.log(JSON.stringify(out));`;
    const { stdout } = await run(process.execPath, ['--no-warnings', '--input-type=module', '-e', script], {
      env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: `unix:path=/nonexistent/lagoon-${randomUUID()}/bus` },
      timeout: 15_000,
    });
    const out = JSON.parse(stdout) as Record<string, { code?: string; message?: string; details?: { reason?: string } }>;
    for (const op of ['get', 'set', 'delete']) {
      expect(out[op]?.code).toBe('KEYCHAIN_UNAVAILABLE');
      expect(out[op]?.message).toMatch(/Secret Service.*gnome-keyring/);
      expect(out[op]?.details?.reason).not.toMatch(/no answer within/);
    }
    expect(stdout).not.toContain(canary);
  });
});

/** Tracks a promise's outcome without awaiting it, so fake timers can be advanced step by step. */
const settle = (promise: Promise<unknown>): { state: () => 'pending' | 'resolved' | AppError } => {
  let state: 'pending' | 'resolved' | AppError = 'pending';
  promise.then(
    () => (state = 'resolved'),
    (error: AppError) => (state = error),
  );
  return { state: () => state };
};

describe('keytar store with an injected backend', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  const hanging: KeytarModule = {
    getPassword: () => new Promise(() => {}),
    setPassword: () => new Promise(() => {}),
    deletePassword: () => new Promise(() => {}),
  };

  it.each(['get', 'set', 'delete'] as const)('rejects a never-answering %s at the default 10 s deadline', async (op) => {
    vi.useFakeTimers();
    const s = createKeytarStore({ service: uniqueService(), loadKeytar: () => hanging });
    const call = settle(op === 'set' ? s.set('some-value-123') : s[op]());
    await vi.advanceTimersByTimeAsync(9_999);
    expect(call.state()).toBe('pending');
    await vi.advanceTimersByTimeAsync(1);
    const outcome = call.state();
    expect(outcome).toBeInstanceOf(AppError);
    expect((outcome as AppError).code).toBe('KEYCHAIN_UNAVAILABLE');
    expect((outcome as AppError).details).toMatchObject({ reason: expect.stringMatching(/no answer within 10000 ms/) });
  });

  it('honours a custom timeout', async () => {
    vi.useFakeTimers();
    const s = createKeytarStore({ service: uniqueService(), timeoutMs: 500, loadKeytar: async () => hanging });
    const call = settle(s.get());
    await vi.advanceTimersByTimeAsync(499);
    expect(call.state()).toBe('pending');
    await vi.advanceTimersByTimeAsync(1);
    expect((call.state() as AppError).code).toBe('KEYCHAIN_UNAVAILABLE');
  });

  it('turns a keytar that cannot load into KEYCHAIN_UNAVAILABLE and retries the load on the next call', async () => {
    let loads = 0;
    const working: KeytarModule = { getPassword: async () => 'stored-value-1', setPassword: async () => {}, deletePassword: async () => true };
    const s = createKeytarStore({
      service: uniqueService(),
      loadKeytar: () => {
        loads++;
        if (loads === 1) throw new Error("Cannot find module '../build/Release/keytar.node'");
        return working;
      },
    });
    const error = await rejectionOf(s.get());
    expect(error.code).toBe('KEYCHAIN_UNAVAILABLE');
    expect(error.message).toContain('could not be reached');
    expect(error.message).toContain('never stores the key in a plain file');
    expect(await s.get()).toBe('stored-value-1');
    expect(await s.get()).toBe('stored-value-1');
    expect(loads).toBe(2);
  });

  it('never lets the secret through a backend error', async () => {
    const secret = `sk-canary-${randomUUID()}`;
    const leaky: KeytarModule = {
      getPassword: async () => null,
      setPassword: async (_s, _a, password) => {
        throw new Error(`org.freedesktop.Secret.Error: cannot store ${password}`);
      },
      deletePassword: async () => false,
    };
    const error = await rejectionOf(createKeytarStore({ service: uniqueService(), loadKeytar: () => leaky }).set(secret));
    expect(error.code).toBe('KEYCHAIN_UNAVAILABLE');
    expect(JSON.stringify({ message: error.message, details: error.details, cause: String(error.cause) })).not.toContain(secret);
    expect(JSON.stringify(error.details)).toContain('[redacted]');
  });

  it('refuses to store an empty value without touching the keychain', async () => {
    const setPassword = vi.fn<KeytarModule['setPassword']>(async () => {});
    const s = createKeytarStore({ service: uniqueService(), loadKeytar: () => ({ ...hanging, setPassword }) });
    expect((await rejectionOf(s.set(''))).code).toBe('INVALID_INPUT');
    expect(setPassword).not.toHaveBeenCalled();
  });

  it('passes service and account through to keytar', async () => {
    const getPassword = vi.fn<KeytarModule['getPassword']>(async () => null);
    await createKeytarStore({ service: 'svc-x', account: 'acct-y', loadKeytar: () => ({ ...hanging, getPassword }) }).get();
    expect(getPassword).toHaveBeenCalledWith('svc-x', 'acct-y');
  });

  it('names the backend per platform', () => {
    expect(keychainBackendName('darwin')).toBe('macOS Keychain');
    expect(keychainBackendName('win32')).toBe('Windows Credential Manager');
    expect(keychainBackendName('linux')).toBe('Secret Service');
    expect(keychainBackendName('freebsd')).toBe('Secret Service');
  });
});
