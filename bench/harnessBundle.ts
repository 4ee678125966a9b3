import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'rolldown';

const HARNESS_DIR = join(import.meta.dirname, '../tests/e2e/harness');
/** Native addons stay outside, loaded from node_modules as they are (as in the app's and the CLI's bundles). */
const NATIVE = ['better-sqlite3', 'sharp', 'keytar'];

export interface HarnessBundle {
  entry: string;
  buildMs: number;
  remove(): void;
}

/**
 * The e2e harness's main (the app's core serving the renderer) as one file of plain JavaScript, as the shipped app's
 * main is: run from its sources, Node resolves, reads and strips the types of some 300 modules at every start
 * (measured cold: 0.8–1.1 s to serve an empty library, against 0.5 s bundled), which no user's launch pays.
 *
 * Written beside the harness's own main.ts (and removed after the run): the harness finds its browser bridge and the
 * core's worker files relative to itself, so the bundle must stand where its entry stands. The workers stay sources.
 */
export const bundleHarness = async (): Promise<HarnessBundle> => {
  const entry = join(HARNESS_DIR, 'main.bundle.mjs');
  const started = performance.now();
  await build({
    input: join(HARNESS_DIR, 'main.ts'),
    platform: 'node',
    external: (id) => id.startsWith('node:') || NATIVE.some((name) => id === name || id.startsWith(`${name}/`)),
    logLevel: 'warn',
    output: { file: entry, format: 'esm', codeSplitting: false, sourcemap: false },
  });
  return { entry, buildMs: performance.now() - started, remove: () => rmSync(entry, { force: true }) };
};
