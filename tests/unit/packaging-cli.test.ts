import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';

/**
 * The `lagoon` command of the installed app, per platform: the launcher script the package ships in
 * resources/bin (macOS, Linux), its Windows twin lagoon.cmd, and the NSIS include that offers the PATH entry.
 * The launcher runs here for real, in the layouts of a macOS bundle and a Linux install, with a stand-in
 * executable that reports what it was given (the packaged-boot test runs it with the real main).
 */

const ROOT = resolve(import.meta.dirname, '../..');
const config = YAML.parse(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as Record<string, any>;
const LAUNCHER = join(ROOT, 'resources', 'cli', 'lagoon');
const REPORTER = '#!/bin/sh\nprintf "%s|" "$(readlink -f "$0")" "$@"\nexit 7\n';

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'lagoon-launchers-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** An install laid out with the launcher in resources/bin and the stand-in at `executable` (relative to resources). */
const install = (name: string, executable: string): { resources: string; app: string } => {
  const resources = join(work, name, 'resources');
  mkdirSync(join(resources, 'bin'), { recursive: true });
  writeFileSync(join(resources, 'bin', 'lagoon'), readFileSync(LAUNCHER), { mode: 0o755 });
  const app = resolve(resources, executable);
  mkdirSync(join(app, '..'), { recursive: true });
  writeFileSync(app, REPORTER, { mode: 0o755 });
  return { resources, app };
};

const runVia = (command: string, args: string[]) => spawnSync(command, args, { encoding: 'utf8' });

describe('electron-builder.yml ships the command', () => {
  it('puts resources/cli into resources/bin of every package, and leaves the checkout-only CLI bundle out', () => {
    expect(config.extraResources).toEqual(expect.arrayContaining([{ from: 'resources/cli', to: 'bin' }]));
    expect(config.files).toContain('!out/cli/**');
    expect(statSync(LAUNCHER).mode & 0o111).toBe(0o111);
  });

  it('offers the PATH entry in the Windows installer through its include script', () => {
    expect(config.nsis.include).toBe('resources/installer.nsh');
    expect(config.nsis.perMachine).toBe(false); // the include writes the user's PATH (HKCU), like the install
  });
});

describe('the macOS/Linux launcher (resources/cli/lagoon, run by sh)', () => {
  it('runs the Linux install’s executable with --lagoon-cli and every argument, through a link on the PATH', () => {
    const { resources, app } = install('linux', '../lagoon');
    const onPath = join(work, 'linux-path');
    mkdirSync(onPath);
    symlinkSync(join(resources, 'bin', 'lagoon'), join(onPath, 'lagoon'));
    const run = runVia(join(onPath, 'lagoon'), ['search', 'two words', '--json']);
    expect(run.stdout).toBe(`${app}|--lagoon-cli|search|two words|--json|`);
    expect(run.status).toBe(7); // the app's exit code is the command's
  });

  it('finds Lagoon.app/Contents/MacOS/Lagoon from Contents/Resources/bin', () => {
    const { resources, app } = install('Lagoon.app/Contents', '../MacOS/Lagoon');
    const run = runVia(join(resources, 'bin', 'lagoon'), ['--version']);
    expect(run.stdout).toBe(`${app}|--lagoon-cli|--version|`);
  });

  it('says where it looked when the app is not beside it, and exits 127', () => {
    const resources = join(work, 'moved', 'resources');
    mkdirSync(join(resources, 'bin'), { recursive: true });
    writeFileSync(join(resources, 'bin', 'lagoon'), readFileSync(LAUNCHER), { mode: 0o755 });
    const run = runVia(join(resources, 'bin', 'lagoon'), ['list']);
    expect(run.status).toBe(127);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('the Lagoon app is not beside this command');
  });
});

describe('the Windows launcher and installer script', () => {
  it('lagoon.cmd runs <install dir>\\Lagoon.exe with --lagoon-cli and passes its exit code on (CRLF lines)', () => {
    const cmd = readFileSync(join(ROOT, 'resources', 'cli', 'lagoon.cmd'), 'utf8');
    expect(cmd.split('\r\n').length).toBeGreaterThan(3);
    expect(cmd.replaceAll('\r\n', '')).not.toContain('\n');
    expect(cmd).toContain(`"%~dp0..\\..\\${config.productName}.exe" --lagoon-cli %*`);
    expect(cmd).toMatch(/^exit \/b %ERRORLEVEL%\r$/mu);
  });

  it('installer.nsh compiles with makensis (warnings as errors), install and uninstall macros both used', () => {
    const script = join(work, 'installer-test.nsi');
    writeFileSync(
      script,
      [
        `!include "${join(ROOT, 'resources', 'installer.nsh')}"`,
        'Name "Lagoon include test"',
        `OutFile "${join(work, 'installer-test.exe')}"`,
        'RequestExecutionLevel user',
        'Section',
        '  !insertmacro customInstall',
        '  WriteUninstaller "$INSTDIR\\uninstall.exe"',
        'SectionEnd',
        'Section "Uninstall"',
        '  !insertmacro customUnInstall',
        'SectionEnd',
      ].join('\n'),
    );
    execFileSync('makensis', ['-V2', '-WX', script], { encoding: 'utf8' });
    expect(statSync(join(work, 'installer-test.exe')).size).toBeGreaterThan(0);
  });
});
