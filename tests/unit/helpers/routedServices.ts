import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { buildHandlers } from '../../../src/main/core/handlers/index.ts';
import { createRouter, type Dispatch } from '../../../src/main/core/ipc/router.ts';
import { createServices, type ServiceDeps, type Services } from '../../../src/main/core/services.ts';
import type { Job } from '../../../src/shared/ipc/schemas/jobs.ts';
import { type FakeVenice, type FakeVeniceOptions, startFakeVenice } from '../../fake-venice/server.ts';
import { memoryStore } from './queueHarness.ts';
import { inertContext } from './requestContext.ts';

/** A base URL nothing answers on (the discard port): whatever a test should not send goes nowhere. */
const NOWHERE = 'http://127.0.0.1:9/api/v1';

/** The real services over `<root>/data` and the real IPC router in front of them, as a window has them. */
export interface RoutedServices {
  /** A fresh folder of the test's own (its real path), removed afterwards with everything in it. */
  root: string;
  dataDir: string;
  services: Services;
  dispatch: Dispatch;
}

export interface RoutedServicesOptions extends ServiceDeps {
  /** Start of the folder's name under the OS temp folder. */
  prefix: string;
  /** Venice's base URL; by default one nothing answers on. */
  apiBaseUrl?: string;
}

/** Opens them with an in-memory key store and no launch maintenance, unless the options say otherwise. */
const openRoutedServices = ({ prefix, apiBaseUrl = NOWHERE, ...deps }: RoutedServicesOptions): RoutedServices => {
  const root = realpathSync(mkdtempSync(join(tmpdir(), prefix)));
  const dataDir = join(root, 'data');
  const services = createServices({ dataDir, apiBaseUrl, keychainService: 'unused' }, { secretStore: memoryStore(), launchMaintenance: false, ...deps });
  return { root, dataDir, services, dispatch: createRouter(buildHandlers({ ...services, apiBaseUrl })) };
};

const closeRoutedServices = async ({ services, root }: RoutedServices): Promise<void> => {
  await services.shutdown();
  rmSync(root, { recursive: true, force: true });
};

/** Fresh routed services for each test of the calling block (or, with `perFile`, one for all of them), handed to `ready`. */
export const eachRoutedServices = (options: RoutedServicesOptions & { perFile?: boolean }, ready: (app: RoutedServices) => void): void => {
  const { perFile = false, ...open } = options;
  let app: RoutedServices | null = null;
  (perFile ? beforeAll : beforeEach)(() => {
    app = openRoutedServices(open);
    ready(app);
  });
  (perFile ? afterAll : afterEach)(async () => {
    if (app) await closeRoutedServices(app);
    app = null;
  });
};

export interface ServicesOverFake extends RoutedServices {
  fake: FakeVenice;
}

export interface OverFakeOptions extends Omit<RoutedServicesOptions, 'apiBaseUrl'> {
  /** The key the fake accepts and the key store holds. */
  key: string;
  /** The fake's other options (its rate limit…). */
  fake?: Omit<FakeVeniceOptions, 'apiKey'>;
}

/** What a route answers, the way the renderer sees it. */
export interface RouteCalls {
  /** The route's data; a refusal is thrown as an Error carrying the AppError's code and details. */
  call<T>(route: string, input: unknown): Promise<T>;
  /** Asks `jobs.list` until the job is done, failed, blocked or cancelled. */
  settled(id: string): Promise<Job>;
}

/** For each test of the calling block: a fake Venice of its own and routed services that use it. */
export const eachServicesOverFake = ({ key, fake: fakeOptions, ...options }: OverFakeOptions, ready: (app: ServicesOverFake) => void): RouteCalls => {
  let app: ServicesOverFake | null = null;
  beforeEach(async () => {
    const fake = await startFakeVenice({ ...fakeOptions, apiKey: key });
    app = { ...openRoutedServices({ secretStore: memoryStore(key), ...options, apiBaseUrl: fake.url }), fake };
    ready(app);
  });
  afterEach(async () => {
    if (app) await closeRoutedServices(app);
    await app?.fake.close();
    app = null;
  });
  const ctx = inertContext();
  const call = async <T>(route: string, input: unknown): Promise<T> => {
    if (!app) throw new Error('routes answer only inside a test');
    const result = await app.dispatch(route, input, ctx);
    if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code, details: result.error.details });
    return result.data as T;
  };
  const settled = async (id: string): Promise<Job> => {
    for (;;) {
      const { jobs } = await call<{ jobs: Job[] }>('jobs.list', {});
      const job = jobs.find((j) => j.id === id);
      if (job && ['done', 'failed', 'blocked', 'cancelled'].includes(job.status)) return job;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };
  return { call, settled };
};
