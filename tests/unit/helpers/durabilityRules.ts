import { basename, dirname, sep } from 'node:path';
import type { Syscall } from './syscallTrace.ts';

/**
 * The durability protocol's orders (RELIABILITY §3), checked on one step's syscalls. Each rule returns what it
 * checked (so a test can prove it was not vacuous) and every violation, worded with the syscall lines involved.
 */
export interface RuleResult {
  checked: number;
  violations: string[];
}

const isSync = (c: Syscall): boolean => c.ok && (c.call === 'fsync' || c.call === 'fdatasync');
const isWrite = (c: Syscall): boolean => c.ok && (c.call === 'write' || c.call === 'pwrite64');
const isRename = (c: Syscall): boolean => c.ok && ['rename', 'renameat', 'renameat2', 'link', 'linkat'].includes(c.call);
const isUnlink = (c: Syscall): boolean => c.ok && (c.call === 'unlink' || c.call === 'unlinkat');
/** A file written under a name of its own and only then given its real one: ingest, export and backup temps. */
const isTempName = (path: string): boolean => /^\.tmp-|^\.partial-|\.db\.partial$/u.test(basename(path));

const syncOf = (calls: Syscall[], path: string, after: number, before = Number.POSITIVE_INFINITY): Syscall | undefined =>
  calls.find((c) => isSync(c) && c.paths[0] === path && c.index > after && c.index < before);

/** With synchronous=FULL in WAL mode, a commit is the fsync of the -wal file. */
const commitsIn = (calls: Syscall[], dbFile: string): Syscall[] => calls.filter((c) => isSync(c) && c.paths[0] === `${dbFile}-wal`);

/** Every temp file's last write is fsynced before its rename (or link), and its folder is fsynced after it. */
export const fsyncedAroundRenames = (calls: Syscall[]): RuleResult => {
  const violations: string[] = [];
  const renames = calls.filter((c) => isRename(c) && isTempName(c.paths[0] ?? ''));
  for (const r of renames) {
    const [from = '', to = ''] = r.paths;
    const lastWrite = calls.findLast((c) => isWrite(c) && c.paths[0] === from && c.index < r.index);
    if (!lastWrite) violations.push(`no write to ${from} was seen before: ${r.raw}`);
    else if (!syncOf(calls, from, lastWrite.index, r.index)) violations.push(`renamed without an fsync after its last write: ${r.raw}`);
    if (!syncOf(calls, dirname(to), r.index)) violations.push(`folder not fsynced after: ${r.raw}`);
  }
  return { checked: renames.length, violations };
};

const isMedia = (dataDir: string, path: string): boolean =>
  (path.startsWith(`${dataDir}${sep}images${sep}`) || path.startsWith(`${dataDir}${sep}thumbs${sep}`)) && !isTempName(path);

/** A commit never comes before the files renamed ahead of it are durable (folder fsynced), and one follows the last. */
export const commitAfterDurableFiles = (calls: Syscall[], dataDir: string, dbFile: string): RuleResult => {
  const violations: string[] = [];
  const media = calls.filter((c) => isRename(c) && isMedia(dataDir, c.paths[1] ?? ''));
  const commits = commitsIn(calls, dbFile);
  for (const commit of commits) {
    for (const r of media.filter((m) => m.index < commit.index)) {
      if (!syncOf(calls, dirname(r.paths[1]!), r.index, commit.index)) violations.push(`commit before the folder of ${r.paths[1]} was fsynced: ${commit.raw}`);
    }
  }
  const last = media.at(-1);
  if (last && !commits.some((c) => c.index > last.index)) violations.push(`no commit after the files were written: ${last.raw}`);
  return { checked: media.length, violations };
};

/**
 * A library file is unlinked only after the commit that deleted its row, the removal is made durable (folder
 * fsync), and only then is the purge's record forgotten (a later commit).
 */
export const unlinkAfterCommit = (calls: Syscall[], dataDir: string, dbFile: string): RuleResult => {
  const violations: string[] = [];
  const unlinks = calls.filter((c) => isUnlink(c) && isMedia(dataDir, c.paths[0] ?? ''));
  const commits = commitsIn(calls, dbFile);
  for (const u of unlinks) {
    if (!commits.some((c) => c.index < u.index)) violations.push(`unlinked before any commit: ${u.raw}`);
    const dirSync = syncOf(calls, dirname(u.paths[0]!), u.index);
    if (!dirSync) violations.push(`folder not fsynced after: ${u.raw}`);
    else if (!commits.some((c) => c.index > dirSync.index)) violations.push(`no commit (the record forgotten) after the removal was durable: ${u.raw}`);
  }
  return { checked: unlinks.length, violations };
};

/** An old backup is removed only once the new one is durable under its final name. */
export const pruneAfterNewBackup = (calls: Syscall[]): RuleResult => {
  const violations: string[] = [];
  const pruned = calls.filter((c) => isUnlink(c) && /^lagoon-.*\.db$/u.test(basename(c.paths[0] ?? '')));
  for (const u of pruned) {
    const dir = dirname(u.paths[0]!);
    const durable = calls.find((r) => isRename(r) && r.index < u.index && dirname(r.paths[1] ?? '') === dir && syncOf(calls, dir, r.index, u.index));
    if (!durable) violations.push(`old backup removed before a new one was durable: ${u.raw}`);
  }
  return { checked: pruned.length, violations };
};

/** Steps that must leave library files alone (moving to the trash is a row update). */
export const noMediaUnlinked = (calls: Syscall[], dataDir: string): RuleResult => {
  const unlinks = calls.filter((c) => isUnlink(c) && isMedia(dataDir, c.paths[0] ?? ''));
  return { checked: 1, violations: unlinks.map((u) => `unexpected unlink: ${u.raw}`) };
};
