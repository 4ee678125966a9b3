#!/usr/bin/env node
// `npm test`: every check the project has, in one command, ending with the line CI reads: `N passed, N failed, N skipped`.
// On Linux it first moves into a private D-Bus session with an unlocked gnome-keyring, so the keychain tests use a
// real Secret Service and never touch the desktop's own keyring.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const artifacts = join(root, 'artifacts');

if (process.platform === 'linux' && process.env.LAGOON_KEYRING_SESSION !== '1') {
  // gnome-keyring keeps its keyrings under $XDG_DATA_HOME/keyrings; a fresh folder means a fresh keyring that our
  // password unlocks, whatever keyring (and password) this machine's user already has.
  const keyringHome = mkdtempSync(join(tmpdir(), 'lagoon-test-keyring-'));
  const inner = `echo -n lagoon-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null && LAGOON_KEYRING_SESSION=1 exec "${process.execPath}" "${import.meta.filename}"`;
  const result = spawnSync('dbus-run-session', ['--', 'sh', '-c', inner], {
    stdio: 'inherit',
    cwd: root,
    env: { ...process.env, XDG_DATA_HOME: keyringHome },
  });
  rmSync(keyringHome, { recursive: true, force: true });
  if (result.error) {
    console.error('npm test needs dbus-run-session and gnome-keyring (apt: dbus gnome-keyring libsecret-tools); see README.');
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
  process.exit(result.status ?? 1);
}

const bin = (name) => join(root, 'node_modules/.bin', name);
const totals = { passed: 0, failed: 0, skipped: 0 };
const step = (title, command, args) => {
  console.log(`\n=== ${title}`);
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: root, env: process.env });
  return result.status === 0;
};
/** A check with no test count of its own (type check, lint, build) counts as one test. */
const check = (title, command, args) => {
  const ok = step(title, command, args);
  totals[ok ? 'passed' : 'failed'] += 1;
  return ok;
};
const readJson = (file) => (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null);

rmSync(artifacts, { recursive: true, force: true });
mkdirSync(artifacts, { recursive: true });

check('type check', bin('tsc'), ['-p', 'tsconfig.node.json', '--noEmit']) ;
check('type check (e2e)', bin('tsc'), ['-p', 'tsconfig.e2e.json', '--noEmit']);
check('type check (renderer)', bin('tsc'), ['-p', 'tsconfig.web.json', '--noEmit']);
check('lint', bin('oxlint'), ['--deny-warnings', 'src', 'tests', 'scripts', 'bench', 'bin']);
// Unused files, exports and dependencies (knip.json says what the entry points are and why).
check('lint: unused code (knip)', bin('knip'), []);

const vitestJson = join(artifacts, 'vitest.json');
const vitestOk = step('unit and integration tests (vitest)', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile=${vitestJson}`]);
const vitest = readJson(vitestJson);
if (vitest) {
  totals.passed += vitest.numPassedTests;
  totals.failed += vitest.numFailedTests;
  totals.skipped += vitest.numPendingTests + vitest.numTodoTests;
}
if (!vitestOk && (!vitest || vitest.numFailedTests === 0)) totals.failed += 1; // the runner itself failed

if (check('build (electron-vite: main, preload, renderer)', bin('electron-vite'), ['build'])) {
  const playwrightOk = step('end-to-end tests (Playwright, Debian Chromium)', bin('playwright'), ['test']);
  const stats = readJson(join(artifacts, 'playwright.json'))?.stats;
  if (stats) {
    totals.passed += stats.expected + stats.flaky;
    totals.failed += stats.unexpected;
    totals.skipped += stats.skipped;
  }
  if (!playwrightOk && (!stats || stats.unexpected === 0)) totals.failed += 1;
} else {
  totals.failed += 1; // e2e could not run at all
}

console.log(`\nScreenshots and reports: ${artifacts}`);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed === 0 ? 0 : 1);
