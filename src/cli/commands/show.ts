import { AppError } from '../../shared/errors.ts';
import type { CliContext } from '../context.ts';
import { EXIT_OK } from '../exitCodes.ts';
import { type CliImageDetail, toCliImageDetail } from '../imageRecord.ts';
import { printable } from '../output.ts';

const describe = (image: CliImageDetail): string =>
  [
    ['id', image.id],
    ['created', new Date(image.createdAt).toISOString()],
    ['file', image.file ?? '(missing)'],
    ['thumbnail', image.thumbnail ?? '(missing)'],
    ['prompt', printable(image.prompt)],
    ['model', printable(image.model)],
    ['size', `${image.width}x${image.height}`],
    ['format', image.format],
    ['bytes', String(image.byteSize)],
    ['sha256', image.sha256],
    ['flags', image.flags.join(', ') || 'none'],
    ['endpoint', image.endpoint],
    ['request', printable(JSON.stringify(image.request))],
  ]
    .map(([label, value]) => `${(label ?? '').padEnd(10)}${value ?? ''}`)
    .join('\n');

export function showCommand(ctx: CliContext, command: { id: string }): number {
  const services = ctx.services();
  const detail = services.library.get(command.id);
  if (!detail) throw new AppError('NOT_FOUND', `There is no image ${command.id} in the library in ${ctx.dataDir}.`);
  const image = toCliImageDetail(services, detail);
  ctx.out.emit(image, () => describe(image));
  return EXIT_OK;
}
