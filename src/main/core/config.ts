import { join } from 'node:path';
import { DEFAULT_API_BASE_URL } from '../../shared/venice.ts';

export interface CoreConfig {
  /** Everything Lagoon keeps on disk lives here: lagoon.db, images/, thumbs/. */
  dataDir: string;
  /** Base URL of Venice's API, without a trailing slash. */
  apiBaseUrl: string;
  /** Keychain service name; tests use their own so they never touch a user's real entry. */
  keychainService: string;
}

const KEYCHAIN_SERVICE = 'Lagoon';

/**
 * Only https, or plain http to this machine (the local fake Venice): the key travels in a header, so a
 * mistyped `http://` base URL must not send it in clear text across a network.
 */
export const checkApiBaseUrl = (raw: string): string => {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`LAGOON_API_BASE_URL is not a URL: ${raw}`);
  }
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new Error('LAGOON_API_BASE_URL must use https:// (plain http:// is allowed only for 127.0.0.1 or localhost)');
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new Error('LAGOON_API_BASE_URL must not carry credentials, a query or a fragment');
  }
  return url.href.replace(/\/+$/, '');
};

/** The environment overrides; `defaultDataDir` is Electron's userData in the app, a folder of its own elsewhere. */
export const resolveConfig = (env: NodeJS.ProcessEnv, defaultDataDir: string): CoreConfig => ({
  dataDir: env.LAGOON_DATA_DIR?.trim() || defaultDataDir,
  apiBaseUrl: checkApiBaseUrl(env.LAGOON_API_BASE_URL?.trim() || DEFAULT_API_BASE_URL),
  keychainService: KEYCHAIN_SERVICE,
});

export const databasePath = (config: CoreConfig): string => join(config.dataDir, 'lagoon.db');
