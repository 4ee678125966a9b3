// Boots the e2e harness as its own process, the way the app is its own process: the e2e fixtures start it, kill it
// and start it again on the same data folder. Also usable by hand: `npm run harness`, then open the printed URL.
import { join } from 'node:path';
import { resolveConfig } from '../../../src/main/core/config.ts';
import { startHarness } from './server.ts';
import { dialogsFromEnv } from './testContext.ts';

const root = join(import.meta.dirname, '../../..');
const config = resolveConfig(process.env, join(root, '.lagoon-data'));
// Tests give every run its own keychain entry so they never touch a user's real one.
const keychainService = process.env.LAGOON_TEST_KEYCHAIN_SERVICE || config.keychainService;
const harness = await startHarness(
  { ...config, keychainService },
  process.env.LAGOON_RENDERER_DIR || join(root, 'out/renderer'),
  dialogsFromEnv(process.env),
  // One JSON line per drag, dialog, clipboard or reveal call, so e2e specs see what main would have asked of the OS.
  (call) => process.stdout.write(`${JSON.stringify({ ctx: call })}\n`),
);
process.stdout.write(`${JSON.stringify({ url: harness.url })}\n`);

const stop = async () => {
  await harness.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
