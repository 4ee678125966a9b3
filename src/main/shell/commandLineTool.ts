import { lstat, mkdir, readlink, symlink, unlink } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * macOS: "Install 'lagoon' Command in PATH", as code editors offer it. Links /usr/local/bin/lagoon to the launcher
 * inside the app bundle (Lagoon.app/Contents/Resources/bin/lagoon, resources/cli/lagoon in the sources), so the
 * link follows the app through updates. A `lagoon` that is not a link to a Lagoon launcher is someone else's and is
 * never replaced; a folder the user may not write to is reported with the one command that does it by hand.
 */

/** Where macOS looks first for commands a user installs (on the PATH by default, /etc/paths). */
export const MAC_LINK_DIR = '/usr/local/bin';

export type InstallOutcome =
  | { status: 'installed' | 'already'; link: string }
  | { status: 'taken'; link: string }
  | { status: 'denied'; link: string; command: string };

const LAUNCHER_IN_BUNDLE = /\/Contents\/Resources\/bin\/lagoon$/u;

const currentTarget = async (link: string): Promise<string | null | 'not-a-link'> => {
  try {
    const stat = await lstat(link);
    return stat.isSymbolicLink() ? await readlink(link) : 'not-a-link';
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
};

/** A path as one word for a POSIX shell (single-quoted; a single quote inside closes, escapes and reopens). */
const quote = (path: string): string => `'${path.replaceAll("'", "'\\''")}'`;

const isPermissionError = (error: unknown): boolean => ['EACCES', 'EPERM'].includes((error as NodeJS.ErrnoException).code ?? '');

export const installCommandLineTool = async (opts: { resourcesPath: string; linkDir: string }): Promise<InstallOutcome> => {
  const launcher = join(opts.resourcesPath, 'bin', 'lagoon');
  const link = join(opts.linkDir, 'lagoon');
  const target = await currentTarget(link);
  if (target === launcher) return { status: 'already', link };
  // Another program's `lagoon`, or a file: not ours to replace. A link to a Lagoon launcher (an older copy of the
  // app, one that moved) is replaced.
  if (target === 'not-a-link' || (target !== null && !LAUNCHER_IN_BUNDLE.test(target))) return { status: 'taken', link };
  try {
    await mkdir(opts.linkDir, { recursive: true });
    if (target !== null) await unlink(link);
    await symlink(launcher, link);
    return { status: 'installed', link };
  } catch (error) {
    if (!isPermissionError(error)) throw error;
    return { status: 'denied', link, command: `sudo mkdir -p ${quote(opts.linkDir)} && sudo ln -sf ${quote(launcher)} ${quote(link)}` };
  }
};
