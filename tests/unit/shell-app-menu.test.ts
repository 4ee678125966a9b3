import { lstatSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// The stand-in Electron the packaged-boot test runs main with (tests/packaging/electronStandIn), not a fake of its own.
vi.mock('electron', () => import('../packaging/electronStandIn/electron.ts'));
const { Menu } = await import('../packaging/electronStandIn/electron.ts');
const { memoryJournal } = await import('../packaging/electronStandIn/record.ts');
const { INSTALL_COMMAND_LABEL, installAppMenu } = await import('../../src/main/shell/appMenu.ts');

/**
 * macOS: the app menu's "Install 'lagoon' Command in PATH…" links the launcher inside the app bundle from a folder
 * on the PATH, as code editors do: clicked here through the stand-in's menu, on real files in a folder of the test's.
 */

let root: string;
let resourcesPath: string;
let linkDir: string;
const calls = (call: string) => memoryJournal.filter((r) => r.call === call);

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'lagoon-menu-'));
  resourcesPath = join(root, 'Lagoon.app', 'Contents', 'Resources');
  mkdirSync(join(resourcesPath, 'bin'), { recursive: true });
  writeFileSync(join(resourcesPath, 'bin', 'lagoon'), '#!/bin/sh\n', { mode: 0o755 });
  linkDir = join(root, 'usr-local-bin');
  memoryJournal.length = 0;
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** Installs the menu as main does on macOS, clicks the item, and waits for its message. */
const clickInstall = async (): Promise<Record<string, unknown>> => {
  installAppMenu('darwin', { resourcesPath, linkDir });
  const item = Menu.getApplicationMenu()?.itemLabelled(`${INSTALL_COMMAND_LABEL}…`);
  expect(item?.click).toBeTypeOf('function');
  const before = memoryJournal.length;
  item!.click!();
  await vi.waitFor(() => expect(memoryJournal.slice(before).some((r) => r.call.startsWith('dialog.'))).toBe(true));
  return memoryJournal.slice(before).find((r) => r.call.startsWith('dialog.'))!;
};

describe('the macOS app menu and its Install Command item', () => {
  it('is set on macOS only, with the standard items around the install item', () => {
    installAppMenu('linux', { resourcesPath, linkDir });
    installAppMenu('win32', { resourcesPath, linkDir });
    expect(calls('Menu.setApplicationMenu')).toEqual([]);
    installAppMenu('darwin', { resourcesPath, linkDir });
    const [set] = calls('Menu.setApplicationMenu');
    expect(set?.menu).toEqual([
      { label: 'Lagoon', submenu: ['about', 'separator', `${INSTALL_COMMAND_LABEL}…`, 'separator', 'services', 'separator', 'hide', 'hideOthers', 'unhide', 'separator', 'quit'] },
      'editMenu',
      'windowMenu',
    ]);
  });

  it('links the launcher inside the app bundle (creating the folder), and says so; a second click finds it there', async () => {
    const told = await clickInstall();
    const link = join(linkDir, 'lagoon');
    expect(readlinkSync(link)).toBe(join(resourcesPath, 'bin', 'lagoon'));
    expect(told).toMatchObject({ call: 'dialog.showMessageBox', options: { type: 'info', detail: expect.stringContaining(link) } });
    expect((await clickInstall()).options).toMatchObject({ type: 'info' });
    expect(readlinkSync(link)).toBe(join(resourcesPath, 'bin', 'lagoon'));
  });

  it('replaces a link to another copy of Lagoon (the app moved), never another program’s lagoon', async () => {
    mkdirSync(linkDir);
    const link = join(linkDir, 'lagoon');
    symlinkSync('/Volumes/Old/Lagoon.app/Contents/Resources/bin/lagoon', link);
    await clickInstall();
    expect(readlinkSync(link)).toBe(join(resourcesPath, 'bin', 'lagoon'));

    rmSync(link);
    writeFileSync(link, '#!/bin/sh\necho another lagoon\n');
    expect((await clickInstall()).options).toMatchObject({ type: 'warning', message: "Another 'lagoon' command is already installed" });
    expect(lstatSync(link).isSymbolicLink()).toBe(false);
    expect(readFileSync(link, 'utf8')).toContain('another lagoon');

    rmSync(link);
    symlinkSync('/opt/other/lagoon', link);
    expect((await clickInstall()).options).toMatchObject({ type: 'warning' });
    expect(readlinkSync(link)).toBe('/opt/other/lagoon');
  });
});
