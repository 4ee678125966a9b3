import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';

/** Small response helpers shared by every fake route. */

export type HeaderMap = Record<string, string>;

/** Venice's build stamp as seen in `x-venice-version`. */
const FAKE_VENICE_VERSION = '20260821.193530';

/** Venice rejects JSON bodies over 35 MB; the fake stops reading there. */
const MAX_BODY_BYTES = 35 * 1024 * 1024;

export const sendJson = (res: ServerResponse, status: number, body: unknown, headers: HeaderMap = {}): void => {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
};

export const sendError = (res: ServerResponse, status: number, error: string, headers: HeaderMap = {}): void =>
  sendJson(res, status, { error }, headers);

export const sendRaw = (res: ServerResponse, status: number, contentType: string, body: string | Buffer, headers: HeaderMap = {}): void => {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { ...headers, 'content-type': contentType, 'content-length': Buffer.byteLength(body) });
  res.end(body);
};

/** Every Venice answer carries a Cloudflare ray id and the build stamp. */
export const baseHeaders = (): HeaderMap => ({
  'cf-ray': `${randomBytes(8).toString('hex')}-AMS`,
  'x-venice-version': FAKE_VENICE_VERSION,
});

export type BodyRead = { ok: true; bytes: Buffer } | { ok: false; tooLarge: true };

export const readBody = async (req: IncomingMessage): Promise<BodyRead> => {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > MAX_BODY_BYTES) return { ok: false, tooLarge: true };
    chunks.push(buf);
  }
  return { ok: true, bytes: Buffer.concat(chunks) };
};

export const isJsonContentType = (value: string | undefined): boolean =>
  (value ?? '').split(';')[0]?.trim().toLowerCase() === 'application/json';

/** `Authorization: Bearer <key>` → the key, or null when the header is absent or not a bearer token. */
export const bearerKey = (header: string | undefined): string | null => {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1] ?? null;
};
