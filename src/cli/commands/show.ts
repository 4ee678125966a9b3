import { AppError } from '../../shared/errors.ts';
import { readLineage } from '../../main/core/iterate/lineageStore.ts';
import type { CliContext } from '../context.ts';
import { EXIT_OK } from '../exitCodes.ts';
import { type CliImageDetail, toCliImageDetail } from '../imageRecord.ts';
import { printable } from '../output.ts';

/** An image's family as `show` prints it: parents in order (a deleted one keeps its sha256), children by id. */
interface ShownImage extends CliImageDetail {
  parents: Array<{ id: string | null; role: string; operation: string; sha256: string; state: string }>;
  children: string[];
  enhancedPrompt: string | null;
}

const parentLabel = (p: ShownImage['parents'][number]): string => {
  const who = p.id ?? 'a file';
  const note = p.state === 'deleted' ? ` (an image you deleted, sha256 ${p.sha256})` : p.state === 'trashed' ? ' (in the trash)' : '';
  return `${who} [${p.role}, ${p.operation}]${note}`;
};

const describe = (image: ShownImage): string =>
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
    ['rating', image.rating > 0 ? `${image.rating} of 5` : 'not rated'],
    ['favorite', image.favorite ? 'yes' : 'no'],
    ['tags', image.tags.map(printable).join(', ') || 'none'],
    ['endpoint', image.endpoint],
    ['request', printable(JSON.stringify(image.request))],
    ...(image.parents.length > 0 ? [['made from', image.parents.map(parentLabel).join(', ')]] : []),
    ...(image.children.length > 0 ? [['versions', image.children.join(', ')]] : []),
  ]
    .map(([label, value]) => `${(label ?? '').padEnd(10)}${value ?? ''}`)
    .join('\n');

export function showCommand(ctx: CliContext, command: { id: string }): number {
  const source = ctx.library();
  const detail = source.library.get(command.id);
  if (!detail) throw new AppError('NOT_FOUND', `There is no image ${command.id} in the library in ${ctx.dataDir}.`);
  const lineage = readLineage(source.db, detail.id);
  const image: ShownImage = {
    ...toCliImageDetail(source, detail),
    parents: lineage.parents.map((p) => ({ id: p.id, role: p.role, operation: p.operation, sha256: p.sha256, state: p.state })),
    children: lineage.children,
    enhancedPrompt: lineage.enhancedPrompt,
  };
  ctx.out.emit(image, () => describe(image));
  return EXIT_OK;
}
