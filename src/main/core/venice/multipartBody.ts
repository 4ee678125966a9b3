import { randomBytes } from 'node:crypto';
import type { ImageFormat } from '../../../shared/venice.ts';

/**
 * A multipart/form-data body for the edit family, built by hand because it is the cheapest honest encoding of a
 * 25 MB input: the image bytes are copied exactly once into the body (FormData with a Blob copies them and then
 * streams them again; JSON would inflate them by a third as base64 and copy them three times).
 */
export interface FilePart {
  name: string;
  bytes: Uint8Array;
  format: ImageFormat;
}

const CRLF = '\r\n';

/** Field names and values are Lagoon's own (ASCII names, JSON-ish values), never user file names. */
export const buildMultipart = (fields: Record<string, string | number | boolean | undefined>, files: readonly FilePart[]): { bytes: Buffer<ArrayBuffer>; contentType: string } => {
  const boundary = `----lagoon${randomBytes(12).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    parts.push(Buffer.from(`--${boundary}${CRLF}Content-Disposition: form-data; name="${name}"${CRLF}${CRLF}${String(value)}${CRLF}`, 'utf8'));
  }
  files.forEach((file, i) => {
    const head = `--${boundary}${CRLF}Content-Disposition: form-data; name="${file.name}"; filename="input-${i + 1}.${file.format === 'jpeg' ? 'jpg' : file.format}"${CRLF}Content-Type: image/${file.format}${CRLF}${CRLF}`;
    parts.push(Buffer.from(head, 'utf8'), Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength), Buffer.from(CRLF, 'utf8'));
  });
  parts.push(Buffer.from(`--${boundary}--${CRLF}`, 'utf8'));
  return { bytes: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
};
