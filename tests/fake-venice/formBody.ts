/**
 * Bodies of the edit family: JSON, or multipart/form-data with the images as file parts. Multipart is parsed by
 * the platform's own `Response.formData()` (undici's parser), so the fake needs no form library. Repeated
 * `images` (or `images[]`) parts become an array in order; file parts become Buffers.
 */
export type FormRead = { ok: true; body: Record<string, unknown> } | { ok: false; error: string };

const mimeOf = (contentType: string | undefined): string => (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';

const ARRAY_FIELDS = new Set(['images', 'images[]']);

export const readEditBody = async (raw: Buffer, contentType: string | undefined): Promise<FormRead> => {
  const mime = mimeOf(contentType);
  if (mime === 'application/json') {
    try {
      const json = JSON.parse(raw.toString('utf8')) as unknown;
      if (typeof json !== 'object' || json === null || Array.isArray(json)) return { ok: false, error: 'Invalid JSON request' };
      return { ok: true, body: json as Record<string, unknown> };
    } catch {
      return { ok: false, error: 'Invalid JSON request' };
    }
  }
  if (mime !== 'multipart/form-data') return { ok: false, error: "'Content-Type' must be 'application/json' or 'multipart/form-data'" };
  let form: FormData;
  try {
    form = await new Response(new Uint8Array(raw), { headers: { 'content-type': contentType ?? '' } }).formData();
  } catch {
    return { ok: false, error: 'Invalid multipart request' };
  }
  const body: Record<string, unknown> = {};
  const images: unknown[] = [];
  for (const [name, value] of form) {
    const v = typeof value === 'string' ? value : Buffer.from(await value.arrayBuffer());
    if (ARRAY_FIELDS.has(name)) images.push(v);
    else body[name] = v;
  }
  if (images.length > 0) body.images = images;
  return { ok: true, body };
};
