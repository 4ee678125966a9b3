import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { migrate } from '../../src/main/core/db/migrate.ts';
import { ALL_MIGRATIONS } from '../../src/main/core/db/migrations/index.ts';
import { closeDatabase, openDatabase } from '../../src/main/core/db/openDatabase.ts';
import { createLibrary } from '../../src/main/core/library/library.ts';
import { startFakeVenice, type FakeVenice } from '../fake-venice/server.ts';
import { archiveFiles, bareImportsOf, fileEntry, isNativeCode, type LockPackages, packageOf, runtimeClosure } from '../packaging/asarContents.ts';
import { requireFromBuilder } from '../packaging/builderModules.ts';
import { bootPackaged, type BootRun, callsOf, extractApp, indexOfCall, STAND_IN_EXECUTABLE } from '../packaging/bootPackaged.ts';
import { readFuseWire } from '../packaging/fuseWire.ts';
import { type PackagedApp, packageApp, ROOT } from '../packaging/packageApp.ts';
import { STAND_IN_INITIAL_WIRE } from '../packaging/standInDist.ts';

/**
 * Issue "ship and recover" §1: Lagoon packaged by electron-builder (`--linux dir`) around a stand-in Electron
 * distribution, then the packaged main bundle booted under Node with a stand-in `electron` module that journals
 * every call. What only a real Electron binary can show (Chromium itself) is in tests/e2e-electron/.
 */
const config = YAML.parse(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as { electronFuses: Record<string, boolean> };
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string; dependencies: Record<string, string> };
const lock = (JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: LockPackages }).packages;
const PAGE_SCRIPT = join(ROOT, 'tests/packaging/pageScript.ts');

let packaged: PackagedApp;
let appDir: string;
let files: string[];
let fake: FakeVenice;
let unused: FakeVenice;
let boot: BootRun & { userData: string };
let envOnly: BootRun;
let cli: BootRun;
let cliVersion: BootRun;
let launched: { list: BootRun; bare: BootRun; script: string };
let seeded: { id: string; prompt: string };
let upgrade: BootRun & { userData: string };

beforeAll(async () => {
  packaged = await packageApp();
  appDir = extractApp(packaged.asarPath, join(packaged.workDir, 'extracted'));
  files = archiveFiles(packaged.asarPath);
  [fake, unused] = await Promise.all([startFakeVenice(), startFakeVenice()]);
  const run = async (args: string[], env: Record<string, string> = {}) => {
    const userData = mkdtempSync(join(packaged.workDir, 'user-data-'));
    return { ...(await bootPackaged({ appDir, resourcesDir: packaged.resourcesDir, userData, args, env, pageScript: PAGE_SCRIPT, timeoutMs: 60_000 })), userData };
  };
  boot = await run([`--lagoon-dev-base-url=${fake.url}`]);
  const older = olderLibrary(mkdtempSync(join(packaged.workDir, 'user-data-')), PENDING_STEPS);
  [envOnly, upgrade] = await Promise.all([
    run([], { LAGOON_API_BASE_URL: unused.url }),
    bootPackaged({ appDir, resourcesDir: packaged.resourcesDir, userData: older, args: [`--lagoon-dev-base-url=${fake.url}`], env: { LAGOON_STANDIN_LOCALE: 'de-DE' }, pageScript: PAGE_SCRIPT, timeoutMs: 60_000 }).then((r) => ({ ...r, userData: older })),
  ]);
  const library = join(packaged.workDir, 'cli-library');
  seeded = await seedLibrary(library);
  const asCli = (args: string[], launcher?: string) =>
    bootPackaged({ appDir, resourcesDir: packaged.resourcesDir, userData: library, args, env: { LAGOON_DATA_DIR: library }, timeoutMs: 60_000, ...(launcher ? { launcher } : {}) });
  const launcher = installLauncher();
  let list: BootRun;
  let bare: BootRun;
  [cli, cliVersion, list, bare] = await Promise.all([asCli(['list', '--json']), asCli(['--version']), asCli(['list', '--json'], launcher), asCli([], launcher)]);
  launched = { list, bare, script: join(packaged.resourcesDir, 'bin', 'lagoon') };
}, 300_000);

