import type { CliContext } from '../context.ts';
import type { IterateArgs } from '../iterate/iterateArgs.ts';
import { runIterate } from '../iterate/runIterate.ts';

/** `lagoon edit IMAGE --prompt TEXT`: one image changed by a prompt (POST /image/edit). */
export const editCommand = (ctx: CliContext, command: IterateArgs): Promise<number> => runIterate(ctx, command);
