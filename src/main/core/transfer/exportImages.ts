import { lstat, realpath, rm } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { AppError, type AppErrorPayload } from '../../../shared/errors.ts';
import { ensureDirectory } from '../library/atomicFile.ts';
import { type PlaceFs, type PlaceHooks, placeExclusive, sweepStalePartials, writePartial } from './exclusiveFile.ts';
import { type ExportChoices, type ExportDeps, type ExportProgress, prepareExport, templateParts, toPayload } from './exportSource.ts';

export type { ExportDeps, ExportProgress } from './exportSource.ts';

export interface ExportOptions extends ExportChoices {
  /** Absolute path of the folder to export into (created if missing). */
  targetDir: string;
  /** Stops between images: what is written stays (each file is whole), the rest is not exported. */
  signal?: AbortSignal;
}

/** Test seams: file-system calls that create names, and the crash points of the write protocol. */
export interface ExportSeams {
  fs?: Partial<PlaceFs>;
  hooks?: PlaceHooks;
}

/** `file` and `sidecar` are absolute paths, each a direct child of the target folder. */
export type ExportResult = { id: string; file: string; sidecar?: string } | { id: string; error: AppErrorPayload };

const errorCode = (error: unknown): string | undefined => (error as { code?: unknown } | null)?.code as string | undefined;

/**
 * The folder, resolved once through any symlinks the user chose it by. Every file is then joined to this real path
 * by a single plain name, so nothing can land anywhere else.
 */
export async function resolveTargetDir(targetDir: string): Promise<string> {
  if (typeof targetDir !== 'string' || !isAbsolute(targetDir) || targetDir.includes('\0')) {
    throw new AppError('INVALID_INPUT', 'Choose an export folder by its full path.');
  }
  try {
    await ensureDirectory(targetDir);
    const real = await realpath(targetDir);
    if (!(await lstat(real)).isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
    return real;
  } catch (cause) {
    const reason = errorCode(cause);
    throw new AppError(
      'STORAGE_FAILED',
      'The export folder cannot be used. Check that it is a folder you can write to.',
      reason ? { reason } : undefined,
      { cause },
    );
  }
}

/**
 * Exports each image to `targetDir` as `<template>.<ext>` (plus `<that name>.json` when a sidecar is asked for),
 * one at a time so memory stays flat however large the selection. A failure is reported for that id and the rest
 * go on; only an unusable folder or template fails the whole call, before anything is written.
 */
export async function exportImages(
  deps: ExportDeps & ExportSeams,
  ids: readonly string[],
  opts: ExportOptions,
  onProgress?: (progress: ExportProgress) => void,
): Promise<ExportResult[]> {
  const parts = templateParts(opts);
  const dir = await resolveTargetDir(opts.targetDir);
  await sweepStalePartials(dir);
  const results: ExportResult[] = [];
  for (const [index, id] of ids.entries()) {
    if (opts.signal?.aborted) break;
    let result: ExportResult;
    const partials: string[] = [];
    try {
      const item = await prepareExport(deps, id, opts, parts);
      const files = [{ partialPath: await writePartial(dir, item.bytes, deps.hooks), suffix: item.extension }];
      partials.push(files[0]!.partialPath);
      if (item.sidecar) {
        const sidecarPartial = await writePartial(dir, item.sidecar, deps.hooks);
        partials.push(sidecarPartial);
        files.push({ partialPath: sidecarPartial, suffix: `${item.extension}.json` });
      }
      const names = await placeExclusive(dir, item.stem, files, { ...(deps.fs ? { fs: deps.fs } : {}), ...(deps.hooks ? { hooks: deps.hooks } : {}) });
      result = { id, file: join(dir, names[0]!), ...(names[1] ? { sidecar: join(dir, names[1]) } : {}) };
    } catch (error) {
      result = { id, error: toPayload(error) };
    } finally {
      // placeExclusive removes its partials; this covers a failure between writing one and placing it.
      for (const p of partials) await rm(p, { force: true }).catch(() => undefined);
    }
    results.push(result);
    onProgress?.({ done: index + 1, total: ids.length, id, ok: 'file' in result });
  }
  return results;
}
