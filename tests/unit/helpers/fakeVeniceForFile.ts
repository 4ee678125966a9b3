import { afterAll, beforeAll } from 'vitest';
import { type FakeVenice, type FakeVeniceOptions, startFakeVenice } from '../../fake-venice/server.ts';

/** One fake Venice for the whole calling test file: started before its first test, closed after its last. */
export const fakeVeniceForFile = (options: FakeVeniceOptions, ready: (fake: FakeVenice) => void): void => {
  let fake: FakeVenice | null = null;
  beforeAll(async () => {
    fake = await startFakeVenice(options);
    ready(fake);
  });
  afterAll(async () => {
    await fake?.close();
  });
};
