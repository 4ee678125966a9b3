import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

    it('opens the library in $XDG_CONFIG_HOME/Lagoon, where the app keeps it', async () => {
      home = await mkdtemp(join(tmpdir(), 'lagoon-home-'));
      const run = await runLagoon(['list', '--json'], {
        env: { HOME: home, XDG_CONFIG_HOME: join(home, 'config'), VENICE_API_KEY: 'sk-unused-0123456789' },
      });
      expect(run.code).toBe(0);
      expect(run.lines).toEqual([]);
      expect(existsSync(join(home, 'config', 'Lagoon', 'lagoon.db'))).toBe(true);
    });
  });
});
