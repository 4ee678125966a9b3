import type { CliContext } from '../context.ts';
import type { IterateArgs } from '../iterate/iterateArgs.ts';
import { runIterate } from '../iterate/runIterate.ts';

/** `lagoon remove-background IMAGE`: a PNG with the background transparent (POST /image/background-remove). */
export const removeBackgroundCommand = (ctx: CliContext, command: IterateArgs): Promise<number> => runIterate(ctx, command);
