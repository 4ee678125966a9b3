import { describe, expect, it } from 'vitest';
import { checkApiBaseUrl, resolveConfig } from '../../src/main/core/config.ts';

describe('config', () => {
  it('defaults to Venice and to the given data folder', () => {
    expect(resolveConfig({}, '/home/u/.config/Lagoon')).toEqual({
      dataDir: '/home/u/.config/Lagoon',
      apiBaseUrl: 'https://api.venice.ai/api/v1',
      keychainService: 'Lagoon',
    });
  });

  it('takes LAGOON_DATA_DIR and LAGOON_API_BASE_URL from the environment', () => {
    const config = resolveConfig({ LAGOON_DATA_DIR: '/data/lagoon', LAGOON_API_BASE_URL: 'http://127.0.0.1:4321/api/v1/' }, '/x');
    expect(config.dataDir).toBe('/data/lagoon');
    expect(config.apiBaseUrl).toBe('http://127.0.0.1:4321/api/v1');
  });

  it('accepts https anywhere and plain http only on this machine', () => {
    for (const ok of ['https://api.venice.ai/api/v1', 'http://localhost:8080/api/v1', 'http://[::1]:9/v1', 'https://proxy.example.com/v1']) {
      expect(() => checkApiBaseUrl(ok), ok).not.toThrow();
    }
    for (const bad of [
      'http://api.venice.ai/api/v1', // the key would travel in clear text
      'http://192.168.1.10/api/v1',
      'http://127.0.0.1.evil.com/v1',
      'ftp://api.venice.ai',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'not a url',
      'https://user:pass@api.venice.ai/api/v1',
      'https://api.venice.ai/api/v1?x=1',
    ]) {
      expect(() => checkApiBaseUrl(bad), bad).toThrow(/LAGOON_API_BASE_URL/);
    }
  });
});
