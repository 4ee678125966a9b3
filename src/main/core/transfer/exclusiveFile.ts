import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { type FileHandle, link, lstat, open, readdir, rename, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../../../shared/errors.ts';
import { fsyncDirectory } from '../library/atomicFile.ts';
import { stemWithCounter } from '../../../shared/fileNames.ts';

/**
 * Putting a new file into a folder the user owns without ever replacing what is there (RELIABILITY §3, export):
 * the bytes go to a hidden `.partial-<uuid>` in the same folder → fsync → hard link to a name that does not exist
 * yet (link(2) fails with EEXIST instead of replacing, so a taken name just moves on to "name (2)") → remove the
 * partial → fsync the folder. A crash leaves at most a hidden partial, never a short file under a real name.
 */

const PARTIAL_PREFIX = '.partial-';
const PARTIAL_RE = /^\.partial-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/u;
const MAX_COUNTER = 10_000;
/** File systems without hard links (FAT, exFAT, some network shares) answer with one of these. */
const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV', 'EMLINK', 'EACCES']);

/** The file-system calls that create names, replaceable in tests (e.g. a `link` that fails like FAT does). */
export interface PlaceFs {
  link: typeof link;
  rename: typeof rename;
  open: typeof open;
}

/** Test seams at each step; the crash tests kill the process inside them. */
export interface PlaceHooks {
  /** The partial is written, not yet fsynced. */
  beforeSync?: (partialPath: string) => void | Promise<void>;
  /** The partial is durable, not yet linked to its name. */
  beforeLink?: (partialPath: string) => void | Promise<void>;
  /** The final name exists, the partial not yet removed. */
  afterLink?: (finalPath: string) => void | Promise<void>;
}

const code = (error: unknown): string | undefined => (error as { code?: unknown } | null)?.code as string | undefined;

/** A name is only ever a single path component: anything else is a bug upstream, not something to write. */
const assertPlainName = (name: string): void => {
  if (name === '' || name === '.' || name === '..' || name.includes('/') || name.includes('\\') || name.includes('\0') || basename(name) !== name) {
    throw new AppError('INTERNAL', 'Refusing to write a file name that is not a plain name.');
  }
};

/** Writes `content` (bytes, or a stream to drain) to a fresh partial in `dir` and makes it durable; removes it on any failure. */
export async function writePartial(dir: string, content: Uint8Array | Readable, hooks: PlaceHooks = {}): Promise<string> {
  const partialPath = join(dir, `${PARTIAL_PREFIX}${randomUUID()}`);
  let handle: FileHandle | undefined;
  try {
    if (!(content instanceof Uint8Array)) {
      // `flush` fsyncs before the stream closes; `wx` never opens anything that already exists (nor a symlink).
      const out = createWriteStream(partialPath, { flags: 'wx', mode: 0o644, flush: true });
      await pipeline(content, out);
      await hooks.beforeSync?.(partialPath);
    } else {
      handle = await open(partialPath, 'wx', 0o644);
      await handle.writeFile(content);
      await hooks.beforeSync?.(partialPath);
      await handle.sync();
      await handle.close();
      handle = undefined;
    }
    await hooks.beforeLink?.(partialPath);
    return partialPath;
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await rm(partialPath, { force: true }).catch(() => undefined);
    throw error;
  }
}

interface Identity {
  dev: number;
  ino: number;
}

/** Unlinks `path` only if it is still the very file we created (link and rename both keep the inode). */
const removeOurs = async (path: string, ours: Identity): Promise<void> => {
  const there = await lstat(path).catch(() => null);
  if (there && there.ino === ours.ino && there.dev === ours.dev) await rm(path, { force: true });
};

export interface PlacedFile {
  partialPath: string;
  /** Appended to the shared stem: ".png", ".png.json". */
  suffix: string;
}

type Attempt = { ok: true } | { ok: false; noHardLinks: boolean };

/**
 * Gives each partial its final name `<stem><suffix>` in `dir`, all with the same counter, or moves every one of
 * them on to the next counter if any name is taken (so an image and its sidecar always pair up). Returns the
 * final names, in order. Nothing that existed before is ever replaced. The partials are gone afterwards.
 */
export async function placeExclusive(
  dir: string,
  stem: string,
  files: readonly PlacedFile[],
  opts: { fs?: Partial<PlaceFs>; hooks?: PlaceHooks } = {},
): Promise<string[]> {
  const fs: PlaceFs = { link, rename, open, ...opts.fs };
  let useLinks = true;
  try {
    const identities: Identity[] = [];
    for (const f of files) identities.push(await lstat(f.partialPath));

    const linkAll = async (paths: readonly string[]): Promise<Attempt> => {
      const placed: Array<{ path: string; identity: Identity }> = [];
      for (const [i, file] of files.entries()) {
        try {
          await fs.link(file.partialPath, paths[i]!);
        } catch (error) {
          // Only what this attempt created is undone, and only while it is still ours.
          for (const p of placed) await removeOurs(p.path, p.identity);
          const reason = code(error);
          if (reason === 'EEXIST') return { ok: false, noHardLinks: false };
          if (reason !== undefined && NO_HARD_LINKS.has(reason) && placed.length === 0) return { ok: false, noHardLinks: true };
          throw error;
        }
        placed.push({ path: paths[i]!, identity: identities[i]! });
        await opts.hooks?.afterLink?.(paths[i]!);
      }
      return { ok: true };
    };

    /**
     * Without hard links: every name is first reserved by an exclusive create (which fails rather than replace),
     * then each partial is renamed over its own empty placeholder. A crash in between leaves an empty placeholder,
     * never someone else's file overwritten.
     */
    const reserveAndRename = async (paths: readonly string[]): Promise<Attempt> => {
      const reserved: string[] = [];
      for (const path of paths) {
        try {
          await (await fs.open(path, 'wx', 0o644)).close();
          reserved.push(path);
        } catch (error) {
          for (const r of reserved) await rm(r, { force: true });
          if (code(error) === 'EEXIST') return { ok: false, noHardLinks: false };
          throw error;
        }
      }
      for (const [i, file] of files.entries()) {
        try {
          await fs.rename(file.partialPath, paths[i]!);
        } catch (error) {
          for (const r of reserved.slice(i)) await rm(r, { force: true });
          throw error;
        }
        await opts.hooks?.afterLink?.(paths[i]!);
      }
      return { ok: true };
    };

    for (let n = 1; n <= MAX_COUNTER; n++) {
      const names = files.map((f) => `${stemWithCounter(stem, n)}${f.suffix}`);
      names.forEach(assertPlainName);
      const paths = names.map((name) => join(dir, name));
      let result = useLinks ? await linkAll(paths) : await reserveAndRename(paths);
      if (useLinks && !result.ok && result.noHardLinks) {
        useLinks = false;
        result = await reserveAndRename(paths);
      }
      if (result.ok) return names;
    }
    throw new AppError('STORAGE_FAILED', `There are already ${MAX_COUNTER} files with this name in the export folder.`);
  } finally {
    for (const f of files) await rm(f.partialPath, { force: true }).catch(() => undefined);
    await fsyncDirectory(dir).catch(() => undefined);
  }
}

/** Removes partials a crash left behind in an export folder, once they are old enough not to be anyone's in flight. */
export async function sweepStalePartials(dir: string, olderThanMs = 60 * 60 * 1000, now = Date.now()): Promise<number> {
  let removed = 0;
  for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    if (!entry.isFile() || !PARTIAL_RE.test(entry.name)) continue;
    const path = join(dir, entry.name);
    const stats = await lstat(path).catch(() => null);
    if (stats?.isFile() && now - stats.mtimeMs > olderThanMs) {
      await rm(path, { force: true });
      removed++;
    }
  }
  return removed;
}
