import { AppError } from '../../../shared/errors.ts';
import type { KeyStatus, KeyVerification } from '../../../shared/ipc/schemas/settings.ts';

/**
 * Bounds for a plausible key. Venice keys are long random tokens (40+ characters); the minimum is 8 only so the
 * fake Venice's 'test-key' passes, and it still catches a stray character or a half-pasted key. 256 is far above
 * any real key yet keeps an accidental paste of a whole document out of the keychain and the Authorization header.
 */
export const API_KEY_MIN_LENGTH = 8;
export const API_KEY_MAX_LENGTH = 256;

/** A bearer token travels in an HTTP header, so only visible ASCII (0x21–0x7E) is acceptable. */
const VISIBLE_ASCII = /^[\x21-\x7e]+$/;
const WHITESPACE_OR_CONTROL = /[\s\p{Cc}\p{Cf}]/u;

const invalid = (message: string): AppError => new AppError('KEY_INVALID_FORMAT', message);

/**
 * Trims what a paste usually adds around a key and rejects anything that cannot be a key. The messages describe
 * the problem and never echo the value: the key must not end up in an error, a log or the UI.
 */
export function normalizeApiKey(raw: string): string {
  const key = raw.trim();
  if (key.length === 0) throw invalid('The API key is empty. Paste the key from your Venice account settings.');
  if (WHITESPACE_OR_CONTROL.test(key)) {
    throw invalid('The API key contains spaces, line breaks or invisible characters. Copy it again as one piece.');
  }
  if (!VISIBLE_ASCII.test(key)) {
    throw invalid('The API key contains characters a Venice key never has. Copy it again from your Venice account.');
  }
  if (key.length < API_KEY_MIN_LENGTH) {
    throw invalid(`The API key is too short (a key has at least ${API_KEY_MIN_LENGTH} characters). It may be cut off.`);
  }
  if (key.length > API_KEY_MAX_LENGTH) {
    throw invalid(`The API key is too long (at most ${API_KEY_MAX_LENGTH} characters). Paste only the key.`);
  }
  return key;
}

const BACKEND_NAME_MAX = 60; // zKeyStatus.backend's bound

/**
 * What the renderer may learn about the key: whether there is one, its last four characters and where it is kept.
 * A value shorter than a valid key (never stored by Lagoon itself) shows no characters at all, so the hint can
 * never reveal most of a short secret.
 */
export function keyStatus(key: string | null, backend: string, verification: KeyVerification | null = null): KeyStatus {
  const present = typeof key === 'string' && key.length > 0;
  return {
    present,
    last4: present && key.length >= API_KEY_MIN_LENGTH ? key.slice(-4) : null,
    backend: backend.slice(0, BACKEND_NAME_MAX),
    verification: present ? verification : null,
  };
}
