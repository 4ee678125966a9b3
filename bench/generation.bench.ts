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

/** Lagoon's client against the openai SDK's images.generate, same fake, same 1024x1024 PNG (cached by prompt). */
export const clientVsOpenAiSdk = async (): Promise<Figure> => {
  const fake = await startFakeVenice({ apiKey: KEY, rateLimitPerMinute: 100_000 });
  try {
    const lagoon = createVeniceClient({ baseUrl: fake.url });
    const sdk = new OpenAI({ apiKey: KEY, baseURL: fake.url, maxRetries: 0 });
    const { candidateMs, baselineMs, ratio } = await compare(
      RUNS,
      () => lagoon.generateOpenAi({ prompt: PROMPT, size: '1024x1024', output_format: 'png' }, KEY, { retry: false }),
      () => sdk.images.generate({ prompt: PROMPT, size: '1024x1024', output_format: 'png', response_format: 'b64_json', n: 1 }),
    );
    return { name: 'client_vs_openai_sdk', value: ratio, goal: '<= 1.0', met: ratio <= 1.0, lagoon_median_ms: candidateMs, openai_sdk_median_ms: baselineMs, runs: RUNS };
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
