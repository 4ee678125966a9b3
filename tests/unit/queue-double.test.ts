import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccountClient, CatalogClient, GenerationClient, OpenAiGeneration } from '../../src/main/core/generation/venicePorts.ts';
import { AppError } from '../../src/shared/errors.ts';
import type { OpenAiImageRequest } from '../../src/shared/venice.ts';
import { createHarness, type Harness, manualClock, simple } from './helpers/queueHarness.ts';

/**
 * Queue decisions that the fake cannot provoke on demand (a 429 the client gave up on, a client bug, a check the
 * client makes before sending), with a small typed stand-in for the client. HTTP itself is covered by the other files.
 */
type Script = Array<(request: OpenAiImageRequest) => Promise<OpenAiGeneration>>;

const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#08c' } }).png().toBuffer();

const image = (request: OpenAiImageRequest): Promise<OpenAiGeneration> =>
  Promise.resolve({
    bytes: png,
    format: 'png',
    request,
    response: { created: 1, durationMs: 5, headers: {} },
    flags: { blurred: false, contentViolation: false },
    attempts: 1,
  });

const scriptedClient = (script: Script): GenerationClient & CatalogClient & AccountClient & { calls: number } => {
  const client = {
    calls: 0,
    generateOpenAi: (request: OpenAiImageRequest) => {
      const step = script[client.calls] ?? image;
      client.calls += 1;
      return step(request);
    },
    generateNative: () => Promise.reject(new Error('not scripted')),
    listModels: async () => [],
    listStyles: async () => [],
    getTraits: async () => ({}),
    accountInfo: () => Promise.reject(new Error('not scripted')),
  };
  return client;
};

const rateLimited = () => Promise.reject(new AppError('RATE_LIMITED', 'slow down', { mayHaveBeenCharged: false, retryAfterMs: 5000, attempts: 4 }));

/** Lets the stand-in's promises and the queue's follow-up writes run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 30));

describe('generation queue decisions (client stand-in)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness();
  });
  afterEach(async () => {
    await h.dispose();
  });

  it('a 429 the client gave up on puts the job back in line until Venice said to come back', async () => {
    const clock = manualClock();
    const client = scriptedClient([rateLimited]);
    const services = h.open('http://127.0.0.1:9/api/v1', { client, clock, launchMaintenance: false });
    const [job] = services.queue.enqueue([simple('patience')]);
    await settle();
    expect(services.queue.get(job!.id)).toMatchObject({ status: 'queued', attempts: 4, error: { code: 'RATE_LIMITED' } });
    clock.advance(4_999);
    await settle();
    expect(client.calls).toBe(1);
    clock.advance(1);
    const done = await services.queue.settled(job!.id);
    expect(done).toMatchObject({ status: 'done', attempts: 5, error: null });
    expect(client.calls).toBe(2);
  });

  it('after three requeues a 429 fails the job (not charged), and the user can retry it', async () => {
    const clock = manualClock();
    const client = scriptedClient([rateLimited, rateLimited, rateLimited, rateLimited]);
    const services = h.open('http://127.0.0.1:9/api/v1', { client, clock, launchMaintenance: false });
    const [job] = services.queue.enqueue([simple('persistent 429')]);
    for (let i = 0; i < 3; i++) {
      await settle();
      clock.advance(5_000);
    }
    const failed = await services.queue.settled(job!.id);
    expect(failed).toMatchObject({ status: 'failed', mayHaveBeenCharged: false, error: { code: 'RATE_LIMITED' } });
    expect(client.calls).toBe(4);
  });

  it('a client bug is a failure that may have been charged; a check before sending is one that was not', async () => {
    const client = scriptedClient([
      () => Promise.reject(new TypeError('boom')),
      () => Promise.reject(new AppError('INVALID_INPUT', 'bad field', { issues: [], attempts: 0 })),
    ]);
    const services = h.open('http://127.0.0.1:9/api/v1', { client, launchMaintenance: false, queue: { concurrency: 1 } });
    const [bug, refused] = services.queue.enqueue([simple('bug'), simple('refused')]);
    expect(await services.queue.settled(bug!.id)).toMatchObject({ status: 'failed', mayHaveBeenCharged: true, error: { code: 'INTERNAL' } });
    expect(await services.queue.settled(refused!.id)).toMatchObject({ status: 'failed', mayHaveBeenCharged: false, attempts: 0 });
  });
});
