import { spawnSync } from 'node:child_process';
import { appendFileSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../../src/main/core/db/openDatabase.ts';
import { runLagoon } from './cliRunner.ts';

/**
 * bin/lagoon.js picks what to run: the built CLI (out/cli/) while every file it was built from is unchanged, the
 * TypeScript sources otherwise. Tested on a layout of its own (the real launcher, stand-in entry points), so the
 * shared checkout's out/ does not decide the outcome.
 */

const REPO = join(import.meta.dirname, '../..');

let root: string;

const write = (relative: string, text: string): string => {
  const file = join(root, relative);
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, text);
  return file;
};

/** The bundle's input list as scripts/buildCli.ts writes it, for the files given. */
const writeInputs = (...files: string[]): void => {
  const inputs = files.map((file) => {
    const stat = statSync(join(root, file));
    return { file, size: stat.size, mtimeMs: stat.mtimeMs };
  });
  write('out/cli/inputs.json', JSON.stringify(inputs));
};

const launch = (nodeArgs: string[] = []) => {
  const run = spawnSync(process.execPath, [...nodeArgs, join(root, 'bin/lagoon.js'), 'list'], { encoding: 'utf8', env: { ...process.env, NODE_DISABLE_COMPILE_CACHE: '1' } });
  return { code: run.status, stdout: run.stdout.trim(), stderr: run.stderr };
};

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'lagoon-launcher-'));
  mkdirSync(join(root, 'bin'));
  for (const file of ['lagoon.js', 'cliBundle.js']) copyFileSync(join(REPO, 'bin', file), join(root, 'bin', file));
  // Each stand-in says which it is and what it was given.
  write('src/cli/main.ts', "const typed: string = 'source';\nprocess.stdout.write(`${typed} ${process.argv.slice(2).join(' ')}\\n`);\n");
  write('src/shared/errors.ts', 'export {};\n');
  write('out/cli/lagoon.mjs', "process.stdout.write(`bundle ${process.argv.slice(2).join(' ')}\\n`);\n");
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('bin/lagoon.js: the built CLI while it is current, the sources otherwise', () => {
  it('runs the sources when there is no bundle list, and the bundle once its inputs match', () => {
    expect(launch()).toMatchObject({ code: 0, stdout: 'source list' });
    writeInputs('src/cli/main.ts', 'src/shared/errors.ts');
    expect(launch()).toMatchObject({ code: 0, stdout: 'bundle list' });
  });

  it('goes back to the sources as soon as one input changes or disappears', () => {
    writeInputs('src/cli/main.ts', 'src/shared/errors.ts');
    appendFileSync(join(root, 'src/shared/errors.ts'), '// edited\n');
    expect(launch()).toMatchObject({ code: 0, stdout: 'source list' });

    write('src/cli/gone.ts', 'export {};\n');
    writeInputs('src/cli/main.ts', 'src/shared/errors.ts', 'src/cli/gone.ts');
    expect(launch()).toMatchObject({ code: 0, stdout: 'bundle list' });
    rmSync(join(root, 'src/cli/gone.ts'));
    expect(launch()).toMatchObject({ code: 0, stdout: 'source list' });
  });

  it('needs type stripping only for the sources', () => {
    writeInputs('src/cli/main.ts', 'src/shared/errors.ts');
    expect(launch(['--no-experimental-strip-types'])).toMatchObject({ code: 0, stdout: 'bundle list' });

    appendFileSync(join(root, 'src/cli/main.ts'), '// edited\n');
    const refused = launch(['--no-experimental-strip-types']);
    expect(refused).toMatchObject({ code: 1, stdout: '' });
    expect(refused.stderr).toContain('lagoon needs Node.js 22.18 or newer');
    expect(refused.stderr).toContain('with type stripping off');
  });

  it('runs the bundle of an installed copy without sources', () => {
    rmSync(join(root, 'src'), { recursive: true });
    expect(launch()).toMatchObject({ code: 0, stdout: 'bundle list' });
  });
});

describe('lagoon --help from the sources', () => {
  it('loads neither zod, the argument parsers nor the core', async () => {
    const record = join(root, 'modules.txt');
    const run = await runLagoon(['--help'], { nodeArgs: ['--import', join(REPO, 'tests/unit/fixtures/moduleRecorder.ts')], env: { LAGOON_RECORD_MODULES: record } });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('lagoon generate --prompt TEXT');
    const loaded = readFileSync(record, 'utf8').trim().split('\n');
    expect(loaded).toContain(pathToFileURL(join(REPO, 'src/cli/help/general.ts')).href);
    expect(loaded.filter((url) => /node_modules\/zod|src\/cli\/args\.ts|src\/main\/core\/services\.ts|better-sqlite3|sharp/u.test(url))).toEqual([]);
  });
});

describe('lagoon list from the sources', () => {
  it('opens the library without the services or sharp (libvips): it only reads the database', async () => {
    const dataDir = join(root, 'library');
    mkdirSync(dataDir);
    closeDatabase(openDatabase(join(dataDir, 'lagoon.db')));
    const record = join(root, 'list-modules.txt');
    const run = await runLagoon(['list', '--json'], {
      nodeArgs: ['--import', join(REPO, 'tests/unit/fixtures/moduleRecorder.ts')],
      env: { LAGOON_RECORD_MODULES: record, LAGOON_DATA_DIR: dataDir },
    });
    expect(run.code, run.stderr).toBe(0);
    const loaded = readFileSync(record, 'utf8').trim().split('\n');
    expect(loaded).toContain(pathToFileURL(join(REPO, 'src/main/core/library/library.ts')).href);
    // Neither the services (queue, Venice client, transfer), the argument parsers of other commands, nor an image codec.
    const needless = /src\/main\/core\/services\.ts|src\/cli\/coreServices\.ts|src\/cli\/generateArgs\.ts|src\/main\/core\/transfer\/|node_modules\/(sharp|@img|keytar)\//u;
    expect(loaded.filter((url) => needless.test(url))).toEqual([]);
  });

  it('searches with the query schema alone, not the schemas of every library route', async () => {
    const dataDir = join(root, 'library-search');
    mkdirSync(dataDir);
    closeDatabase(openDatabase(join(dataDir, 'lagoon.db')));
    const record = join(root, 'search-modules.txt');
    const run = await runLagoon(['search', 'lighthouse', '--json'], {
      nodeArgs: ['--import', join(REPO, 'tests/unit/fixtures/moduleRecorder.ts')],
      env: { LAGOON_RECORD_MODULES: record, LAGOON_DATA_DIR: dataDir },
    });
    expect(run.code, run.stderr).toBe(0);
    const loaded = readFileSync(record, 'utf8').trim().split('\n');
    expect(loaded).toContain(pathToFileURL(join(REPO, 'src/shared/ipc/schemas/imageQuery.ts')).href);
    expect(loaded.filter((url) => /src\/shared\/ipc\/(schemas\/(library|images)\.ts|route\.ts|contract\.ts)/u.test(url))).toEqual([]);
  });
});
