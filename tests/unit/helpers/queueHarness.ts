import { readdirSync, existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Clock } from '../../../src/main/core/queue/clock.ts';
import type { SecretStore } from '../../../src/main/core/secrets/secretStore.ts';
import { createServices, type ServiceDeps, type Services } from '../../../src/main/core/services.ts';
import { events as contractEvents, type EventName, type EventPayload } from '../../../src/shared/ipc/contract.ts';
import type { Job, JobRequest } from '../../../src/shared/ipc/schemas/jobs.ts';
import { afterEach, beforeEach } from 'vitest';
import { type FakeVenice, startFakeVenice } from '../../fake-venice/server.ts';

/** Shared scaffolding for the queue tests: real SQLite in a temp dir, the real fake over HTTP, an injectable clock. */

export const KEY = 'sk-queue-test-0f4c2a9e-7d31-4b8a-9c6e-5a2d1f0b3e47';

export const memoryStore = (initial: string | null = KEY): SecretStore => {
  let value = initial;
  return {
    backend: 'memory',
    get: async () => value,
    set: async (v) => void (value = v),
    delete: async () => void (value = null),
  };
};

/** Time that moves only when the test says so; due timers fire in order. */
export interface ManualClock extends Clock {
  advance(ms: number): void;
}

export const manualClock = (start = Date.now()): ManualClock => {
  let now = start;
  let seq = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  return {
    now: () => now,
    after(ms, fn) {
      const id = ++seq;
      timers.set(id, { at: now + Math.max(0, ms), fn });
      return () => void timers.delete(id);
    },
    advance(ms) {
      now += ms;
      for (const [id, t] of [...timers].toSorted((a, b) => a[1].at - b[1].at)) {
        if (t.at > now) continue;
        timers.delete(id);
        t.fn();
      }
    },
  };
};

/** Polls until `check` holds; the failure message says what never happened. */
export const waitFor = async (what: string, check: () => boolean, timeoutMs = 15_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
    await sleep(10);
  }
};

export const allFiles = (dir: string): string[] =>
  existsSync(dir)
    ? readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? allFiles(join(dir, e.name)) : [join(dir, e.name)]))
    : [];

export const generationPosts = (fake: FakeVenice, prompt?: string) =>
  fake.requests.filter(
    (r) => r.method === 'POST' && (prompt === undefined || (r.body as { prompt?: unknown } | undefined)?.prompt === prompt),
  ).length;

export const simple = (prompt: string, extra: Partial<JobRequest> = {}): JobRequest =>
  ({ endpoint: 'openai', prompt, size: '256x256', outputFormat: 'png', moderation: 'auto', ...extra }) as JobRequest;

export const native = (prompt: string, extra: Record<string, unknown> = {}): JobRequest =>
  ({
    endpoint: 'native',
    prompt,
    model: 'z-image-turbo',
    width: 256,
    height: 256,
    variants: 1,
    format: 'png',
    safeMode: true,
    hideWatermark: false,
    ...extra,
  }) as JobRequest;

/** One library + queue per test, recording every event; `reopen` simulates quitting and starting again. */
export interface Harness {
  dataDir: string;
  services: Services;
  events: Array<[EventName, unknown]>;
  open(baseUrl: string, deps?: ServiceDeps): Services;
  jobEvents(id: string): Job['status'][];
  settledAll(jobs: readonly Job[]): Promise<Job[]>;
  /** Like settledAll, but waiting_offline is not an end: waits until each job is done, failed, blocked or cancelled. */
  finishedAll(jobs: readonly Job[]): Promise<Job[]>;
  dispose(): Promise<void>;
}

export const createHarness = async (): Promise<Harness> => {
  const dataDir = await mkdtemp(join(tmpdir(), 'lagoon-queue-'));
  const opened: Services[] = [];
  const invalidEvents: string[] = [];
  const harness: Harness = {
    dataDir,
    services: undefined as unknown as Services,
    events: [],
    open(baseUrl, deps = {}) {
      const services = createServices(
        { dataDir, apiBaseUrl: baseUrl, keychainService: 'unused' },
        // Short client backoff: OFFLINE retries are part of the flow under test, their length is not.
        { secretStore: memoryStore(), retry: { baseDelayMs: 5, maxDelayMs: 20 }, ...deps },
      );
      services.events.subscribe(<E extends EventName>(name: E, payload: EventPayload<E>) => {
        harness.events.push([name, payload]);
        // Every event must match the contract the renderer trusts without parsing.
        const checked = contractEvents[name].safeParse(payload);
        if (!checked.success) invalidEvents.push(`${name}: ${checked.error.message}`);
      });
      opened.push(services);
      harness.services = services;
      return services;
    },
    jobEvents: (id) =>
      harness.events.flatMap(([name, payload]) =>
        name === 'jobs.changed' ? (payload as { jobs: Job[] }).jobs.filter((j) => j.id === id).map((j) => j.status) : [],
      ),
    settledAll: (jobs) => Promise.all(jobs.map((j) => harness.services.queue.settled(j.id))),
    async finishedAll(jobs) {
      const current = () => jobs.map((j) => harness.services.queue.get(j.id)!);
      await waitFor('every job to finish', () => current().every((j) => ['done', 'failed', 'blocked', 'cancelled'].includes(j.status)));
      return current();
    },
    async dispose() {
      for (const s of opened) if (s.db.open) s.close();
      await rm(dataDir, { recursive: true, force: true });
      if (invalidEvents.length > 0) throw new Error(`events outside the contract:\n${invalidEvents.join('\n')}`);
    },
  };
  return harness;
};

/** A pass-through proxy in front of the fake that counts generation requests in flight at the same time. */
/** For each test of the calling block: a fake Venice that accepts KEY and a fresh harness, both gone after the test. */
export const eachWithFakeVenice = (ready: (fake: FakeVenice, harness: Harness) => void): void => {
  let fake: FakeVenice | null = null;
  let harness: Harness | null = null;
  beforeEach(async () => {
    fake = await startFakeVenice({ apiKey: KEY });
    harness = await createHarness();
    ready(fake, harness);
  });
  afterEach(async () => {
    await harness?.dispose();
    await fake?.close();
  });
};

export const startCountingProxy = async (target: string): Promise<{ url: string; maxInFlight: () => number; close(): Promise<void> }> => {
  const upstream = new URL(target);
  let inFlight = 0;
  let max = 0;
  const server = createServer((req, res) => {
    const counted = req.method === 'POST';
    if (counted) max = Math.max(max, ++inFlight);
    const done = (): void => {
      if (counted) inFlight--;
    };
    const forward = httpRequest(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
        answer.on('end', done);
      },
    );
    forward.on('error', () => {
      done();
      res.destroy();
    });
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${upstream.pathname}`,
    maxInFlight: () => max,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};

/**
 * fetch that hides Venice's x-ratelimit-* headers, so the queue falls back to its own default limit (20 a minute)
 * while the fake, set to a high limit, never refuses: the test then sees the queue's pacing alone.
 */
export const fetchWithoutRateLimitHeaders: typeof fetch = async (input, init) => {
  const response = await fetch(input, init);
  const headers = new Headers(response.headers);
  for (const name of Array.from(headers.keys())) if (name.startsWith('x-ratelimit-')) headers.delete(name);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
};
