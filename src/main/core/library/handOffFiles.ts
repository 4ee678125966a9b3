import { lstat, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { loadSharp } from './loadSharp.ts';
import { AppError } from '../../../shared/errors.ts';
import { ensureDirectory, writeFileAtomic } from './atomicFile.ts';
import { realpathInside } from './containment.ts';
import { isImageId } from './imageId.ts';
import { MAX_IMAGE_PIXELS } from './imageLimits.ts';
import type { Library } from './library.ts';
import { isTempName } from './mediaScan.ts';
import { prepared } from '../db/statements.ts';

/**
 * Files handed to the OS (a drag, the clipboard, the file manager) are resolved here from an image id, never taken
 * from the page: the path is the one the row says, it must still be a regular file, and after following every link
 * it must lie inside the library's image folder (RELIABILITY I8).
 */
export interface HandOffDeps {
  db: Database;
  library: Library;
  /** Where PNG copies for the OS are written (`<dataDir>/handoff/`). */
  dataDir: string;
}

/** Derived files handed to the OS, each overwritten by the next hand-off; nothing here is the only copy of anything. */
export const HANDOFF_DIR = 'handoff';
const STALE_TEMP_MS = 60_000;

export interface HandOffFile {
  /** Real, absolute path of the image file, inside `<dataDir>/images/`. */
  file: string;
  /** Real path of its thumbnail, or null when it is missing (the sweep re-makes it). */
  thumb: string | null;
}

const ROW_STATE_SQL = 'SELECT trashed_at AS trashedAt FROM images WHERE id = ?';

export const imageNotFound = (): AppError => new AppError('NOT_FOUND', 'That image is not in the library, or its file is missing.');

const realRegularFile = async (root: string, path: string | null): Promise<string | null> => {
  if (path === null) return null;
  const real = await realpathInside(root, path);
  if (real === null) return null;
  const stats = await lstat(real).catch(() => null);
  return stats?.isFile() ? real : null;
};

/**
 * The image's files, or NOT_FOUND. `live` also refuses an image in the trash (what a drag-out may carry: the trash
 * is not a place to hand images on from without restoring them first).
 */
export async function resolveHandOffFile(deps: HandOffDeps, id: string, opts: { live: boolean }): Promise<HandOffFile> {
  if (!isImageId(id)) throw imageNotFound();
  const state = prepared(deps.db, ROW_STATE_SQL).get(id) as { trashedAt: number | null } | undefined;
  if (!state || (opts.live && state.trashedAt !== null)) throw imageNotFound();
  const file = await realRegularFile(deps.library.mediaRoot('image'), deps.library.mediaPath('image', id));
  if (file === null) throw imageNotFound();
  const thumb = await realRegularFile(deps.library.mediaRoot('thumb'), deps.library.mediaPath('thumb', id));
  return { file, thumb };
}

/**
 * What the OS gets as an image is a PNG: Electron's nativeImage reads PNG and JPEG only (a WebP thumbnail would be
 * an empty drag icon, which macOS refuses), and PNG is the clipboard's one image type every app pastes. Anything
 * else is handed over as a PNG copy in `<dataDir>/handoff/`. `maxEdge` shrinks it (the drag icon); without it the
 * copy is full size and a PNG source is passed on as it is.
 */
export async function pngForOs(dataDir: string, source: string, name: 'clipboard', maxEdge?: number): Promise<string> {
  if (maxEdge === undefined && /\.png$/iu.test(source)) return source;
  const dir = join(dataDir, HANDOFF_DIR);
  try {
    let image = (await loadSharp())(source, { limitInputPixels: MAX_IMAGE_PIXELS, failOn: 'error' });
    if (maxEdge !== undefined) image = image.resize({ width: maxEdge, height: maxEdge, fit: 'inside', withoutEnlargement: true });
    const png = await image.png().timeout({ seconds: 20 }).toBuffer();
    await ensureDirectory(dir);
    // Temp files a crash left here are the only thing that could pile up (a recent one may be another hand-off's).
    for (const entry of await readdir(dir)) {
      if (!isTempName(entry)) continue;
      const stats = await lstat(join(dir, entry)).catch(() => null);
      if (stats?.isFile() && Date.now() - stats.mtimeMs > STALE_TEMP_MS) await rm(join(dir, entry), { force: true });
    }
    const path = join(dir, `${name}.png`);
    await writeFileAtomic(path, png);
    return path;
  } catch (cause) {
    throw new AppError('STORAGE_FAILED', 'The image could not be prepared for the clipboard or a drag. Check that the disk has free space.', undefined, {
      cause,
    });
  }
}
