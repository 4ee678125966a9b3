import { homedir } from 'node:os';
import { posix, win32 } from 'node:path';

/** Electron names the userData folder after package.json's productName. */
const APP_DATA_FOLDER_NAME = 'Lagoon';

/**
 * The folder Electron's `app.getPath('userData')` gives the app on each OS, computed without Electron, so the
 * command line and the app open one and the same library. Mirrors Chromium's rules: on Linux a non-empty
 * XDG_CONFIG_HOME is taken as is, otherwise ~/.config; on Windows %APPDATA% (the roaming profile).
 */
export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  if (platform === 'darwin') return posix.join(home, 'Library', 'Application Support', APP_DATA_FOLDER_NAME);
  if (platform === 'win32') return win32.join(env.APPDATA || win32.join(home, 'AppData', 'Roaming'), APP_DATA_FOLDER_NAME);
  return posix.join(env.XDG_CONFIG_HOME || posix.join(home, '.config'), APP_DATA_FOLDER_NAME);
}
