import { lstatSync } from 'node:fs';
import { AppError, type AppErrorPayload } from '../../shared/errors.ts';
import type { CliContext } from '../context.ts';
import { EXIT_OK, exitCodeFor } from '../exitCodes.ts';
import { toCliImage } from '../imageRecord.ts';
import { printable } from '../output.ts';

const exists = (path: string): boolean => {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
};

/**
 * The app's import (PNG, JPEG and WebP files, folders recursively, duplicates skipped, a trashed duplicate brought
 * back). The service reports imported images only as events, so the run listens for them to print each one.
 */
export async function importCommand(ctx: CliContext, command: { paths: string[] }): Promise<number> {
  const missing = command.paths.filter((path) => !exists(path));
  const failures: AppErrorPayload[] = missing.map((path) => new AppError('NOT_FOUND', `${printable(path)}: there is no such file or folder.`).toPayload());
  const present = command.paths.filter((path) => !missing.includes(path));
  const services = ctx.services();
  const added: string[] = [];
  let duplicates = 0;
  let notImages = 0;
  if (present.length > 0) {
    const stop = services.events.subscribe((name, payload) => {
      if (name === 'images.changed' && (payload as { reason: string }).reason === 'added') added.push(...(payload as { ids: string[] }).ids);
    });
    const progress = ctx.out.progress('Importing');
    try {
      const result = await services.transfer.importPaths(present);
      duplicates = result.duplicates;
      notImages = result.skipped - result.duplicates;
      // The service words these for a person and does not keep a code: none of them is bad input, all are about a file.
      for (const f of result.failed) failures.push({ code: 'STORAGE_FAILED', message: `${printable(f.name ?? f.id ?? 'a file')}: ${f.message}` });
    } finally {
      progress.done();
      stop();
    }
  }
  for (const id of added) {
    const summary = services.library.get(id);
    if (!summary) continue;
    const image = toCliImage(services, summary);
    ctx.out.emit(image, () => `Imported ${image.file ?? image.id}`);
  }
  for (const failure of failures) ctx.out.failure(failure);
  const line = `Imported ${added.length}, already in the library ${duplicates}, not an image (skipped) ${notImages}, failed ${failures.length}.`;
  if (ctx.out.json) ctx.out.note(line);
  else ctx.out.text(line);
  return failures.length === 0 ? EXIT_OK : exitCodeFor(failures[0]!.code);
}
