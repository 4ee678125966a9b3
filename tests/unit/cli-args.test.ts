import { describe, expect, it } from 'vitest';
import { parseCommandLine } from '../../src/cli/args.ts';
import { wantsJson } from '../../src/cli/quickCommand.ts';
import { exitCodeFor } from '../../src/cli/exitCodes.ts';
import { createEnvStore, ENV_STORE_BACKEND, isEnvStore } from '../../src/main/core/secrets/envStore.ts';
import { AppError, ERROR_CODES } from '../../src/shared/errors.ts';

const options = async (...flags: string[]): Promise<unknown> => ((await parseCommandLine(['generate', '--prompt', 'a', ...flags])) as { options: unknown }).options;

const refusal = async (argv: string[]): Promise<AppError> => {
  try {
    await parseCommandLine(argv);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error(`expected ${JSON.stringify(argv)} to be refused`);
};

describe('CLI argument parsing', () => {
  it('fills the app form defaults and keeps the chosen options', async () => {
    expect(await parseCommandLine(['generate', '--prompt', 'a'])).toEqual({
      name: 'generate',
      json: false,
      source: { kind: 'inline', prompt: 'a' },
      options: { route: 'openai', size: 'auto', outputFormat: 'png', moderation: 'auto' },
      batch: { maxFailures: 3, skipDone: false, failedTo: null, progress: undefined, quiet: false },
    });
    expect(await parseCommandLine(['generate', '--prompts-file', 'p.txt', '--model', 'm', '--size', '512x512', '--format', 'jpeg', '--moderation', 'low', '--json'])).toEqual({
      name: 'generate',
      json: true,
      source: { kind: 'file', path: 'p.txt' },
      options: { route: 'openai', model: 'm', size: '512x512', outputFormat: 'jpeg', moderation: 'low' },
      batch: { maxFailures: 3, skipDone: false, failedTo: null, progress: undefined, quiet: false },
    });
    expect(await parseCommandLine(['models', '--json', '--refresh'])).toEqual({ name: 'models', json: true, refresh: true, styles: false });
    expect(await parseCommandLine(['models', '--help'])).toEqual({ name: 'help', topic: 'models' });
    expect(await parseCommandLine(['list'])).toEqual({ name: 'list', json: false, limit: 50 });
    expect(await parseCommandLine(['list', '--limit', '500', '--json'])).toEqual({ name: 'list', json: true, limit: 500 });
    expect(await parseCommandLine(['key', 'status', '--json'])).toEqual({ name: 'key.status', json: true });
    expect(await parseCommandLine(['generate', '--help'])).toEqual({ name: 'help', topic: 'generate' });
  });

  it('picks the native route for any native-only flag or a size the OpenAI route lacks, and maps every flag', async () => {
    const native = { route: 'native', outputFormat: 'png', moderation: 'auto', variants: 1, hideWatermark: false };
    expect(await options('--size', '512x512')).toEqual({ route: 'openai', size: '512x512', outputFormat: 'png', moderation: 'auto' });
    expect(await options('--seed', '7')).toEqual({ ...native, seed: 7 });
    expect(await options('--size', '1000x760')).toEqual({ ...native, width: 1000, height: 760 });
    // A preset size travels with the request once it is native: the same pixels, as width and height.
    expect(await options('--size', '1024x1024', '--variants', '2')).toEqual({ ...native, width: 1024, height: 1024, variants: 2 });
    expect(await options('--hide-watermark')).toEqual({ ...native, hideWatermark: true });
    expect(
      await options(
        ...'--model m --aspect-ratio 16:9 --resolution 2K --quality high --negative blur --seed=-5'.split(' '),
        ...'--steps 30 --cfg 7.5 --style Anime --variants 4 --format webp --moderation low'.split(' '),
      ),
    ).toEqual({
      route: 'native',
      model: 'm',
      aspectRatio: '16:9',
      resolution: '2K',
      quality: 'high',
      negativePrompt: 'blur',
      seed: -5,
      steps: 30,
      cfgScale: 7.5,
      stylePreset: 'Anime',
      variants: 4,
      outputFormat: 'webp',
      moderation: 'low',
      hideWatermark: false,
    });
  });

  it('refuses with INVALID_INPUT, naming the problem', async () => {
    expect((await refusal(['generate', '--prompt', 'a', '--size', '100'])).message).toContain('--size must be auto or WIDTHxHEIGHT');
    expect((await refusal(['generate', '--prompt', 'a', '--size', '0x100'])).message).toContain('--size must be auto or WIDTHxHEIGHT');
    expect((await refusal(['generate', '--prompt', 'a', '--size', '1281x1024'])).message).toContain('from 1 to 1280');
    expect((await refusal(['generate', '--prompt', 'a', '--size', '1792x1024', '--seed', '1'])).message).toContain('only on Venice\'s OpenAI-compatible route');
    expect((await refusal(['generate', '--prompt', 'a', '--seed', '1e3'])).message).toContain('--seed must be a whole number');
    expect((await refusal(['generate', '--prompt', 'a', '--seed', '1000000000'])).message).toContain('--seed must be a whole number');
    expect((await refusal(['generate', '--prompt', 'a', '--variants', '0'])).message).toContain('--variants must be a whole number from 1 to 4');
    expect((await refusal(['generate', '--prompt', 'a', '--cfg', '20.5'])).message).toContain('--cfg must be a number above 0');
    expect((await refusal(['generate', '--prompt', 'a', '--cfg', 'abc'])).message).toContain('--cfg must be a number above 0');
    expect((await refusal(['generate', '--prompt', 'a', '--quality', 'best'])).message).toContain('--quality must be one of low, medium, high');
    expect((await refusal(['generate', '--prompt', 'a', '--negative', '  '])).message).toContain('--negative needs a value');
    expect((await refusal(['generate', '--prompt', 'a', '--aspect-ratio', 'x'.repeat(21)])).message).toContain('--aspect-ratio must be');
    expect((await refusal(['models', 'extra'])).code).toBe('INVALID_INPUT');
    // node:util cannot tell a negative number from an option; its hint, on one line, says how to write one.
    expect((await refusal(['generate', '--prompt', 'a', '--seed', '-5'])).message).toMatch(/^lagoon generate: Option '--seed' argument is ambiguous\. [^\n]*'--seed=-XYZ'\. Run/);
    expect((await refusal(['list', '--limit', '1.5'])).code).toBe('INVALID_INPUT');
    expect((await refusal(['list', '--limit', '-3'])).code).toBe('INVALID_INPUT');
    expect((await refusal(['constructor'])).code).toBe('INVALID_INPUT');
    expect((await refusal(['key', 'rotate'])).code).toBe('INVALID_INPUT');
  });

  it('never echoes what was typed after `key`', async () => {
    const secret = 'sk-typed-by-mistake-0123456789';
    for (const argv of [['key', 'set', secret], ['key', 'set', `--key=${secret}`], ['key', 'status', secret], [secret]]) {
      expect((await refusal(argv)).message).not.toContain(secret);
    }
  });

  it('answers in JSON when --json appears before --', () => {
    expect(wantsJson(['generate', '--json'])).toBe(true);
    expect(wantsJson(['generate', '--', '--json'])).toBe(false);
    expect(wantsJson(['list'])).toBe(false);
  });
});

const search = (...args: string[]) => parseCommandLine(['search', ...args]);

describe('lagoon search arguments', () => {
  it('take the search syntax as typed: a word with one dash is left out, not a short option', async () => {
    expect(await search('coral', '-dusk', '--json')).toEqual({ name: 'search', json: true, query: { text: 'coral -dusk' }, limit: 50 });
    expect(await search('cabin OR puppy')).toMatchObject({ query: { text: 'cabin OR puppy' } });
    expect(await search('-cabin', '--kind', 'original', '--has-versions')).toMatchObject({ query: { text: '-cabin', kind: 'original', hasVersions: true } });
    expect(await search('--kind', 'remove-background')).toMatchObject({ query: { kind: 'remove-background' } });
    expect(await search('-h')).toEqual({ name: 'help', topic: 'search' });
    await expect(search('--kind', 'crop')).rejects.toThrow(/--kind must be one of original, edit, combine, upscale, remove-background/);
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
