import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

/** Runs `node bin/lagoon.js …` as a real child process, the way a user or a script does. */

const REPO = join(import.meta.dirname, '../..');
const LAUNCHER = join(REPO, 'bin/lagoon.js');

export interface LagoonRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** stdout parsed as JSON lines (only meaningful with --json). */
  lines: Array<Record<string, unknown>>;
}

export interface LagoonRunOptions {
  /** Variables set on top of a clean environment; `undefined` removes one. */
  env?: Record<string, string | undefined>;
  /** Written to stdin, then closed. Without it the child gets no stdin at all. */
  stdin?: string;
  /** Extra node flags before the launcher (e.g. to switch type stripping off). */
  nodeArgs?: string[];
}

/** Whatever the test machine has set must not leak in: every run states its own Lagoon variables. */
const baseEnv = (): NodeJS.ProcessEnv => {
  const env = { ...process.env };
  for (const name of Object.keys(env)) {
    if (name.startsWith('LAGOON_') || name === 'VENICE_API_KEY') delete env[name];
  }
  return env;
};

/** A run in progress: the child (to signal it), what it printed so far, and its end. */
export interface StartedLagoon {
  child: ChildProcess;
  stdoutSoFar(): string;
  stderrSoFar(): string;
  done: Promise<LagoonRun>;
}

export const startLagoon = (args: string[], opts: LagoonRunOptions = {}): StartedLagoon => {
  const env = baseEnv();
  for (const [name, value] of Object.entries(opts.env ?? {})) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), LAUNCHER, ...args], {
    cwd: REPO,
    env,
    stdio: [opts.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  // The CLI may stop reading early (a key is one line); a pipe it closed is not the test's failure.
  child.stdin?.on('error', () => {});
  if (opts.stdin !== undefined) child.stdin?.end(opts.stdin);
  const done = new Promise<LagoonRun>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => {
      const lines = stdout
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => {
          try {
            return JSON.parse(line) as Record<string, unknown>;
          } catch {
            return { unparsed: line };
          }
        });
      resolve({ code, stdout, stderr, lines });
    });
  });
  return { child, stdoutSoFar: () => stdout, stderrSoFar: () => stderr, done };
};

export const runLagoon = (args: string[], opts: LagoonRunOptions = {}): Promise<LagoonRun> => startLagoon(args, opts).done;
