import type { CliContext } from '../context.ts';
import type { IterateArgs } from '../iterate/iterateArgs.ts';
import { runIterate } from '../iterate/runIterate.ts';

/** `lagoon combine BASE IMAGE… --prompt TEXT`: images combined in the order given (POST /image/multi-edit). */
export const combineCommand = (ctx: CliContext, command: IterateArgs): Promise<number> => runIterate(ctx, command);
