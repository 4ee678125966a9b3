import { isAbsolute, join } from 'node:path';

/**
 * A file-system syscall from `strace -f -y` output, in the order strace saw it complete. Paths are absolute: an fd
 * argument is named by `-y`, a relative path is joined to its directory fd.
 */
export interface Syscall {
  index: number;
  pid: number;
  call: string;
  /** fsync, fdatasync, write, pwrite64: the fd's file; openat, unlink(at): the path; rename(at), link(at): [from, to]. */
  paths: string[];
  ok: boolean;
  raw: string;
}

const LINE = /^(\d+)\s+(\w+)\((.*)\)\s+=\s+(-?\d+|\?)/u;
const UNFINISHED = /^(\d+)\s+(\w+)\((.*) <unfinished \.\.\.>$/u;
const RESUMED = /^(\d+)\s+<\.\.\. (\w+) resumed>(.*)$/u;
const FD_PATH = /^-?\d+<((?:[^>\\]|\\.)*)>/u;
const QUOTED = /"((?:[^"\\]|\\.)*)"/gu;
const DIR_FD = /(?:AT_FDCWD|\d+)<((?:[^>\\]|\\.)*)>/u;

const unescape = (s: string): string => s.replace(/\\x([0-9a-f]{2})/giu, (_, h: string) => String.fromCharCode(parseInt(h, 16))).replace(/\\(.)/gu, '$1');

/** `"name"` args of *at calls are relative to the dir fd before them (AT_FDCWD<cwd> with -y). */
const atPaths = (args: string): string[] => {
  const parts = args.split(/,\s*/u);
  const paths: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const quoted = /^"((?:[^"\\]|\\.)*)"$/u.exec(parts[i]!);
    if (!quoted) continue;
    const path = unescape(quoted[1]!);
    const dir = i > 0 ? DIR_FD.exec(parts[i - 1]!)?.[1] : undefined;
    paths.push(isAbsolute(path) || dir === undefined ? path : join(unescape(dir), path));
  }
  return paths;
};

const pathsOf = (call: string, args: string): string[] => {
  if (['fsync', 'fdatasync', 'write', 'pwrite64'].includes(call)) {
    const fd = FD_PATH.exec(args);
    return fd ? [unescape(fd[1]!)] : [];
  }
  if (call.endsWith('at') || call === 'renameat2') return atPaths(args);
  return [...args.matchAll(QUOTED)].map((m) => unescape(m[1]!));
};

/** Parses strace's log; `<unfinished ...>` / `<... resumed>` pairs become one call, placed where it completed. */
export const parseStrace = (text: string): Syscall[] => {
  const pending = new Map<string, string>();
  const calls: Syscall[] = [];
  for (const line of text.split('\n')) {
    let full = line;
    const unfinished = UNFINISHED.exec(line);
    if (unfinished) {
      pending.set(`${unfinished[1]} ${unfinished[2]}`, unfinished[3]!);
      continue;
    }
    const resumed = RESUMED.exec(line);
    if (resumed) {
      const start = pending.get(`${resumed[1]} ${resumed[2]}`) ?? '';
      pending.delete(`${resumed[1]} ${resumed[2]}`);
      full = `${resumed[1]} ${resumed[2]}(${start}${resumed[3]}`;
    }
    const m = LINE.exec(full);
    if (!m) continue;
    const [, pid, call, args, ret] = m;
    calls.push({ index: calls.length, pid: Number(pid), call: call!, paths: pathsOf(call!, args!), ok: ret !== '-1' && ret !== '?', raw: full });
  }
  return calls;
};

/** The calls between the marker of `step` and the next marker (markers: failed opens of `<dir>/.mark-<step>`). */
export const stepWindows = (calls: Syscall[]): Map<string, Syscall[]> => {
  const windows = new Map<string, Syscall[]>();
  let current: Syscall[] | null = null;
  for (const c of calls) {
    const marker = c.call === 'openat' && !c.ok ? /\/\.mark-([\w-]+)$/u.exec(c.paths[0] ?? '')?.[1] : undefined;
    if (marker) windows.set(marker, (current = []));
    else current?.push(c);
  }
  return windows;
};
