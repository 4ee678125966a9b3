import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { imageOf, jsonOf as json, postGeneration, type PostOptions } from '../fake-venice/rawRequests.ts';
import { startFakeVenice, type FakeVenice } from '../fake-venice/server.ts';
import { fakeVeniceForFile } from './helpers/fakeVeniceForFile.ts';

// The fake's deliberate failures (magic prompts), its rate limiter and its shutdown.

const KEY = 'test-key';
let fake: FakeVenice;
fakeVeniceForFile({ apiKey: KEY, rateLimitPerMinute: 10_000 }, (started) => (fake = started));

const post = (body: unknown, o: Partial<PostOptions> = {}, base = fake.url): Promise<Response> =>
  postGeneration(base, body, { key: KEY, ...o });

describe('magic failure prompts', () => {
  it.each([
    ['402', 402, /Insufficient USD or Diem balance/],
    ['403', 403, /Unauthorized/],
    ['404', 404, /^Specified model not found: z-image-turbo$/],
    ['413', 413, /size/],
    ['415', 415, /content-type/],
    ['429', 429, /overloaded/],
    ['500', 500, /^Inference processing failed$/],
    ['503', 503, /at capacity/],
    ['504', 504, /timed out/],
  ])('[fail:%s] → %i with a JSON error string', async (name, status, message) => {
    const res = await post({ prompt: `x [fail:${name}]`, model: 'z-image-turbo' });
    expect(res.status).toBe(status);
    const body = await json(res);
    expect(body.error).toMatch(message);
    expect(res.headers.get('retry-after')).toBe(status === 429 ? '1' : null);
  });

  it('[fail:502] is an HTML CDN page', async () => {
    const res = await post({ prompt: '[fail:502]' });
    expect(res.status).toBe(502);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await res.text()).toContain('502 Bad Gateway');
  });

  it('breaks 200 answers as asked', async () => {
    const html = await post({ prompt: '[fail:html200]' });
    expect([html.status, html.headers.get('content-type')]).toEqual([200, 'text/html; charset=utf-8']);
    const badJson = await post({ prompt: '[fail:badjson]' });
    expect(badJson.headers.get('content-type')).toBe('application/json');
    await expect(badJson.json()).rejects.toThrow(/JSON/);
    const badB64 = (await (await post({ prompt: '[fail:badb64]' })).json()) as { data: Array<{ b64_json: string }> };
    expect(badB64.data[0]?.b64_json).toMatch(/[^A-Za-z0-9+/=]/);
    const empty = (await (await post({ prompt: '[fail:empty]' })).json()) as { data: unknown[] };
    expect(empty.data).toEqual([]);
  });

  it('[fail:wrongformat] sends a real image in another format', async () => {
    const asPng = await sharp(await imageOf(await post({ prompt: '[fail:wrongformat]', size: '256x256' }))).metadata();
    expect(asPng.format).toBe('jpeg');
    const asJpeg = await sharp(await imageOf(await post({ prompt: '[fail:wrongformat]', size: '256x256', output_format: 'jpeg' }))).metadata();
    expect(asJpeg.format).toBe('png');
  });

  it('[fail:violation] is a 200 black image with the violation header', async () => {
    const res = await post({ prompt: '[fail:violation]', size: '256x256' });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-venice-is-content-violation')).toBe('true');
    const { channels } = await sharp(await imageOf(res)).stats();
    expect(channels.every((c) => c.max === 0)).toBe(true);
  });

  it('[fail:reset] kills the connection mid-body', async () => {
    const res = await post({ prompt: '[fail:reset]' });
    expect(res.status).toBe(200);
    await expect(res.text()).rejects.toThrow(/terminated/);
  });

  it('[fail:redirect] points at the same server under another origin', async () => {
    const res = await post({ prompt: '[fail:redirect]' });
    expect(res.status).toBe(307);
    const location = new URL(res.headers.get('location') ?? '');
    expect(location.hostname).toBe('localhost');
    expect(location.port).toBe(new URL(fake.url).port);
  });

  it('[fail:slow:MS] delays, then answers normally', async () => {
    const res = await post({ prompt: '[fail:slow:150] then fine', size: '256x256' });
    expect(res.status).toBe(200);
  });
});

describe('rate limiting and lifecycle', () => {
  it('refuses requests past the per-minute limit with 429 and reset headers', async () => {
    const limited = await startFakeVenice({ apiKey: KEY, rateLimitPerMinute: 2 });
    try {
      const remaining: Array<string | null> = [];
      for (let i = 0; i < 2; i++) {
        const res = await post({ prompt: `r${i}`, size: '256x256' }, {}, limited.url);
        expect(res.status).toBe(200);
        remaining.push(res.headers.get('x-ratelimit-remaining-requests'));
      }
      expect(remaining).toEqual(['1', '0']);
      const refused = await post({ prompt: 'r3' }, {}, limited.url);
      expect(refused.status).toBe(429);
      expect(await refused.json()).toEqual({ error: 'Rate limit exceeded' });
      expect(refused.headers.get('x-ratelimit-remaining-requests')).toBe('0');
      expect(Number(refused.headers.get('x-ratelimit-reset-requests'))).toBeGreaterThan(Date.now());
    } finally {
      await limited.close();
    }
  });

  it('closes promptly even while a slow request is pending', async () => {
    const other = await startFakeVenice({ apiKey: KEY });
    const pending = post({ prompt: '[fail:slow:60000]' }, {}, other.url).then(
      (res) => res.text(),
      (error: unknown) => error,
    );
    while (other.requests.length === 0) await new Promise((r) => setTimeout(r, 10));
    await other.close();
    expect(await pending).toBeInstanceOf(Error);
  });
});
