import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError, isAppError } from '../../../shared/errors.ts';
import { ensureDirectory, writeFileAtomic } from '../library/atomicFile.ts';
import { dragCopyDir } from '../library/dragCopyFiles.ts';
import { isTempName } from '../library/mediaScan.ts';
import { type ExportDeps, prepareExport, templateParts } from './exportSource.ts';

/** Copies made side by side: enough to overlap reads and fsyncs, few enough to keep memory flat. */
const PARALLEL = 4;
const DRAG_NAME = templateParts({});

/**
 * A drag-out hands other apps what an export would write: the image with its prompt and settings embedded (PNG
 * `parameters` + XMP, JPEG/WebP XMP + EXIF) under a readable export name, so the prompt travels with the dropped
 * file. Embedding splices metadata into the bytes without re-encoding, and what is embedded never changes for an
 * image, so each copy is made once (on its first drag) and reused until the start-up sweep retires it.
 */
export async function dragCopiesFor(deps: ExportDeps, ids: readonly string[]): Promise<string[]> {
  const files: string[] = Array.from({ length: ids.length }, () => '');
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < ids.length; i = next++) files[i] = await dragCopyOf(deps, ids[i]!);
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, ids.length) }, worker));
  return files;
}

async function dragCopyOf(deps: ExportDeps, id: string): Promise<string> {
  const dir = dragCopyDir(deps.dataDir, id);
  // A finished copy is the one name in the folder that is not a temp (writeFileAtomic renames only whole files).
  const made = (await readdir(dir).catch(() => [] as string[])).find((name) => !isTempName(name));
  if (made !== undefined) return join(dir, made);
  // prepareExport re-checks the sha256: a damaged library file is refused, never handed on.
  const prepared = await prepareExport(deps, id, {}, DRAG_NAME);
  const file = join(dir, `${prepared.stem}${prepared.extension}`);
  try {
    await ensureDirectory(dir);
    await writeFileAtomic(file, prepared.bytes);
  } catch (cause) {
    throw isAppError(cause)
      ? cause
      : new AppError('STORAGE_FAILED', 'The image could not be prepared for the drag. Check that the disk has free space.', undefined, { cause });
  }
  return file;
}
