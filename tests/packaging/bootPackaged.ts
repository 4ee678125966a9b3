import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireFromBuilder } from './builderModules.ts';
import { parseJournal, type StandInRecord } from './electronStandIn/record.ts';

/**
 * The packaged app as Node can run it: app.asar extracted (with its app.asar.unpacked files, which @electron/asar
 * copies from beside the archive, as Electron reads them from there).
 */
export const extractApp = (asarPath: string, into: string): string => {
  const asar = requireFromBuilder('@electron/asar') as { extractAll(archive: string, dest: string): void };
  asar.extractAll(asarPath, into);
  return into;
};

export interface BootOptions {
  appDir: string;
  resourcesDir: string;
  userData: string;
  /** Arguments after the executable, as a user would pass them to the packaged app. */
  args?: string[];
  /** Only these are added to a clean environment (PATH, HOME, the D-Bus address are kept). */
  env?: Record<string, string>;
  /** A module whose default export acts as the loaded page (electronStandIn/page.ts). */
  pageScript?: string;
  /**
   * Start this program with `args` instead of the main bundle, as a user starts the app's `lagoon` command: it is
   * given LAGOON_STANDIN_NODE, _REGISTER and _MAIN to run the packaged main under Node (STAND_IN_EXECUTABLE).
   */
  launcher?: string;
  timeoutMs: number;
}

export interface BootRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  journal: StandInRecord[];
  timedOut: boolean;
}

const KEPT_ENV = ['PATH', 'HOME', 'LANG', 'TMPDIR', 'DBUS_SESSION_BUS_ADDRESS', 'XDG_DATA_HOME', 'XDG_RUNTIME_DIR'];

/** Runs `<app>/out/main/index.js` under Node with the stand-in Electron, to its exit (or the timeout's SIGKILL). */
export const bootPackaged = (opts: BootOptions): Promise<BootRun> =>
  new Promise((resolve, reject) => {
    const journalDir = mkdtempSync(join(tmpdir(), 'lagoon-standin-'));
    const journalFile = join(journalDir, 'journal.jsonl');
    const env: Record<string, string> = {};
    for (const name of KEPT_ENV) if (process.env[name] !== undefined) env[name] = process.env[name]!;
    Object.assign(env, {
      LAGOON_STANDIN_RECORD: journalFile,
      LAGOON_STANDIN_USER_DATA: opts.userData,
      LAGOON_STANDIN_APP_PATH: opts.appDir,
      LAGOON_STANDIN_RESOURCES: opts.resourcesDir,
      ...(opts.pageScript ? { LAGOON_STANDIN_PAGE_SCRIPT: opts.pageScript } : {}),
      ...opts.env,
    });
    const register = join(import.meta.dirname, 'electronStandIn', 'register.ts');
    const main = join(opts.appDir, 'out', 'main', 'index.js');
    Object.assign(env, { LAGOON_STANDIN_NODE: process.execPath, LAGOON_STANDIN_REGISTER: register, LAGOON_STANDIN_MAIN: main });
    const [command, args] = opts.launcher ? [opts.launcher, opts.args ?? []] : [process.execPath, ['--import', register, main, ...(opts.args ?? [])]];
    const child = spawn(command, args, { env, cwd: opts.appDir, stdio: ['ignore', 'pipe', 'pipe'] });
    const run: BootRun = { code: null, signal: null, stdout: '', stderr: '', journal: [], timedOut: false };
    const timer = setTimeout(() => ((run.timedOut = true), child.kill('SIGKILL')), opts.timeoutMs);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (run.stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (run.stderr += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      run.code = code;
      run.signal = signal;
      run.journal = existsSync(journalFile) ? parseJournal(readFileSync(journalFile, 'utf8')) : [];
      rmSync(journalDir, { recursive: true, force: true });
      resolve(run);
    });
  });

/**
 * What stands in for the app's executable (Electron's binary, renamed `lagoon` by the package) when a launcher
 * runs it: the packaged main under Node with the stand-in `electron`, given the launcher's arguments.
 */
export const STAND_IN_EXECUTABLE = '#!/bin/sh\nexec "$LAGOON_STANDIN_NODE" --import "$LAGOON_STANDIN_REGISTER" "$LAGOON_STANDIN_MAIN" "$@"\n';

/** The journal's records of one call, in order. */
export const callsOf = (journal: StandInRecord[], call: string): StandInRecord[] => journal.filter((r) => r.call === call);
export const indexOfCall = (journal: StandInRecord[], call: string): number => journal.findIndex((r) => r.call === call);
