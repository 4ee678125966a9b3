/** Plain-fetch helpers for tests that talk to the fake directly, without Lagoon's client in between. */

export interface PostOptions {
  /** Bearer key to send; null sends no Authorization header. */
  key: string | null;
  contentType?: string;
  /** Sent verbatim instead of JSON.stringify(body). */
  raw?: string;
  /** 'manual' by default so tests can look at redirects themselves. */
  redirect?: RequestInit['redirect'];
}

export const postTo = (url: string, body: unknown, o: PostOptions): Promise<Response> => {
  const headers: Record<string, string> = { 'content-type': o.contentType ?? 'application/json' };
  if (o.key !== null) headers.authorization = `Bearer ${o.key}`;
  return fetch(url, {
    method: 'POST',
    headers,
    body: o.raw ?? JSON.stringify(body),
    redirect: o.redirect ?? 'manual',
  });
};

/** `POST /images/generations` (OpenAI-compatible). */
export const postGeneration = (baseUrl: string, body: unknown, o: PostOptions): Promise<Response> =>
  postTo(`${baseUrl}/images/generations`, body, o);

/** `POST /image/generate` (native). */
export const postNative = (baseUrl: string, body: unknown, o: PostOptions): Promise<Response> => postTo(`${baseUrl}/image/generate`, body, o);

/** The images of a native success body, decoded leniently (the fake's own output). */
export const nativeImagesOf = async (res: Response): Promise<Buffer[]> => {
  const body = (await res.json()) as { images: string[] };
  return body.images.map((b64) => Buffer.from(b64, 'base64'));
};

export const jsonOf = async (res: Response): Promise<Record<string, unknown>> => (await res.json()) as Record<string, unknown>;

/** The image bytes of a success body, from b64_json or a data URL, decoded leniently (the fake's own output). */
export const imageOf = async (res: Response): Promise<Buffer> => {
  const body = (await res.json()) as { data: Array<{ b64_json?: string; url?: string }> };
  const item = body.data[0];
  if (item?.b64_json !== undefined) return Buffer.from(item.b64_json, 'base64');
  const match = /^data:image\/\w+;base64,(.*)$/.exec(item?.url ?? '');
  if (!match?.[1]) throw new Error(`no image in ${JSON.stringify(body).slice(0, 200)}`);
  return Buffer.from(match[1], 'base64');
};

/** A multipart POST (the edit family's other body type); fetch writes the boundary itself. */
export const postForm = (url: string, form: FormData, key: string | null = 'test-key'): Promise<Response> =>
  fetch(url, { method: 'POST', headers: key === null ? {} : { authorization: `Bearer ${key}` }, body: form, redirect: 'manual' });

/** The bytes of a binary answer. */
export const bytesOf = async (res: Response): Promise<Buffer> => Buffer.from(await res.arrayBuffer());
