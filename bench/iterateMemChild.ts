// Run by iterate.bench.ts as a process of its own: one edit of the file at argv[3] through Lagoon's edit client to
// the sink at argv[2]. Prints one JSON line: idle RSS (after imports and warm-up) and peak RSS (VmHWM), in MB.
import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { checkInputImage, readInputFile } from '../src/main/core/venice/inputImage.ts';
import { createIterateClient } from '../src/main/core/venice/iterateClient.ts';

const mb = (bytes: number): number => bytes / 2 ** 20;
// VmHWM, not resourceUsage().maxRSS: Linux carries ru_maxrss across execve, so a child would report its parent's peak.
const peakMb = (): number => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? Number.NaN) / 1024;
const [baseUrl = '', path = ''] = process.argv.slice(2);

// sharp and libvips load lazily: warm them on a tiny image so their code is idle footprint, not the input's cost.
await sharp({ create: { width: 300, height: 300, channels: 3, background: '#000' } }).png().toBuffer().then((b) => checkInputImage(b, 'warm-up'));
const client = createIterateClient({ baseUrl });
globalThis.gc?.();
const idle = process.memoryUsage().rss;
const input = await checkInputImage(await readInputFile(path), 'input');
// The sink answers with a square PNG; a square input keeps the answer's shape check honest.
await client.edit({ model: 'firered-image-edit', prompt: 'add a heron', output_format: 'png' }, input, 'bench-key-0123456789', { retry: false });
process.stdout.write(`${JSON.stringify({ idle_rss_mb: mb(idle), peak_rss_mb: peakMb(), input_mb: mb(input.bytes.length) })}\n`);
