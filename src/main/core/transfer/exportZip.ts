import { rm } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join } from 'node:path';
import { Readable } from 'node:stream';
import { ZipFile } from 'yazl';
import { AppError, type AppErrorPayload } from '../../../shared/errors.ts';
import type { ExportSeams } from './exportImages.ts';
import { resolveTargetDir } from './exportImages.ts';
import { placeExclusive, sweepStalePartials, writePartial } from './exclusiveFile.ts';
import { type ExportChoices, type ExportDeps, type ExportProgress, prepareExport, templateParts, toPayload } from './exportSource.ts';
import { safeFileStem, stemWithCounter } from '../../../shared/fileNames.ts';

export interface ZipOptions extends ExportChoices {
  /** Absolute path of the zip to create; if taken, "name (2).zip" is used instead. */
  zipPath: string;
  /** Stops between entries: the partial is removed, no zip is left, and the call fails as CANCELLED. */
  signal?: AbortSignal;
}

type ZipEntryResult = { id: string; entry: string; sidecar?: string } | { id: string; error: AppErrorPayload };

export interface ZipExportResult {
  /** Absolute path of the zip written, or null when no image could be exported (then no file is left). */
  file: string | null;
  items: ZipEntryResult[];
}

/** Zip entries are unpacked on case-insensitive, normalising file systems too: names must differ beyond that. */
const entryKey = (name: string): string => name.normalize('NFC').toLowerCase();

const uniqueEntry = (used: Set<string>, stem: string, extension: string, withSidecar: boolean): string => {
  for (let n = 1; ; n++) {
    const name = `${stemWithCounter(stem, n)}${extension}`;
    const keys = withSidecar ? [entryKey(name), entryKey(`${name}.json`)] : [entryKey(name)];
    if (keys.some((k) => used.has(k))) continue;
    for (const k of keys) used.add(k);
    return name;
  }
};

/**
 * Queues an entry whose bytes are handed to yazl only when it reaches that entry, and then dropped, so a large
 * selection never sits in memory (yazl keeps whatever an entry closes over until the zip ends). Resolves when
 * yazl starts reading it.
 */
const addEntry = (zip: ZipFile, name: string, holder: { bytes: Buffer | null }, options: { compress: boolean; mtime: Date }): Promise<void> =>
  new Promise((resolve) => {
    zip.addReadStreamLazy(name, { ...options, size: holder.bytes?.length ?? 0 }, (callback) => {
      const bytes = holder.bytes ?? Buffer.alloc(0);
      holder.bytes = null;
      resolve();
      callback(null, Readable.from([bytes]));
    });
  });

/**
 * Writes the selection as one zip (images stored as they are, sidecars deflated), through a hidden partial in the
 * zip's folder → fsync → link to a free name, so a crash never leaves a truncated zip and no file is replaced.
 */
export async function exportZip(
  deps: ExportDeps & ExportSeams,
  ids: readonly string[],
  opts: ZipOptions,
  onProgress?: (progress: ExportProgress) => void,
): Promise<ZipExportResult> {
  if (typeof opts.zipPath !== 'string' || !isAbsolute(opts.zipPath)) throw new AppError('INVALID_INPUT', 'Choose where to save the zip by its full path.');
  const parts = templateParts(opts);
  const dir = await resolveTargetDir(dirname(opts.zipPath));
  const zipStem = safeFileStem(basename(opts.zipPath).replace(/\.zip$/iu, ''), 'lagoon-export');
  await sweepStalePartials(dir);

  const zip = new ZipFile();
  const written = writePartial(dir, zip.outputStream as Readable, deps.hooks);
  // Settles early only if writing fails; then nothing would ever pull the next entry, so waiting must stop too.
  let writeFailed = false;
  const writerStopped = written.then(
    () => undefined,
    () => {
      writeFailed = true;
    },
  );
  const items: ZipEntryResult[] = [];
  const used = new Set<string>();
  let previous: Promise<void> = Promise.resolve();
  let added = 0;
  for (const [index, id] of ids.entries()) {
    if (opts.signal?.aborted) break;
    let result: ZipEntryResult;
    try {
      const item = await prepareExport(deps, id, opts, parts);
      const entry = uniqueEntry(used, item.stem, item.extension, item.sidecar !== null);
      const mtime = new Date(item.createdAt);
      const pulled = addEntry(zip, entry, { bytes: item.bytes }, { compress: false, mtime });
      if (item.sidecar) void addEntry(zip, `${entry}.json`, { bytes: item.sidecar }, { compress: true, mtime });
      added++;
      result = { id, entry, ...(item.sidecar ? { sidecar: `${entry}.json` } : {}) };
      // At most this image and the one before it wait in memory.
      await Promise.race([previous, writerStopped]);
      previous = pulled;
    } catch (error) {
      result = { id, error: toPayload(error) };
    }
    items.push(result);
    onProgress?.({ done: index + 1, total: ids.length, id, ok: 'entry' in result });
    if (writeFailed) break;
  }
  zip.end();

  let partialPath: string;
  try {
    partialPath = await written;
  } catch (cause) {
    throw new AppError('STORAGE_FAILED', 'The zip could not be written. Check that the folder is writable and the disk has free space.', undefined, { cause });
  }
  if (opts.signal?.aborted) {
    await rm(partialPath, { force: true });
    throw new AppError('CANCELLED', 'The export was stopped before the zip was finished; no zip was written.');
  }
  if (added === 0) {
    await rm(partialPath, { force: true });
    return { file: null, items };
  }
  const [name] = await placeExclusive(dir, zipStem, [{ partialPath, suffix: '.zip' }], {
    ...(deps.fs ? { fs: deps.fs } : {}),
    ...(deps.hooks ? { hooks: deps.hooks } : {}),
  });
  return { file: join(dir, name!), items };
}