/**
 * The package's `lagoon` launcher as an install has it: <app>/resources/bin/lagoon beside the app's executable
 * (here the stand-in that runs the packaged main under Node), started through a link in a folder on the PATH.
 */
const installLauncher = (): string => {
  const installed = join(packaged.workDir, 'installed');
  mkdirSync(join(installed, 'resources', 'bin'), { recursive: true });
  copyFileSync(join(packaged.resourcesDir, 'bin', 'lagoon'), join(installed, 'resources', 'bin', 'lagoon'));
  writeFileSync(join(installed, 'lagoon'), STAND_IN_EXECUTABLE, { mode: 0o755 });
  const onPath = join(packaged.workDir, 'on-path');
  mkdirSync(onPath);
  symlinkSync(join(installed, 'resources', 'bin', 'lagoon'), join(onPath, 'lagoon'));
  return join(onPath, 'lagoon');
};

/** A library made by the core from source, with one image, for the packaged CLI to read. */
const seedLibrary = async (dataDir: string): Promise<{ id: string; prompt: string }> => {
  const db = openDatabase(join(dataDir, 'lagoon.db'));
  try {
    const prompt = 'a heron at dawn';
    const bytes = await sharp({ create: { width: 32, height: 24, channels: 3, background: '#2a6f97' } }).png().toBuffer();
    const image = await createLibrary({ db, dataDir }).ingest({ bytes, format: 'png', prompt, model: 'venice-sd35', endpoint: 'openai', request: { prompt }, response: {} });
    return { id: image.id, prompt };
  } finally {
    closeDatabase(db);
  }
};

/** How many migrations the older library below still needs. */
const PENDING_STEPS = 2;

/** A library as an older Lagoon left it: every migration but the last `pending`. */
const olderLibrary = (dataDir: string, pending: number): string => {
  const db = new Database(join(dataDir, 'lagoon.db'));
  try {
    migrate(db, ALL_MIGRATIONS.slice(0, ALL_MIGRATIONS.length - pending));
  } finally {
    db.close();
  }
  return dataDir;
};

afterAll(async () => {
  await Promise.all([fake?.close(), unused?.close()]);
  if (packaged) rmSync(packaged.workDir, { recursive: true, force: true });
});

const probe = (run: BootRun, call: string) => callsOf(run.journal, call)[0] ?? {};

/** stderr without the core's slow-statement notes, which a loaded machine adds to any run. */
const complaints = (run: BootRun): string[] => run.stderr.split('\n').filter((line) => line !== '' && !line.startsWith('[db] slow statement'));

