import { describe, expect, it, vi } from 'vitest';
import { launchConfig } from '../../src/main/shell/launchConfig.ts';

const VENICE = 'https://api.venice.ai/api/v1';
const FAKE = 'http://127.0.0.1:41234/api/v1';

describe('launchConfig: where the installed app sends the key', () => {
  it('from a checkout, LAGOON_API_BASE_URL works as for the CLI', () => {
    const log = vi.fn<(line: string) => void>();
    const config = launchConfig({ env: { LAGOON_API_BASE_URL: FAKE }, isPackaged: false, devBaseUrl: undefined, userData: '/u', log });
    expect(config.apiBaseUrl).toBe(FAKE);
    expect(log).not.toHaveBeenCalled();
  });

  it('an installed build ignores LAGOON_API_BASE_URL, says so, and talks to Venice', () => {
    const log = vi.fn<(line: string) => void>();
    const config = launchConfig({ env: { LAGOON_API_BASE_URL: FAKE }, isPackaged: true, devBaseUrl: undefined, userData: '/u', log });
    expect(config.apiBaseUrl).toBe(VENICE);
    expect(log).toHaveBeenCalledExactlyOnceWith(expect.stringMatching(/LAGOON_API_BASE_URL is ignored.*--lagoon-dev-base-url=URL/u));
  });

  it('an installed build takes the base URL from --lagoon-dev-base-url, checked like any override', () => {
    const log = vi.fn<(line: string) => void>();
    expect(launchConfig({ env: {}, isPackaged: true, devBaseUrl: `${FAKE}/`, userData: '/u', log }).apiBaseUrl).toBe(FAKE);
    expect(launchConfig({ env: { LAGOON_API_BASE_URL: 'https://other.example/v1' }, isPackaged: true, devBaseUrl: FAKE, userData: '/u', log }).apiBaseUrl).toBe(FAKE);
    expect(log).not.toHaveBeenCalled();
    expect(() => launchConfig({ env: {}, isPackaged: true, devBaseUrl: 'http://192.168.1.10/v1', userData: '/u', log })).toThrow(/https/u);
  });

  it('keeps LAGOON_DATA_DIR in both: it picks the library, not where the key goes', () => {
    for (const isPackaged of [true, false]) {
      expect(launchConfig({ env: { LAGOON_DATA_DIR: '/data' }, isPackaged, devBaseUrl: undefined, userData: '/u' }).dataDir).toBe('/data');
      expect(launchConfig({ env: {}, isPackaged, devBaseUrl: undefined, userData: '/u' }).dataDir).toBe('/u');
    }
  });
});
