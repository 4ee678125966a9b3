import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultDataDir } from '../../src/main/core/defaultDataDir.ts';
import { runLagoon } from './cliRunner.ts';

describe("defaultDataDir: Electron's userData for productName Lagoon, without Electron", () => {
  it.each([
    ['linux', { XDG_CONFIG_HOME: '/xdg' }, '/home/ada', '/xdg/Lagoon'],
    ['linux', {}, '/home/ada', '/home/ada/.config/Lagoon'],
    ['linux', { XDG_CONFIG_HOME: '' }, '/home/ada', '/home/ada/.config/Lagoon'],
    ['freebsd', {}, '/home/ada', '/home/ada/.config/Lagoon'],
    ['darwin', { XDG_CONFIG_HOME: '/ignored' }, '/Users/ada', '/Users/ada/Library/Application Support/Lagoon'],
    ['win32', { APPDATA: 'C:\\Users\\ada\\AppData\\Roaming' }, 'C:\\Users\\ada', 'C:\\Users\\ada\\AppData\\Roaming\\Lagoon'],
    ['win32', {}, 'C:\\Users\\ada', 'C:\\Users\\ada\\AppData\\Roaming\\Lagoon'],
  ] as const)('%s %j, home %s → %s', (platform, env, home, expected) => {
    expect(defaultDataDir(env, platform, home)).toBe(expected);
  });

  describe('the CLI without LAGOON_DATA_DIR', () => {
    let home: string;
    afterEach(async () => {
      await rm(home, { recursive: true, force: true });
    });

    it('looks for the library in $XDG_CONFIG_HOME/Lagoon, where the app keeps it, and starts one there on import', async () => {
      home = await mkdtemp(join(tmpdir(), 'lagoon-home-'));
      const env = { HOME: home, XDG_CONFIG_HOME: join(home, 'config'), VENICE_API_KEY: 'sk-unused-0123456789' };
      const libraryDir = join(home, 'config', 'Lagoon');
      // A read-only command names the folder it looked in and creates nothing there.
      const list = await runLagoon(['list', '--json'], { env });
      expect(list.code).toBe(1);
      expect(list.lines[0]).toMatchObject({ error: { code: 'NOT_FOUND', message: expect.stringContaining(libraryDir) } });
      expect(existsSync(libraryDir)).toBe(false);
      // An import starts the library in that same folder.
      const picture = join(home, 'picture.png');
      await sharp({ create: { width: 300, height: 300, channels: 3, background: { r: 40, g: 90, b: 160 } } }).png().toFile(picture);
      const imported = await runLagoon(['import', picture, '--json'], { env });
      expect(imported.code).toBe(0);
      expect(existsSync(join(libraryDir, 'lagoon.db'))).toBe(true);
    });
  });
});
