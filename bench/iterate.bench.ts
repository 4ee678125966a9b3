import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { buildMultipart } from '../src/main/core/venice/multipartBody.ts';
import { createTransport } from '../src/main/core/venice/transport.ts';
import { compare, type Figure } from './measure.ts';

const KEY = 'bench-key-0123456789';
const RUNS = Number(process.env.BENCH_RUNS ?? 40);
const CHILD = join(import.meta.dirname, 'iterateMemChild.ts');

/**
 * A sink standing in for Venice: it reads the whole body and answers with `answer` (a small PNG), so what is timed
 * is building and sending the request, not the fake's image work.
 */
export const startSink = async (answer: Buffer): Promise<{ url: string; server: Server }> => {
  const server = createServer((req, res) => {
    req.on('data', () => {});
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'image/png', 'content-length': answer.length });
      res.end(answer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`, server };
};

/** Random pixels do not compress: an edge×edge PNG of about 3·edge² bytes. */
export const noisePng = (edge: number): Promise<Buffer> =>
  sharp({ create: { width: edge, height: edge, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 60 } } }).png({ compressionLevel: 0 }).toBuffer();

const smallPng = (): Promise<Buffer> => sharp({ create: { width: 256, height: 256, channels: 3, background: '#336699' } }).png().toBuffer();

/**
 * Lagoon's edit request for a 4 MB input (the multipart body built once, sent over its transport) against the floor a
 * JSON client cannot go below: base64 of the same bytes inside JSON, sent with plain fetch to the same sink.
 */
export const editRequestOverheadVsFloor = async (): Promise<Figure> => {
  const input = await noisePng(1150);
  const sink = await startSink(await smallPng());
  try {
    const transport = createTransport({ baseUrl: sink.url });
    const fields = { model: 'firered-image-edit', prompt: 'add a heron', output_format: 'png' as const };
    const lagoon = async () => {
      const body = buildMultipart(fields, [{ name: 'image', bytes: input, format: 'png' }]);
      await transport.exchange('/image/edit', { apiKey: KEY, body, accept: 'image/*, application/json' });
    };
    const floor = async () => {
      const json = JSON.stringify({ ...fields, image: input.toString('base64') });
      const res = await fetch(`${sink.url}/image/edit`, {
        method: 'POST',
        headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json', connection: 'close' },
        body: json,
      });
      await res.arrayBuffer();
    };
    const { candidateMs, baselineMs, ratio } = await compare(RUNS, lagoon, floor, 5);
    return {
      name: 'edit_request_overhead_vs_floor',
      value: ratio,
      goal: '<= 1.3',
      met: ratio <= 1.3,
      lagoon_median_ms: candidateMs,
      base64_json_floor_median_ms: baselineMs,
      input_mb: input.length / 2 ** 20,
      runs: RUNS,
    };
  } finally {
    sink.server.close();
  }
};

const runChild = (args: string[]): Promise<Record<string, number>> =>
  new Promise((resolve, reject) => {
    execFile(process.execPath, [CHILD, ...args], { maxBuffer: 1 << 20 }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`${CHILD} failed: ${error.message}\n${stderr}`));
      resolve(JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as Record<string, number>);
    });
  });

/**
 * Peak memory of one edit of a ~25 MB input (just under Venice's limit) through Lagoon's whole path — the file read,
 * the input checks, the multipart body, the send, the answer's checks — in a process of its own, above that
 * process's idle footprint. The sink answering runs here, so it does not count.
 */
export const editPeakMemory25mb = async (): Promise<Figure> => {
  const dir = await mkdtemp(join(tmpdir(), 'lagoon-bench-edit-'));
  const input = await noisePng(2880);
  const path = join(dir, 'input.png');
  await writeFile(path, input);
  const sink = await startSink(await sharp({ create: { width: 512, height: 512, channels: 3, background: '#222' } }).png().toBuffer());
  try {
    const child = await runChild([sink.url, path]);
    const inputMb = input.length / 2 ** 20;
    const aboveIdle = (child.peak_rss_mb ?? Number.NaN) - (child.idle_rss_mb ?? Number.NaN);
    const value = aboveIdle / inputMb;
    return {
      name: 'edit_peak_memory_vs_input_25mb',
      value,
      goal: '< 4 (peak RSS above idle, in input sizes)',
      met: value < 4,
      input_mb: inputMb,
      idle_rss_mb: child.idle_rss_mb,
      peak_rss_mb: child.peak_rss_mb,
      above_idle_mb: aboveIdle,
    };
  } finally {
    sink.server.close();
    await rm(dir, { recursive: true, force: true });
  }
};
