import { type ChildProcessByStdio, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import type { ContextCall } from './harness/testContext.ts';

const HARNESS_MAIN = join(import.meta.dirname, 'harness/main.ts');

/** A native drag main started: `file` is the first of `files` (the one every OS takes). */
interface DragRecord {
  file: string;
  files: string[];
  icon: string;
}

export interface AppProcess {
  url: string;
  /** Every call main made on the OS side (drags, dialogs with the answers given, clipboard, reveal), in order. */
  calls: ContextCall[];
  drags: DragRecord[];
  /**
   * Freezes the app process (SIGSTOP: every thread, timers included) and lets it go on (SIGCONT): the window keeps
   * what it last showed, as when the machine stalls. Lets a test act on a running import before it ends.
   */
  pause(): void;
  resume(): void;
  stop(): Promise<void>;
}

/**
 * Starts the harness as its own Node process (the "app"), and resolves once it serves the renderer. `main` is the
 * harness's entry: its sources, or the bench's bundle of them.
 */
export const startAppProcess = (env: Record<string, string>, main = HARNESS_MAIN): Promise<AppProcess> =>
  new Promise((resolve, reject) => {
    const child: ChildProcessByStdio<null, Readable, Readable> = spawn(process.execPath, [main], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const calls: ContextCall[] = [];
    const drags: DragRecord[] = [];
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += String(chunk)));
    child.once('exit', (code) => reject(new Error(`the app process exited (${code}) before it was ready:\n${stderr}`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      const message = JSON.parse(line) as { url?: string; ctx?: ContextCall };
      if (message.ctx) {
        calls.push(message.ctx);
        if (message.ctx.op === 'drag') drags.push({ file: message.ctx.files[0] ?? '', files: message.ctx.files, icon: message.ctx.icon });
      }
      if (message.url) {
        resolve({
          url: message.url,
          calls,
          drags,
          pause: () => child.kill('SIGSTOP'),
          resume: () => child.kill('SIGCONT'),
          stop: () =>
            new Promise<void>((done) => {
              if (child.exitCode !== null) return done();
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
      }
    });
  });
