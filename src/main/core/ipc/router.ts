import { z } from 'zod';
import { AppError, type AppErrorPayload, type Result } from '../../../shared/errors.ts';
import { type Handlers, isRouteName, routes } from '../../../shared/ipc/contract.ts';
import { redact } from '../log.ts';

/** What a handler may ask of the process that carried the request (Electron's webContents, or the e2e bridge). */
export interface RequestContext {
  /** Starts a native drag of a library file; only ever called with paths main resolved itself. */
  startDrag(files: { file: string; icon: string }): void;
}

export type Dispatch = (route: unknown, input: unknown, ctx: RequestContext) => Promise<Result<unknown>>;

const fail = (error: AppErrorPayload): Result<never> => ({ ok: false, error });

/**
 * The one entry for every request, after the transport checked the sender: it validates the input against the
 * route's schema, runs the handler and returns an envelope. Nothing thrown ever crosses the boundary, because
 * Electron keeps only an exception's message and the UI must branch on a code.
 */
export const createRouter = (handlers: Handlers<RequestContext>, log: (line: string) => void = console.error): Dispatch => {
  return async (route, input, ctx) => {
    if (!isRouteName(route)) return fail({ code: 'UNKNOWN_ROUTE', message: 'Unknown request.' });
    const parsed = routes[route].input.safeParse(input);
    if (!parsed.success) {
      return fail({ code: 'INVALID_INPUT', message: 'The request was not valid.', details: z.flattenError(parsed.error as z.ZodError) });
    }
    try {
      const handler = handlers[route] as (input: unknown, ctx: RequestContext) => Promise<unknown>;
      return { ok: true, data: await handler(parsed.data, ctx) };
    } catch (error) {
      if (error instanceof AppError) return fail(error.toPayload());
      log(`[router] ${route} failed: ${redact(error)}`);
      return fail({ code: 'INTERNAL', message: 'Something went wrong inside Lagoon. Please try again.' });
    }
  };
};
