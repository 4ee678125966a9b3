import { randomUUID } from 'node:crypto';
import { type FileHandle, mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** Prefix of in-flight files; a startup sweep may delete anything carrying it. */
export const TEMP_PREFIX = '.tmp-';

/** Test seams at each step of the protocol; the crash tests kill the process inside them. */
export interface AtomicWriteHooks {
  /** Runs after the temp file is written, before it is fsynced. */
  beforeSync?: (tempPath: string) => void | Promise<void>;
  /** Runs after the temp file is written and fsynced, before it takes its final name. */
  beforeRename?: (tempPath: string) => void | Promise<void>;
  /** Runs after the rename, before the directory is fsynced. */
  afterRename?: (finalPath: string) => void | Promise<void>;
}

/**
 * Makes a directory entry durable. Windows cannot open a directory for fsync and NTFS journals renames itself,
 * so there it is skipped.
 */
export const fsyncDirectory = async (dir: string): Promise<void> => {
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
};

/** Makes a file's data durable when it was written by something that cannot fsync it (SQLite's backup, a copy). */
export const fsyncFile = async (path: string): Promise<void> => {
  const handle = await open(path, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
};

/** Creates `dir` (and parents) and fsyncs each parent that gained an entry, so a new folder survives a power loss. */
export const ensureDirectory = async (dir: string): Promise<void> => {
  const firstCreated = await mkdir(dir, { recursive: true });
  if (firstCreated === undefined) return;
  let parent = dir;
  const parents: string[] = [];
  do {
    parent = dirname(parent);
    parents.push(parent);
  } while (parent !== dirname(firstCreated) && parent !== dirname(parent));
  for (const p of parents) await fsyncDirectory(p);
};

/**
 * temp name in the same directory → write → fsync → rename → fsync the directory. The rename makes the file appear
 * whole or not at all; the first fsync stops a crash from leaving the final name over empty or short data, the
 * second stops the rename itself from being lost (see ALICE, OSDI 2014). On any failure the temp file is removed.
 * Like rename(2), it replaces an existing file at `finalPath`: callers that must not overwrite check first.
 */
export async function writeFileAtomic(finalPath: string, bytes: Uint8Array, hooks: AtomicWriteHooks = {}): Promise<void> {
  const dir = dirname(finalPath);
  const tempPath = join(dir, `${TEMP_PREFIX}${randomUUID()}`);
  let handle: FileHandle | undefined;
  try {
    handle = await open(tempPath, 'wx', 0o644);
    await handle.writeFile(bytes);
    await hooks.beforeSync?.(tempPath);
    await handle.sync();
    await handle.close();
    handle = undefined;
    await hooks.beforeRename?.(tempPath);
    await rename(tempPath, finalPath);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await rm(tempPath, { force: true }).catch(() => undefined);
    throw error;
  }
  await hooks.afterRename?.(finalPath);
  await fsyncDirectory(dir);
}
