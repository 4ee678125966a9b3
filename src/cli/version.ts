import { readFileSync } from 'node:fs';

/**
 * Set by the bundlers (`define` in electron.vite.config.ts and scripts/buildCli.ts): a built CLI has no
 * package.json beside it (the packaged app's chunk sits inside app.asar/out/main/chunks). Undeclared when the CLI
 * runs from source, which reads the version from the checkout's package.json instead.
 */
declare const LAGOON_BUILD_VERSION: string | undefined;

const fromManifest = (): string => {
  const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: unknown };
  return typeof manifest.version === 'string' ? manifest.version : 'unknown';
};

/** `lagoon --version`'s line. */
export const versionLine = (): string => `lagoon ${typeof LAGOON_BUILD_VERSION === 'string' ? LAGOON_BUILD_VERSION : fromManifest()}`;
