import { AppError } from '../../shared/errors.ts';
import { catalogAvailable, loadCatalog, unavailableReason } from '../catalogView.ts';
import type { CliContext } from '../context.ts';
import { EXIT_OK } from '../exitCodes.ts';
import { MODEL_COLUMNS, modelRow, toCliModel } from '../modelRecord.ts';
import { printable } from '../output.ts';
import { alignedTable } from '../table.ts';

const utc = (ms: number): string => `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/**
 * Venice's image models from the library's saved copy, fetched first when it is missing or a day old (or with
 * --refresh). A failed fetch still shows the saved copy, with a warning; with --refresh, or with no copy at all,
 * the failure is the answer.
 */
export async function modelsCommand(ctx: CliContext, command: { refresh: boolean; styles: boolean }): Promise<number> {
  const services = ctx.services();
  const view = await loadCatalog(services.catalog, command.refresh ? 'force' : 'if-stale');
  const { catalog, failure } = view;
  if (failure && (command.refresh || !catalogAvailable(view))) {
    const saved = catalogAvailable(view) ? ' The saved list is unchanged; "lagoon models" without --refresh shows it.' : '';
    throw new AppError(failure.code, `${failure.message}${saved}`);
  }
  if (!catalogAvailable(view)) throw new AppError('INVALID_RESPONSE', 'Venice listed no image models. Try again later.');
  if (failure) {
    const when = catalog.fetchedAt === null ? '' : ` from ${utc(catalog.fetchedAt)}`;
    ctx.out.note(`lagoon: warning: showing the saved model list${when}; ${unavailableReason(view)}.`);
  }

  if (command.styles) {
    for (const style of catalog.styles) ctx.out.emit({ style }, () => printable(style));
    return EXIT_OK;
  }
  const models = catalog.models.map((model) => toCliModel(model, catalog.traits.default));
  const table = alignedTable(MODEL_COLUMNS, models.map(modelRow));
  ctx.out.text(table[0] ?? '');
  for (const [index, model] of models.entries()) ctx.out.emit(model, () => table[index + 1] ?? '');
  ctx.out.text('');
  ctx.out.text('* marks the default. USD/IMAGE is at the default settings (the range over resolutions and qualities in brackets).');
  ctx.out.text('Use an ID with: lagoon generate --model ID …; --style takes a name from "lagoon models --styles".');
  if (catalog.fetchedAt !== null && !ctx.out.json) ctx.out.note(`Model list from Venice as of ${utc(catalog.fetchedAt)}.`);
  return EXIT_OK;
}
