/**
 * `npm run fake-venice`: the fake Venice as a standalone server for manual runs and the e2e harness.
 * PORT (default 0 = any free port), FAKE_VENICE_KEY (default test-key), FAKE_VENICE_RPM (default 20).
 */
import { startFakeVenice } from './server.ts';

const parsePort = (raw: string | undefined): number => {
  const port = Number(raw ?? 0);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be an integer 0-65535, got ${raw}`);
  return port;
};

const rpm = Number(process.env.FAKE_VENICE_RPM ?? 20);
const fake = await startFakeVenice({
  port: parsePort(process.env.PORT),
  apiKey: process.env.FAKE_VENICE_KEY || 'test-key',
  rateLimitPerMinute: Number.isInteger(rpm) && rpm > 0 ? rpm : 20,
});

console.log(`Fake Venice listening on ${fake.url}`);
console.log(`Point Lagoon at it with LAGOON_API_BASE_URL=${fake.url}`);

const stop = (): void => {
  void fake.close().then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
