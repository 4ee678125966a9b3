import { describe, expect, it } from 'vitest';
import { parseCommandLine, wantsJson } from '../../src/cli/args.ts';
import { exitCodeFor } from '../../src/cli/exitCodes.ts';
import { createEnvStore, ENV_STORE_BACKEND, isEnvStore } from '../../src/main/core/secrets/envStore.ts';
import { AppError, ERROR_CODES } from '../../src/shared/errors.ts';

const refusal = (argv: string[]): AppError => {
  try {
    parseCommandLine(argv);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error(`expected ${JSON.stringify(argv)} to be refused`);
};

describe('CLI argument parsing', () => {
  it('fills the app form defaults and keeps the chosen options', () => {
    expect(parseCommandLine(['generate', '--prompt', 'a'])).toEqual({
      name: 'generate',
      json: false,
      source: { kind: 'inline', prompt: 'a' },
      options: { size: 'auto', outputFormat: 'png', moderation: 'auto' },
    });
    expect(parseCommandLine(['generate', '--prompts-file', 'p.txt', '--model', 'm', '--size', '512x512', '--format', 'jpeg', '--moderation', 'low', '--json'])).toEqual({
      name: 'generate',
      json: true,
      source: { kind: 'file', path: 'p.txt' },
      options: { model: 'm', size: '512x512', outputFormat: 'jpeg', moderation: 'low' },
    });
    expect(parseCommandLine(['list'])).toEqual({ name: 'list', json: false, limit: 50 });
    expect(parseCommandLine(['list', '--limit', '500', '--json'])).toEqual({ name: 'list', json: true, limit: 500 });
    expect(parseCommandLine(['key', 'status', '--json'])).toEqual({ name: 'key.status', json: true });
    expect(parseCommandLine(['generate', '--help'])).toEqual({ name: 'help', topic: 'generate' });
  });

  it('refuses with INVALID_INPUT, naming the problem', () => {
    expect(refusal(['generate', '--prompt', 'a', '--size', '100x100']).message).toContain('--size must be one of');
    expect(refusal(['generate', '--prompt', 'a', '--seed', '1']).message).toContain('--seed is not available yet');
    expect(refusal(['models']).message).toContain('lagoon models is not available yet');
    expect(refusal(['list', '--limit', '1.5']).code).toBe('INVALID_INPUT');
    expect(refusal(['list', '--limit', '-3']).code).toBe('INVALID_INPUT');
    expect(refusal(['constructor']).code).toBe('INVALID_INPUT');
    expect(refusal(['key', 'rotate']).code).toBe('INVALID_INPUT');
  });

  it('never echoes what was typed after `key`', () => {
    const secret = 'sk-typed-by-mistake-0123456789';
    for (const argv of [['key', 'set', secret], ['key', 'set', `--key=${secret}`], ['key', 'status', secret], [secret]]) {
      expect(refusal(argv).message).not.toContain(secret);
    }
  });

  it('answers in JSON when --json appears before --', () => {
    expect(wantsJson(['generate', '--json'])).toBe(true);
    expect(wantsJson(['generate', '--', '--json'])).toBe(false);
    expect(wantsJson(['list'])).toBe(false);
  });
});

describe('exit codes', () => {
  it('maps every error code to one of the documented classes', () => {
    for (const code of ERROR_CODES) expect([1, 2, 3, 4, 5, 6, 7, 8]).toContain(exitCodeFor(code));
    expect(
      Object.fromEntries(
        (['INVALID_INPUT', 'KEY_MISSING', 'AUTH_REJECTED', 'INSUFFICIENT_BALANCE', 'RATE_LIMITED', 'UPSTREAM_ERROR', 'INVALID_RESPONSE', 'OFFLINE', 'TIMEOUT', 'CONTENT_BLOCKED', 'STORAGE_FAILED'] as const).map(
          (c) => [c, exitCodeFor(c)],
        ),
      ),
    ).toEqual({
      INVALID_INPUT: 2,
      KEY_MISSING: 3,
      AUTH_REJECTED: 3,
      INSUFFICIENT_BALANCE: 4,
      RATE_LIMITED: 5,
      UPSTREAM_ERROR: 6,
      INVALID_RESPONSE: 6,
      OFFLINE: 7,
      TIMEOUT: 7,
      CONTENT_BLOCKED: 8,
      STORAGE_FAILED: 1,
    });
  });
});

describe('environment secret store', () => {
  it('returns the trimmed variable and refuses to change it, naming only the variable', async () => {
    const store = createEnvStore('  sk-env-0123456789abcdef\n');
    expect(isEnvStore(store)).toBe(true);
    expect(store.backend).toBe(ENV_STORE_BACKEND);
    expect(store.backend).toBe('environment variable VENICE_API_KEY');
    expect(await store.get()).toBe('sk-env-0123456789abcdef');
    for (const attempt of [store.set('sk-other-0123456789'), store.delete()]) {
      const error = await attempt.then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).message).toContain('VENICE_API_KEY');
      expect((error as AppError).message).not.toContain('sk-env-0123456789abcdef');
    }
    expect(await store.get()).toBe('sk-env-0123456789abcdef');
    expect(await createEnvStore('   ').get()).toBeNull();
    expect(isEnvStore({ backend: 'x', get: async () => null, set: async () => {}, delete: async () => {} })).toBe(false);
  });
});
