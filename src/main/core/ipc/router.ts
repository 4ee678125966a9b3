import { z } from 'zod';
import { AppError, type AppErrorPayload, type Result } from '../../../shared/errors.ts';
import { type Handlers, isRouteName, routes } from '../../../shared/ipc/contract.ts';
import type { ImportPick } from '../../../shared/ipc/schemas/library.ts';
import { redact } from '../log.ts';

/**
 * What a handler may ask of the process that carried the request (Electron's webContents and OS dialogs, or the
 * e2e bridge). Every path here is one main resolved itself or one the user picked in an OS dialog.
 */
export interface RequestContext {
  /** Starts a native drag of library files (several on macOS/Windows), with a thumbnail as the drag icon. */
  startDrag(drag: { files: string[]; icon: string }): void;
  /** Asks the user for an export folder; null when they cancel. */
  chooseExportFolder(): Promise<string | null>;
  /** Asks the user where to save a zip (suggesting a name); null when they cancel. */
  chooseZipPath(suggestedName: string): Promise<string | null>;
  /** Asks the user for files and/or folders to import; empty when they cancel. */
  chooseImportSources(pick: ImportPick): Promise<string[]>;
  revealFile(path: string): void;
  copyImage(path: string): void;
  copyText(text: string): void;
}

export type Dispatch = (route: unknown, input: unknown, ctx: RequestContext) => Promise<Result<unknown>>;

const fail = (error: AppErrorPayload): Result<never> => ({ ok: false, error });

export interface RouterOptions {
  /**
   * Parses every answer against its route's output schema and fails the request when it does not match. On in the
   * tests (vitest sets LAGOON_CHECK_OUTPUTS=1), off in the app: there a mismatch would turn a good answer into an
   * error for the user, and the renderer is the trusted side's own code.
   */
  checkOutputs?: boolean;
}

/** Where an answer breaks its schema: the paths and what was expected, never the values (they may hold prompts). */
const outputMismatch = (route: string, error: z.ZodError): string =>
  `[router] ${route} answered outside its schema: ${error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.code}`).join('; ')}`;

/**
 * The one entry for every request, after the transport checked the sender: it validates the input against the
 * route's schema, runs the handler and returns an envelope. Nothing thrown ever crosses the boundary, because
 * Electron keeps only an exception's message and the UI must branch on a code.
 */
export const createRouter = (
  handlers: Handlers<RequestContext>,
  log: (line: string) => void = console.error,
  { checkOutputs = process.env.LAGOON_CHECK_OUTPUTS === '1' }: RouterOptions = {},
): Dispatch => {
  return async (route, input, ctx) => {
    if (!isRouteName(route)) return fail({ code: 'UNKNOWN_ROUTE', message: 'Unknown request.' });
    const parsed = routes[route].input.safeParse(input);
    if (!parsed.success) {
      return fail({ code: 'INVALID_INPUT', message: 'The request was not valid.', details: z.flattenError(parsed.error as z.ZodError) });
    }
    try {
      const handler = handlers[route] as (input: unknown, ctx: RequestContext) => Promise<unknown>;
      const data = await handler(parsed.data, ctx);
      if (checkOutputs) {
        const checked = routes[route].output.safeParse(data);
        if (!checked.success) {
          log(outputMismatch(route, checked.error as z.ZodError));
          return fail({ code: 'INTERNAL', message: `The answer to ${route} did not match its schema.` });
        }
      }
      return { ok: true, data };
    } catch (error) {
      if (error instanceof AppError) return fail(error.toPayload());
      log(`[router] ${route} failed: ${redact(error)}`);
      return fail({ code: 'INTERNAL', message: 'Something went wrong inside Lagoon. Please try again.' });
    }
  };
};
