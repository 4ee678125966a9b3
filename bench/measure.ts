// Small helpers shared by the benchmarks: every figure is a ratio against a baseline measured in the same run, or an
// absolute figure with its goal, and says on what it was measured.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';

export const median = (values: number[]): number => {
  const sorted = values.toSorted((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** The sample whose `value` is the median (the upper middle one of an even count): its other details go with it. */
export const medianSample = <T>(samples: readonly T[], value: (sample: T) => number): T =>
  samples.toSorted((a, b) => value(a) - value(b))[Math.floor(samples.length / 2)]!;

export const percentile = (values: number[], p: number): number => {
  const sorted = values.toSorted((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

const timeIt = async (fn: () => Promise<unknown>): Promise<number> => {
  const start = performance.now();
  await fn();
  return performance.now() - start;
};

/**
 * Runs the candidate and the baseline alternately, so drift in machine load hits both alike, and returns the
 * medians after warm-up.
 */
export const compare = async (
  runs: number,
  candidate: () => Promise<unknown>,
  baseline: () => Promise<unknown>,
  warmup = 3,
): Promise<{ candidateMs: number; baselineMs: number; ratio: number }> => {
  for (let i = 0; i < warmup; i++) {
    await candidate();
    await baseline();
  }
  const c: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < runs; i++) {
    c.push(await timeIt(candidate));
    b.push(await timeIt(baseline));
  }
  const candidateMs = median(c);
  const baselineMs = median(b);
  return { candidateMs, baselineMs, ratio: candidateMs / baselineMs };
};

export interface Figure {
  name: string;
  value: number;
  goal: string;
  met: boolean;
  [detail: string]: unknown;
}

export const report = (figure: Figure): void => {
  const rounded = Object.fromEntries(Object.entries(figure).map(([k, v]) => [k, typeof v === 'number' ? Math.round(v * 1000) / 1000 : v]));
  process.stdout.write(`${JSON.stringify(rounded)}\n`);
};

/** The file system a path lives on (type and device, as `df` names them): figures on tmpfs or ext4 differ a lot. */
export const fileSystemOf = (path: string): string => {
  try {
    const [, line] = execFileSync('df', ['--output=fstype,source', path], { encoding: 'utf8' }).trim().split('\n');
    return line!.trim().replace(/\s+/, ' on ');
  } catch (error) {
    return `unknown (${(error as Error).message.split('\n')[0]})`;
  }
};

/**
 * Drops the kernel's page cache so the next reads come from the disk, as after a reboot (root only: sync, then 3 to
 * /proc/sys/vm/drop_caches). Returns what happened, for the figure to say whether "cold" really was.
 */
export const dropPageCaches = (): string => {
  try {
    execFileSync('sync');
    writeFileSync('/proc/sys/vm/drop_caches', '3\n');
    return 'dropped';
  } catch (error) {
    return `not dropped: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`;
  }
};
