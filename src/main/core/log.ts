import { inspect } from 'node:util';

/**
 * Everything logged by core goes through `redact`, which cuts bearer tokens and anything registered as secret
 * (the API key, once loaded). A log line must never be where a user's key ends up.
 */
const secrets = new Set<string>();

export const registerSecret = (value: string): void => {
  if (value.length >= 4) secrets.add(value);
};
export const forgetSecret = (value: string): void => {
  secrets.delete(value);
};

export const redact = (value: unknown): string => {
  let text = typeof value === 'string' ? value : inspect(value, { depth: 6, breakLength: Infinity });
  for (const secret of secrets) text = text.split(secret).join('[redacted]');
  return text.replace(/(bearer\s+)[^\s"',]+/gi, '$1[redacted]').slice(0, 2000);
};
