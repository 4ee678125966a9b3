// The floor of import_vs_floor, on one worker thread: each given file read, inspected, rendered (probe, thumbnail,
// placeholder) and written with its thumbnail by temp name, fsync and rename, exactly as an import does per file,
// with no pool, no duplicate check and no database around it.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { writeFileAtomic } from '../src/main/core/library/atomicFile.ts';
import { renderImage } from '../src/main/core/library/renderImage.ts';
import { inspectImage } from '../src/main/core/transfer/inspectImage.ts';

const { files, outDir } = workerData as { files: string[]; outDir: string };
for (const [i, path] of files.entries()) {
  const bytes = await readFile(path);
  const inspection = inspectImage({ bytes, format: 'png', fileName: 'floor.png', importedAt: 0 });
  if (!inspection.ok) throw new Error(`${path}: ${inspection.detail}`);
  const rendered = await renderImage(inspection.decoderBytes ?? bytes, 'png');
  await writeFileAtomic(join(outDir, `${i}.png`), bytes);
  await writeFileAtomic(join(outDir, `${i}.webp`), rendered.thumbnail);
}
// A worker's port has no origin to name (the lint rule is for window.postMessage).
// oxlint-disable-next-line unicorn/require-post-message-target-origin
parentPort?.postMessage('done');
