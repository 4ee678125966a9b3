import type { CliContext } from '../context.ts';
import type { IterateArgs } from '../iterate/iterateArgs.ts';
import { runIterate } from '../iterate/runIterate.ts';

/** `lagoon upscale IMAGE [--scale 2|4]`: 2× or 4×, told first when Venice will make less (POST /image/upscale). */
export const upscaleCommand = (ctx: CliContext, command: IterateArgs): Promise<number> => runIterate(ctx, command);
