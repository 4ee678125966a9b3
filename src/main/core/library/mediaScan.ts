import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { MediaKind } from '../../../shared/app.ts';
import { TEMP_PREFIX } from './atomicFile.ts';
import { isImageId } from './imageId.ts';
import { idOfMediaFile, isShardName, MEDIA_DIRS } from './mediaNames.ts';

export interface MediaFile {
  id: string;
  /** Relative to the data folder, '/'-separated: comparable with the names stored in rows. */
  name: string;
  path: string;
}

/** `<dataDir>/<images|thumbs>/` itself: its shard folders and the temp files lying directly in it. */
export interface MediaRoot {
  /**
   * False when the media folder exists but is not a real directory (a symlink, a file). Nothing in or under it may
   * be touched then: the sweep never follows a symlink, so it cannot know what lies behind one.
   */
  usable: boolean;
  /** Shard folders that are real directories (a symlinked shard is never listed). */
  shards: Set<string>;
  /** Absolute paths of regular files named exactly as writeFileAtomic names its temp files. */
  temps: string[];
}

/** One shard folder's files. */
export interface MediaScan {
  /** The media root's `usable`. */
  usable: boolean;
  /** Regular files named exactly as ingest names them, keyed by relative name. */
  files: Map<string, MediaFile>;
  /** Absolute paths of temp files (as in MediaRoot). */
  temps: string[];
}

/** Only the exact shape writeFileAtomic produces (`.tmp-<uuid>`), so a user's own `.tmp-notes` is never swept. */
export const isTempName = (name: string): boolean => name.startsWith(TEMP_PREFIX) && isImageId(name.slice(TEMP_PREFIX.length));

type EntryType = 'missing' | 'directory' | 'other';

export const entryType = async (path: string): Promise<EntryType> => {
  try {
    return (await lstat(path)).isDirectory() ? 'directory' : 'other';
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return 'missing';
    throw error;
  }
};

/** A folder removed while we list it is simply empty; every other error is real. */
const listDirectory = async (dir: string) => {
  try {
    return await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
};

/**
 * Lists `<dataDir>/<images|thumbs>/` one level. Dirent types come from lstat semantics: a symlink is neither a file
 * nor a directory here, so it is never descended into or reported, and names that are not ours are skipped.
 */
export async function listMediaRoot(dataDir: string, kind: MediaKind): Promise<MediaRoot> {
  const root = join(dataDir, MEDIA_DIRS[kind]);
  const listed: MediaRoot = { usable: true, shards: new Set(), temps: [] };
  const rootType = await entryType(root);
  if (rootType === 'missing') return listed;
  if (rootType === 'other') return { ...listed, usable: false };
  for (const entry of await listDirectory(root)) {
    if (entry.isFile() && isTempName(entry.name)) listed.temps.push(join(root, entry.name));
    else if (entry.isDirectory() && isShardName(entry.name)) listed.shards.add(entry.name);
  }
  return listed;
}

/** One shard folder of a listed root (empty when the root has no such real folder), with the same rules. */
export async function scanShard(dataDir: string, kind: MediaKind, root: MediaRoot, shard: string): Promise<MediaScan> {
  const scan: MediaScan = { usable: root.usable, files: new Map(), temps: [] };
  if (!root.usable || !root.shards.has(shard)) return scan;
  const shardDir = join(dataDir, MEDIA_DIRS[kind], shard);
  for (const child of await listDirectory(shardDir)) {
    if (!child.isFile()) continue;
    if (isTempName(child.name)) {
      scan.temps.push(join(shardDir, child.name));
      continue;
    }
    const id = idOfMediaFile(kind, shard, child.name);
    if (id === null) continue;
    const name = `${MEDIA_DIRS[kind]}/${shard}/${child.name}`;
    scan.files.set(name, { id, name, path: join(shardDir, child.name) });
  }
  return scan;
}