describe('the package electron-builder makes around the stand-in Electron', () => {
  it('flips every fuse electron-builder.yml names in the packaged executable', async () => {
    const { FuseV1Options } = requireFromBuilder('@electron/fuses') as { FuseV1Options: Record<string, number> };
    const { version, wire } = readFuseWire(readFileSync(packaged.executable));
    expect(version).toBe(1);
    expect(Object.keys(config.electronFuses)).toHaveLength(7);
    for (const [name, on] of Object.entries(config.electronFuses)) {
      const index = FuseV1Options[name.charAt(0).toUpperCase() + name.slice(1)];
      expect(index, name).toBeTypeOf('number');
      expect(wire[index!], name).toBe(on ? '1' : '0');
    }
    expect(wire[FuseV1Options.LoadBrowserProcessSpecificV8Snapshot!]).toBe(STAND_IN_INITIAL_WIRE[6]); // not configured: untouched
  });

  it('holds the build and the manifest at the top, and no sources, tests or source maps', () => {
    expect(new Set(files.map((f) => f.split('/')[0]))).toEqual(new Set(['out', 'node_modules', 'package.json']));
    expect(files).toEqual(expect.arrayContaining(['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html']));
    expect(files.filter((f) => f.startsWith('out/') && f.endsWith('.map'))).toEqual([]);
  });

  it('holds the production dependencies, all of them, and nothing the lock file marks as development only', () => {
    const packages = new Set(files.map(packageOf).filter((p) => p !== null));
    expect([...packages].filter((p) => lock[p] === undefined || lock[p].dev === true)).toEqual([]);
    expect(Object.keys(manifest.dependencies).filter((name) => !packages.has(`node_modules/${name}`))).toEqual([]);
    for (const devOnly of ['electron', 'vitest', 'typescript', 'electron-builder', '@playwright/test']) expect(packages.has(`node_modules/${devOnly}`)).toBe(false);
  });

  it('unpacks every native addon the main bundle loads (better-sqlite3, keytar, sharp and its libvips) beside the asar', () => {
    const loaded = bareImportsOf(join(appDir, 'out', 'main'));
    expect([...loaded]).toEqual(expect.arrayContaining(['better-sqlite3', 'keytar', 'sharp']));
    const closure = new Set([...loaded].flatMap((name) => [...runtimeClosure(lock, `node_modules/${name}`)]));
    const native = files.filter((f) => isNativeCode(f) && closure.has(packageOf(f) ?? ''));
    for (const needed of [/^node_modules\/better-sqlite3\/.*\.node$/u, /^node_modules\/keytar\/.*\.node$/u, /^node_modules\/@img\/sharp-linux-x64\/.*\.node$/u, /^node_modules\/@img\/sharp-libvips-linux-x64\/lib\/libvips-cpp\.so/u]) {
      expect(native.some((f) => needed.test(f)), String(needed)).toBe(true);
    }
    for (const file of native) {
      const entry = fileEntry(packaged.asarPath, file);
      expect(entry.unpacked, file).toBe(true);
      expect(statSync(join(packaged.resourcesDir, 'app.asar.unpacked', file)).size, file).toBe(entry.size);
    }
  });

  it('loads those addons from the package', () => {
    const script = `const r = require('node:module').createRequire(process.argv[1] + '/package.json');
      const db = new (r('better-sqlite3'))(':memory:');
      console.log(JSON.stringify({ sqlite: db.prepare('select sqlite_version() v').get().v, vips: r('sharp').versions.vips,
        keytar: typeof r('keytar').getPassword, from: r.resolve('sharp') }));`;
    const result = spawnSync(process.execPath, ['-e', script, appDir], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    const loaded = JSON.parse(result.stdout) as Record<string, string>;
    expect(loaded).toMatchObject({ sqlite: expect.stringMatching(/^3\./u), vips: expect.stringMatching(/^8\./u), keytar: 'function' });
    expect(loaded.from!.startsWith(appDir)).toBe(true);
  });
});

describe('the packaged main booted under Node with the stand-in electron module', () => {
  it('boots, runs the page and quits with exit code 0', () => {
    expect(boot.timedOut).toBe(false);
    expect(callsOf(boot.journal, 'page.script-failed')).toEqual([]);
    expect(boot.code).toBe(0);
    expect(callsOf(boot.journal, 'app.exit')).toEqual([expect.objectContaining({ code: 0 })]);
  });

  it('enables the sandbox and registers lagoon:// as a privileged scheme before ready', () => {
    expect(callsOf(boot.journal, 'app.enableSandbox')).toEqual([expect.objectContaining({ ready: false })]);
    const [scheme] = callsOf(boot.journal, 'protocol.registerSchemesAsPrivileged');
    expect(scheme).toMatchObject({ ready: false, schemes: [{ scheme: 'lagoon', privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, codeCache: true } }] });
    expect(indexOfCall(boot.journal, 'app.enableSandbox')).toBeLessThan(indexOfCall(boot.journal, 'app.ready'));
  });

  it('opens one window, with the secure preferences, no devtools and a preload that exists inside the package', () => {
    const windows = callsOf(boot.journal, 'BrowserWindow.new');
    expect(windows).toHaveLength(1);
    const prefs = (windows[0]!.options as { webPreferences: Record<string, unknown> }).webPreferences;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, nodeIntegrationInWorker: false, nodeIntegrationInSubFrames: false, webSecurity: true, allowRunningInsecureContent: false, webviewTag: false, devTools: false });
    expect(prefs.preload).toBe(join(appDir, 'out', 'preload', 'index.cjs'));
    expect(existsSync(prefs.preload as string)).toBe(true);
    expect(callsOf(boot.journal, 'BrowserWindow.loadURL').map((r) => r.url)).toEqual(['lagoon://app/index.html']);
  });

  it('answers lagoon://app/index.html from inside the package with the CSP, and keeps paths inside it', () => {
    const [page] = callsOf(boot.journal, 'page.loaded');
    const packagedHtml = readFileSync(join(appDir, 'out', 'renderer', 'index.html'));
    expect(page).toMatchObject({ status: 200, bytes: packagedHtml.length });
    expect(page!.sha256).toBe(createHash('sha256').update(packagedHtml).digest('hex'));
    const headers = page!.headers as Record<string, string>;
    expect(headers['content-security-policy']).toMatch(/default-src 'none'.*script-src 'self'/u);
    expect(probe(boot, 'probe.asset')).toMatchObject({ status: 200, type: 'text/javascript; charset=utf-8', csp: headers['content-security-policy'] });
    expect(probe(boot, 'probe.escape')).toMatchObject({ status: 404 });
  });

  it('answers IPC from the app frame and refuses a foreign frame and a subframe', () => {
    expect(probe(boot, 'probe.ipc.app')).toMatchObject({ result: { ok: true, data: { language: 'system' } } });
    expect(probe(boot, 'probe.ipc.list')).toMatchObject({ result: { ok: true, data: { items: [] } } });
    expect(probe(boot, 'probe.ipc.foreign')).toMatchObject({ result: { ok: false, error: { code: 'FORBIDDEN_SENDER' } } });
    expect(probe(boot, 'probe.ipc.subframe')).toMatchObject({ result: { ok: false, error: { code: 'FORBIDDEN_SENDER' } } });
  });

  it('refuses permissions, navigation away and new windows', () => {
    expect(probe(boot, 'probe.permission')).toMatchObject({ camera: false, notifications: false });
    expect(probe(boot, 'probe.navigate')).toMatchObject({ away: false, inApp: true });
    expect(probe(boot, 'probe.windowOpen')).toMatchObject({ action: 'deny' });
  });

  it('upgrades an older library behind a splash in the system language, one page a step, closed once the app window is up', () => {
    expect(upgrade.timedOut).toBe(false);
    expect(upgrade.code).toBe(0);
    expect(callsOf(upgrade.journal, 'page.script-failed')).toEqual([]);
    const [splash, appWindow] = callsOf(upgrade.journal, 'BrowserWindow.new');
    expect((splash!.options as { webPreferences: Record<string, unknown> }).webPreferences).toMatchObject({ javascript: false, sandbox: true, contextIsolation: true });
    expect(appWindow).toBeDefined();
    const pages = callsOf(upgrade.journal, 'BrowserWindow.loadURL')
      .map((r) => String(r.url))
      .filter((url) => url.startsWith('data:text/html'))
      .map((url) => decodeURIComponent(url.slice(url.indexOf(',') + 1)));
    expect(pages.map((html) => /Schritt (\d) von (\d)/u.exec(html)?.slice(1))).toEqual([['1', '2'], ['2', '2']]);
    expect(pages[0]).toContain('lang="de"');
    // The splash closes after the app's window opened: closing the last window first would have quit the app.
    const appWindowAt = upgrade.journal.indexOf(appWindow!);
    expect(indexOfCall(upgrade.journal, 'BrowserWindow.closed')).toBeGreaterThan(appWindowAt);
    expect(indexOfCall(upgrade.journal, 'app.window-all-closed')).toBeGreaterThan(indexOfCall(upgrade.journal, 'BrowserWindow.closed'));
    const db = new Database(join(upgrade.userData, 'lagoon.db'), { readonly: true });
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(ALL_MIGRATIONS.at(-1)!.version);
    } finally {
      db.close();
    }
  });

  it('opens no splash when the library needs no upgrade', () => {
    expect(callsOf(boot.journal, 'BrowserWindow.loadURL').some((r) => String(r.url).startsWith('data:'))).toBe(false);
  });

  it('creates the library in userData and, on quit, waits for the core to close it cleanly', () => {
    const quits = boot.journal.filter((r) => r.call.startsWith('app.') && /quit|exit|window-all-closed/u.test(r.call)).map((r) => r.call);
    expect(quits).toEqual(['app.window-all-closed', 'app.quit', 'app.will-quit.prevented', 'app.quit', 'app.exit']);
    const dbFile = join(boot.userData, 'lagoon.db');
    // A clean close checkpoints the WAL into the database and removes it; a killed process would leave it behind.
    expect(existsSync(dbFile)).toBe(true);
    expect(existsSync(`${dbFile}-wal`)).toBe(false);
    const db = new Database(dbFile, { readonly: true });
    try {
      expect(db.pragma('quick_check', { simple: true })).toBe('ok');
      expect((db.prepare("select count(*) n from sqlite_master where type = 'table' and name = 'images'").get() as { n: number }).n).toBe(1);
    } finally {
      db.close();
    }
  });

  it('sends to the base URL of --lagoon-dev-base-url, and Settings is told it is not Venice', () => {
    expect(probe(boot, 'probe.ipc.connection')).toMatchObject({ result: { ok: true, data: { apiBaseUrl: fake.url, isDefault: false } } });
    expect(fake.requests.length).toBeGreaterThan(0); // the launch's catalogue refresh went there
  });

  it('ignores LAGOON_API_BASE_URL without the switch: nothing reaches that server, Settings shows Venice', () => {
    expect(envOnly.code).toBe(0);
    expect(envOnly.stderr).toMatch(/LAGOON_API_BASE_URL is ignored by the installed app; start it with --lagoon-dev-base-url=URL/u);
    expect(probe(envOnly, 'probe.ipc.connection')).toMatchObject({ result: { ok: true, data: { apiBaseUrl: 'https://api.venice.ai/api/v1', isDefault: true } } });
    expect(unused.requests).toEqual([]);
  });
});

