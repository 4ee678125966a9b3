import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import sharp from 'sharp';
import { closeDatabase, openDatabase } from '../src/main/core/db/openDatabase.ts';
import { createLibrary } from '../src/main/core/library/library.ts';
import { createVeniceClient } from '../src/main/core/venice/client.ts';
import { decodeBase64Strict } from '../src/main/core/venice/imageBytes.ts';
import { startFakeVenice } from '../tests/fake-venice/server.ts';
import { compare, type Figure } from './measure.ts';

const KEY = 'bench-key-0123456789';
const PROMPT = 'A lighthouse over a calm lagoon at dawn';
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
// A generate call takes about a millisecond against the local fake: many runs, and a long warm-up so JIT and
// socket state settle before either side is timed.
const CLIENT_RUNS = Number(process.env.BENCH_RUNS ?? 300);
const CLIENT_WARMUP = 100;

/** The SDK's fetch, made to open a connection per request as Lagoon's transport deliberately does (transport.ts). */
const closingFetch: typeof fetch = (input, init) => {
  const headers = new Headers(init?.headers);
  headers.set('connection', 'close');
  return fetch(input, { ...init, headers });
};

/**
 * Lagoon's client against the openai SDK's images.generate, same fake, same 1024x1024 PNG (cached by prompt). The
 * figure is against the SDK as shipped (keep-alive); `like_for_like_ratio` gives the SDK a connection per request too,
 * which isolates the client's own work from the fresh connection Lagoon pays on purpose.
 */
export const clientVsOpenAiSdk = async (): Promise<Figure> => {
  const fake = await startFakeVenice({ apiKey: KEY, rateLimitPerMinute: 1_000_000 });
  try {
    const lagoon = createVeniceClient({ baseUrl: fake.url });
    const generate = () => lagoon.generateOpenAi({ prompt: PROMPT, size: '1024x1024', output_format: 'png' }, KEY, { retry: false });
    const sdkCall = (sdk: OpenAI) => () => sdk.images.generate({ prompt: PROMPT, size: '1024x1024', output_format: 'png', response_format: 'b64_json', n: 1 });
    const { candidateMs, baselineMs, ratio } = await compare(CLIENT_RUNS, generate, sdkCall(new OpenAI({ apiKey: KEY, baseURL: fake.url, maxRetries: 0 })), CLIENT_WARMUP);
    const likeForLike = await compare(CLIENT_RUNS, generate, sdkCall(new OpenAI({ apiKey: KEY, baseURL: fake.url, maxRetries: 0, fetch: closingFetch })), CLIENT_WARMUP);
    return {
      name: 'client_vs_openai_sdk',
      value: ratio,
      goal: '<= 1.0',
      met: ratio <= 1.0,
      lagoon_median_ms: candidateMs,
      openai_sdk_median_ms: baselineMs,
      like_for_like_ratio: likeForLike.ratio,
      openai_sdk_fresh_connection_median_ms: likeForLike.baselineMs,
      runs: CLIENT_RUNS,
    };
  } finally {
    await fake.close();
  }
};

/** From response bytes to image + thumbnail + row committed, against the floor of the same unavoidable work. */
export const ingestVsFloor = async (): Promise<Figure> => {
  const dir = await mkdtemp(join(tmpdir(), 'lagoon-bench-ingest-'));
  const db = openDatabase(join(dir, 'lagoon.db'));
  try {
    const library = createLibrary({ db, dataDir: dir });
    const png = await sharp({ create: { width: 1024, height: 1024, channels: 3, background: '#3a7ca5' } })
      .composite([{ input: Buffer.from('<svg width="1024" height="1024"><circle cx="512" cy="600" r="300" fill="#e07a5f"/></svg>') }])
      .png()
      .toBuffer();
    const b64 = png.toString('base64');
    let n = 0;
    const floor = async () => {
      const bytes = decodeBase64Strict(b64);
      const handle = await open(join(dir, `floor-${n++}.png`), 'w');
      await handle.writeFile(bytes);
      await handle.sync();
      await handle.close();
      await sharp(bytes).resize(384, 384, { fit: 'inside' }).webp().toBuffer();
    };
    const ingest = () =>
      library.ingest({
        bytes: decodeBase64Strict(b64),
        format: 'png',
        prompt: PROMPT,
        model: 'z-image-turbo',
        endpoint: 'openai',
        request: { prompt: PROMPT, size: '1024x1024', output_format: 'png', n: 1 },
        response: { created: 1, durationMs: 1, headers: {} },
      });
    const { candidateMs, baselineMs, ratio } = await compare(RUNS, ingest, floor);
    return { name: 'ingest_vs_floor', value: ratio, goal: '<= 1.5', met: ratio <= 1.5, ingest_median_ms: candidateMs, floor_median_ms: baselineMs, runs: RUNS };
  } finally {
    closeDatabase(db);
    await rm(dir, { recursive: true, force: true });
  }
};
