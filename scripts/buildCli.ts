// `npm run build:cli` (part of `npm run build`): the `lagoon` command as a bundle in out/cli/, which bin/lagoon.js
// runs instead of the sources while it is up to date with them. From source, Node resolves, reads and strips the
// types of some 300 modules per command (sharp, zod, better-sqlite3, the core); the bundle is a few files of plain
// JavaScript, split at the CLI's lazy imports so `lagoon --help` still loads only the help.
import { statSync, writeFileSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { build } from 'rolldown';

const ROOT = resolve(import.meta.dirname, '..');
const CLI_BUNDLE_DIR = join(ROOT, 'out', 'cli');
/** bin/lagoon.js reads this: every file the bundle was made from, with the size and time it had then. */
export const INPUTS_FILE = 'inputs.json';

/** Native addons stay outside, loaded from node_modules as they are (they cannot be bundled). */
const NATIVE = ['better-sqlite3', 'sharp', 'keytar'];

export interface BundleInput {
  /** Relative to the repository, with forward slashes. */
  file: string;
  size: number;
  mtimeMs: number;
}

const inputOf = (file: string): BundleInput => {
  const stat = statSync(file);
  return { file: relative(ROOT, file).split('\\').join('/'), size: stat.size, mtimeMs: stat.mtimeMs };
};

export const buildCli = async (outDir: string = CLI_BUNDLE_DIR): Promise<{ entry: string; inputs: BundleInput[] }> => {
  const manifest = join(ROOT, 'package.json');
  const { version } = JSON.parse(await readFile(manifest, 'utf8')) as { version: string };
  await rm(outDir, { recursive: true, force: true });
  const result = await build({
    cwd: ROOT,
    input: {
      lagoon: join(ROOT, 'src/cli/main.ts'),
      // Imported files are parsed on a worker thread, as in the app; coreSetup.ts finds it by this name.
      inspectWorker: join(ROOT, 'src/main/core/transfer/inspectWorker.ts'),
    },
    platform: 'node',
    external: (id) => id.startsWith('node:') || NATIVE.some((name) => id === name || id.startsWith(`${name}/`)),
    transform: {
      define: { LAGOON_BUILD_VERSION: JSON.stringify(version), LAGOON_BUILD_INSPECT_WORKER: JSON.stringify('./inspectWorker.mjs') },
    },
    logLevel: 'warn',
    output: { dir: outDir, format: 'esm', entryFileNames: '[name].mjs', chunkFileNames: '[name]-[hash].mjs', sourcemap: false },
  });
  const files = new Set<string>([manifest]);
  for (const item of result.output) {
    if (item.type !== 'chunk') continue;
    for (const id of item.moduleIds) if (isAbsolute(id)) files.add(id);
  }
  const inputs = [...files].toSorted().map(inputOf);
  writeFileSync(join(outDir, INPUTS_FILE), `${JSON.stringify(inputs)}\n`);
  return { entry: join(outDir, 'lagoon.mjs'), inputs };
};

if (import.meta.main) {
  const started = performance.now();
  const { entry, inputs } = await buildCli();
  process.stdout.write(`${relative(ROOT, entry)}: ${inputs.length} source files bundled in ${Math.round(performance.now() - started)} ms\n`);
}
