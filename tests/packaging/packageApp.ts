import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import YAML from 'yaml';
import { makeStandInDist } from './standInDist.ts';

export const ROOT = resolve(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);

export interface PackagedApp {
  /** Everything of this run: the build, the stand-in distribution, the package. Removed by the caller. */
  workDir: string;
  /** release/linux-unpacked as electron-builder lays it out. */
  unpackedDir: string;
  resourcesDir: string;
  asarPath: string;
  /** The packaged Electron executable (named after the package). */
  executable: string;
}

/**
 * electron-vite's full build (main, preload, renderer) into a folder of this run's own: the shared `out/` is not
 * touched, so packaging can run while others build. NODE_ENV is restored because electron-vite sets it.
 */
const buildInto = async (outDir: string): Promise<void> => {
  const { build } = await import('electron-vite');
  const nodeEnv = process.env.NODE_ENV;
  try {
    await build({ root: ROOT, configFile: join(ROOT, 'electron.vite.config.ts'), build: { outDir }, logLevel: 'silent', mode: 'production' });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
};

/**
 * The config's `files` with its `out/**` pattern pointed at this run's build (same filters, same place in the
 * archive). Everything else in electron-builder.yml is used as written.
 */
const filesFrom = (files: unknown[], outDir: string): unknown[] => {
  const exclusions = files.filter((f): f is string => typeof f === 'string' && f.startsWith('!'));
  if (!files.includes('out/**')) throw new Error('electron-builder.yml no longer ships out/**: update packageApp.ts');
  return files.map((f) => (f === 'out/**' ? { from: outDir, to: 'out', filter: ['**/*', ...exclusions] } : f));
};

const packageInto = async (workDir: string): Promise<PackagedApp> => {
  const outDir = join(workDir, 'out');
  mkdirSync(outDir);
  await buildInto(outDir);

  const electronVersion = (JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')) as { version: string }).version;
  const electronDist = makeStandInDist(join(workDir, 'electron-dist'), electronVersion);
  const config = YAML.parse(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as Record<string, unknown>;
  // A whole config file of its own: electron-builder would merge a config object into electron-builder.yml,
  // concatenating lists (files, extraResources) instead of replacing them.
  const configFile = join(workDir, 'electron-builder.yml');
  writeFileSync(
    configFile,
    YAML.stringify({
      ...config,
      files: filesFrom(config.files as unknown[], outDir),
      electronDist,
      electronVersion,
      npmRebuild: false,
      directories: { ...(config.directories as object), output: join(workDir, 'release') },
    }),
  );
  const builder = require('electron-builder') as typeof import('electron-builder');
  await builder.build({ projectDir: ROOT, config: configFile, targets: builder.Platform.LINUX.createTarget('dir', builder.Arch.x64), publish: 'never' });
  const unpackedDir = join(workDir, 'release', 'linux-unpacked');
  const resourcesDir = join(unpackedDir, 'resources');
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string };
  return { workDir, unpackedDir, resourcesDir, asarPath: join(resourcesDir, 'app.asar'), executable: join(unpackedDir, pkg.name) };
};

/**
 * Packages Lagoon as `electron-builder --linux dir` would, with electron-builder.yml unchanged except for what this
 * machine needs: the stand-in Electron distribution, an output folder of this run's own, this run's build, and no
 * rebuild of the native addons for Electron's ABI (that needs Electron's headers from the network; the boot test
 * runs the package under Node, whose ABI the installed addons already have).
 */
export const packageApp = async (): Promise<PackagedApp> => {
  const workDir = mkdtempSync(join(tmpdir(), 'lagoon-package-'));
  try {
    return await packageInto(workDir);
  } catch (error) {
    rmSync(workDir, { recursive: true, force: true });
    throw error;
  }
};
