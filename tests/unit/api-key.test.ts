import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/shared/errors.ts';
import { zKeyStatus } from '../../src/shared/ipc/schemas/settings.ts';
import { API_KEY_MAX_LENGTH, API_KEY_MIN_LENGTH, keyStatus, normalizeApiKey } from '../../src/main/core/secrets/apiKey.ts';
import { keychainBackendName } from '../../src/main/core/secrets/keytarStore.ts';

describe('normalizeApiKey', () => {
  const min = 'a'.repeat(API_KEY_MIN_LENGTH);
  const max = 'b'.repeat(API_KEY_MAX_LENGTH);
  it.each([
    ['test-key', 'test-key'],
    ['  test-key  ', 'test-key'],
    ['\ttest-key\r\n', 'test-key'],
    ['VENICE-ADMIN-KEY-abcDEF0123456789_-.~+/=', 'VENICE-ADMIN-KEY-abcDEF0123456789_-.~+/='],
    [min, min],
    [max, max],
    [`\n${max}\n`, max],
  ])('accepts %j', (raw, expected) => {
    expect(normalizeApiKey(raw)).toBe(expected);
  });

  it.each([
    ['empty', ''],
    ['only spaces', '   \t\n '],
    ['inner space', 'test key-123456'],
    ['inner tab', 'test\tkey-123456'],
    ['inner newline', 'test-key\n123456'],
    ['NUL', 'test-key\u0000123456'],
    ['DEL', 'test-key\u007f123456'],
    ['zero-width space', 'test-key\u200b123456'],
    ['non-breaking space', 'test-key\u00a0123456'],
    ['non-ASCII letter', 'tést-key-123456'],
    ['emoji', 'test-key-🔑-123456'],
    ['too short', 'a'.repeat(API_KEY_MIN_LENGTH - 1)],
    ['too long', 'b'.repeat(API_KEY_MAX_LENGTH + 1)],
  ])('rejects %s with KEY_INVALID_FORMAT and never echoes the value', (_name, raw) => {
    let thrown: unknown;
    try {
      normalizeApiKey(raw);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AppError);
    const error = thrown as AppError;
    expect(error.code).toBe('KEY_INVALID_FORMAT');
    expect(error.details).toBeUndefined();
    const trimmed = raw.trim();
    for (let i = 0; i + 6 <= trimmed.length; i++) expect(error.message).not.toContain(trimmed.slice(i, i + 6));
  });

  it('never echoes a realistic key in its message', () => {
    const key = `sk-canary-${randomUUID()}`;
    for (const raw of [`${key} ${key}`, `${key}\u200b`, `${key}é`, `${key}${'x'.repeat(300)}`]) {
      let message = '';
      try {
        normalizeApiKey(raw);
      } catch (error) {
        message = (error as AppError).message;
      }
      expect(message).not.toBe('');
      expect(message).not.toContain(key.slice(0, 8));
      expect(message).not.toContain(key.slice(-8));
    }
  });
});

describe('keyStatus', () => {
  const ALNUM = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
  it('reports absence', () => {
    expect(keyStatus(null, 'Secret Service')).toEqual({ present: false, last4: null, backend: 'Secret Service', verification: null });
    expect(keyStatus('', 'Secret Service', 'verified')).toEqual({ present: false, last4: null, backend: 'Secret Service', verification: null });
  });

  it('reports presence with the last four characters only', () => {
    expect(keyStatus('test-key', 'macOS Keychain', 'unverified')).toEqual({ present: true, last4: '-key', backend: 'macOS Keychain', verification: 'unverified' });
    expect(keyStatus('sk-0123456789abcdef', 'x')).toMatchObject({ last4: 'cdef' });
  });

  it('never contains more than 4 characters of the key, whatever its length, and always fits the schema', () => {
    const backend = keychainBackendName();
    for (let length = 1; length <= 64; length++) {
      // A key of distinct characters, so any 5-character window is a unique witness of a leak.
      const key = Array.from({ length }, (_, i) => ALNUM[(i * 7) % ALNUM.length]).join('');
      const status = keyStatus(key, backend);
      expect(zKeyStatus.safeParse(status).success).toBe(true);
      const revealed = [status.last4 ?? '', status.backend].join('\u0000');
      for (let i = 0; i + 5 <= key.length; i++) expect(revealed).not.toContain(key.slice(i, i + 5));
      expect((status.last4 ?? '').length).toBeLessThanOrEqual(4);
      expect(status.last4 === null).toBe(length < API_KEY_MIN_LENGTH);
    }
  });

  it('bounds the backend name to what the schema allows', () => {
    expect(zKeyStatus.safeParse(keyStatus('test-key', 'B'.repeat(200))).success).toBe(true);
  });
});