describe('the packaged app as the lagoon command (started with CLI arguments)', () => {
  it('prints the library for `list --json` and exits 0, without a window or the single-instance lock', () => {
    expect(cli.timedOut).toBe(false);
    expect(complaints(cli)).toEqual([]);
    expect(cli.code).toBe(0);
    const records = cli.stdout.trim().split('\n').map((line) => JSON.parse(line) as { id: string; prompt: string });
    expect(records).toEqual([expect.objectContaining({ id: seeded.id, prompt: seeded.prompt })]);
    const calls = new Set(cli.journal.map((r) => r.call));
    for (const windowed of ['BrowserWindow.new', 'app.requestSingleInstanceLock', 'session.protocol.handle', 'ipcMain.handle']) expect(calls.has(windowed), windowed).toBe(false);
    expect(callsOf(cli.journal, 'app.exit')).toEqual([expect.objectContaining({ code: 0 })]);
  });
});

const windowless = (run: BootRun): void => {
  const calls = new Set(run.journal.map((r) => r.call));
  for (const windowed of ['BrowserWindow.new', 'app.requestSingleInstanceLock']) expect(calls.has(windowed), windowed).toBe(false);
};

describe('the lagoon command of the installed app', () => {
  it('prints the version put in at build time (the CLI chunk has no package.json beside it)', () => {
    expect(cliVersion).toMatchObject({ timedOut: false, code: 0, stderr: '', stdout: `lagoon ${manifest.version}\n` });
    windowless(cliVersion);
  });

  it('ships the launcher, executable, in resources/bin', () => {
    expect(statSync(launched.script).mode & 0o111).toBe(0o111);
    expect(readFileSync(launched.script, 'utf8')).toMatch(/^#!\/bin\/sh\n/u);
  });

  it('runs `lagoon list --json` through a link on the PATH: the library printed, exit 0, no window', () => {
    const { list } = launched;
    expect(list).toMatchObject({ timedOut: false, code: 0 });
    expect(complaints(list)).toEqual([]);
    const records = list.stdout.trim().split('\n').map((line) => JSON.parse(line) as { id: string; prompt: string });
    expect(records).toEqual([expect.objectContaining({ id: seeded.id, prompt: seeded.prompt })]);
    windowless(list);
  });

  it('prints the help for `lagoon` alone, as the CLI from a checkout does, instead of opening the window', () => {
    const { bare } = launched;
    expect(bare).toMatchObject({ timedOut: false, code: 0, stderr: '' });
    expect(bare.stdout).toContain('lagoon generate --prompt TEXT');
    windowless(bare);
  });
});
