import type { AppErrorPayload, ErrorCode } from '../../shared/errors.ts';
import type { EventName, EventPayload, RouteInput, RouteName, RouteOutput } from '../../shared/ipc/contract.ts';

/** A failed request, rethrown on this side of the bridge so components can `catch` and branch on `code`. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;
  constructor(payload: AppErrorPayload) {
    super(payload.message);
    this.name = 'ApiError';
    this.code = payload.code;
    this.details = payload.details;
  }
}

/** Calls a route and returns its data, or throws an `ApiError`; a broken bridge becomes `INTERNAL`, never a raw exception. */
export const call = async <R extends RouteName>(route: R, input: RouteInput<R>): Promise<RouteOutput<R>> => {
  let result: Awaited<ReturnType<typeof window.api.request<R>>>;
  try {
    result = await window.api.request(route, input);
  } catch (e) {
    throw new ApiError({ code: 'INTERNAL', message: e instanceof Error ? e.message : String(e) });
  }
  if (result.ok) return result.data;
  throw new ApiError(result.error);
};

export const subscribe = <E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): (() => void) =>
  window.api.on(event, listener);

/** Anything thrown that is not an `ApiError` is a bug on our side: show it as INTERNAL. */
export const toApiError = (e: unknown): ApiError =>
  e instanceof ApiError ? e : new ApiError({ code: 'INTERNAL', message: e instanceof Error ? e.message : String(e) });
