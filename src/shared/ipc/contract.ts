import type { z } from 'zod';
import type { Result } from '../errors.ts';
import { catalogRoutes, zAccountStatus } from './schemas/catalog.ts';
import { connectionRoutes } from './schemas/connection.ts';
import { familyRoutes } from './schemas/family.ts';
import { imagesRoutes, zImagesChanged } from './schemas/images.ts';
import { iterateRoutes } from './schemas/iterate.ts';
import { jobsRoutes, zJobsChanged } from './schemas/jobs.ts';
import { libraryRoutes, zLibraryHealth, zTransferProgress } from './schemas/library.ts';
import { queueViewRoutes } from './schemas/queueView.ts';
import { settingsRoutes } from './schemas/settings.ts';

/** Every IPC route, declared once. Main parses inputs against these; types on both sides derive from them. */
export const routes = {
  ...settingsRoutes,
  ...connectionRoutes,
  ...imagesRoutes,
  ...jobsRoutes,
  ...queueViewRoutes,
  ...catalogRoutes,
  ...libraryRoutes,
  ...iterateRoutes,
  ...familyRoutes,
};

/** Events main pushes to the renderer (typed, not parsed: they come from the trusted side). */
export const events = {
  'images.changed': zImagesChanged,
  'jobs.changed': zJobsChanged,
  'account.changed': zAccountStatus,
  'transfer.progress': zTransferProgress,
  'library.health': zLibraryHealth,
};

type Routes = typeof routes;
export type RouteName = keyof Routes;
export type RouteInput<R extends RouteName> = z.input<Routes[R]['input']>;
type ParsedInput<R extends RouteName> = z.output<Routes[R]['input']>;
export type RouteOutput<R extends RouteName> = z.output<Routes[R]['output']>;
export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

/** A handler per route, no more and no fewer: a missing or extra one fails the type check. */
export type Handlers<Ctx> = {
  [R in RouteName]: (input: ParsedInput<R>, ctx: Ctx) => Promise<RouteOutput<R>>;
};

/** What the preload puts on `window.api` (and the e2e bridge imitates). */
export interface LagoonApi {
  request<R extends RouteName>(route: R, input: RouteInput<R>): Promise<Result<RouteOutput<R>>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

export const isRouteName = (name: unknown): name is RouteName =>
  typeof name === 'string' && Object.hasOwn(routes, name);
