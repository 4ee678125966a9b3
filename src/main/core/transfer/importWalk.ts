import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';

/**
 * What an import will look at. A path the user gave is followed even if it is a symlink (they chose it); inside a
 * folder nothing is followed: symlinks are reported and skipped, so a link can never pull in files from elsewhere,
 * loop, or reach a device. Only regular files are ever opened (a FIFO would block the read forever).
 */
export type WalkEntry =
  | { path: string; kind: 'file' }
  | { path: string; kind: 'skipped'; reason: 'symlink' | 'not-found' | 'not-a-file' | 'unreadable' };

const errorCode = (error: unknown): string | undefined => (error as { code?: unknown } | null)?.code as string | undefined;

const byName = (a: { name: string }, b: { name: string }): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** Hidden entries inside a folder (".git", ".thumbnails", our own ".partial-…") are not the user's images. */
const isHidden = (name: string): boolean => name.startsWith('.');

async function walkFolder(root: string, seenDirs: Set<string>, seenFiles: Set<string>, out: WalkEntry[]): Promise<void> {
  const pending = [root];
  while (pending.length > 0) {
    const dir = pending.pop()!;
    let entries;
    try {
      entries = (await readdir(dir, { withFileTypes: true })).toSorted(byName);
    } catch {
      out.push({ path: dir, kind: 'skipped', reason: 'unreadable' });
      continue;
    }
    const subdirs: string[] = [];
    for (const entry of entries) {
      if (isHidden(entry.name)) continue;
      const path = join(dir, entry.name);
      if (entry.isSymbolicLink()) out.push({ path, kind: 'skipped', reason: 'symlink' });
      else if (entry.isDirectory()) {
        if (!seenDirs.has(path)) {
          seenDirs.add(path);
          subdirs.push(path);
        }
      } else if (entry.isFile()) {
        if (!seenFiles.has(path)) {
          seenFiles.add(path);
          out.push({ path, kind: 'file' });
        }
      } else out.push({ path, kind: 'skipped', reason: 'not-a-file' });
    }
    // Depth-first in name order: files of a folder before its subfolders, subfolders alphabetically.
    pending.push(...subdirs.toReversed());
  }
}

/** The regular files under `paths` (absolute; files or folders, recursively), in a stable order, plus what was skipped. */
export async function collectImportFiles(paths: readonly string[]): Promise<WalkEntry[]> {
  const out: WalkEntry[] = [];
  const seenDirs = new Set<string>();
  const seenFiles = new Set<string>();
  for (const given of paths) {
    if (!isAbsolute(given) || given.includes('\0')) {
      out.push({ path: given, kind: 'skipped', reason: 'not-found' });
      continue;
    }
    let real: string;
    try {
      await lstat(given);
      real = await realpath(given);
    } catch (error) {
      out.push({ path: given, kind: 'skipped', reason: errorCode(error) === 'ENOENT' ? 'not-found' : 'unreadable' });
      continue;
    }
    const info = await stat(real).catch(() => null);
    if (info?.isDirectory()) {
      if (seenDirs.has(real)) continue;
      seenDirs.add(real);
      await walkFolder(real, seenDirs, seenFiles, out);
    } else if (info?.isFile()) {
      if (seenFiles.has(real)) continue;
      seenFiles.add(real);
      out.push({ path: real, kind: 'file' });
    } else out.push({ path: given, kind: 'skipped', reason: info ? 'not-a-file' : 'unreadable' });
  }
  return out;
}
