import { AppError } from '../../../shared/errors.ts';

/** Field names (case and separators ignored) that would mean a credential is about to be stored. */
const CREDENTIAL_FIELDS = new Set(['authorization', 'proxyauthorization', 'apikey', 'xapikey', 'veniceapikey', 'bearer', 'cookie', 'setcookie']);

const normalise = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * The request and response records go into the database verbatim. Rather than strip a credential that slipped into
 * them (which would hide the bug that put it there), we refuse to store the image at all. The message names the
 * field, never its value.
 */
export const assertNoCredentials = (value: unknown, where: string, depth = 0): void => {
  if (depth > 32) throw new AppError('INTERNAL', `Refusing to store the ${where}: it is nested too deeply.`);
  if (typeof value === 'string') {
    if (/^\s*bearer\s/i.test(value)) throw new AppError('INTERNAL', `Refusing to store the ${where}: it contains a bearer token.`);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const item of value) assertNoCredentials(item, where, depth + 1);
    return;
  }
  for (const [name, child] of Object.entries(value)) {
    if (CREDENTIAL_FIELDS.has(normalise(name))) {
      throw new AppError('INTERNAL', `Refusing to store the ${where}: it contains a credential field ("${name.slice(0, 40)}").`);
    }
    assertNoCredentials(child, where, depth + 1);
  }
};
