import { lstatSync } from 'node:fs';
import { AppError, type AppErrorPayload } from '../../shared/errors.ts';
import type { CliContext } from '../context.ts';
import { EXIT_OK, exitCodeFor } from '../exitCodes.ts';
import { progressMode } from '../generate/progress.ts';
import { showImportProgress } from '../importProgress.ts';
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
 * Ctrl-C (or SIGTERM, SIGHUP) cancels: no new file is begun, what was imported stays and is printed.
 */
export async function importCommand(ctx: CliContext, command: { paths: string[]; progress?: 'plain' | 'none' | undefined }): Promise<number> {
  const missing = command.paths.filter((path) => !exists(path));
  const failures: AppErrorPayload[] = missing.map((path) => new AppError('NOT_FOUND', `${printable(path)}: there is no such file or folder.`).toPayload());
  const present = command.paths.filter((path) => !missing.includes(path));
  const services = ctx.services();
  const added: string[] = [];
  let duplicates = 0;
  let notImages = 0;
  let notStarted = 0;
  if (present.length > 0) {
    const stop = services.events.subscribe((name, payload) => {
      if (name === 'images.changed' && (payload as { reason: string }).reason === 'added') added.push(...(payload as { ids: string[] }).ids);
    });
    const progress = showImportProgress(progressMode(command.progress, ctx, ctx.env), services.events, ctx.stderr);
    const { signal } = ctx.interrupt;
    const cancel = (): void => void services.transfer.cancelImport();
    signal.addEventListener('abort', cancel);
    try {
      const result = await ctx.interrupt.graceful(() => services.transfer.importPaths(present));
      duplicates = result.duplicates;
      notStarted = result.notStarted;
      notImages = result.skipped - result.duplicates;
      // The service words these for a person and does not keep a code: none of them is bad input, all are about a file.
      for (const f of result.failed) failures.push({ code: 'STORAGE_FAILED', message: `${printable(f.name ?? f.id ?? 'a file')}: ${f.message}` });
    } finally {
      signal.removeEventListener('abort', cancel);
      progress.stop();
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
  const stopped = notStarted > 0 ? ` Stopped: ${notStarted} not started (what was imported stays).` : '';
  const line = `Imported ${added.length}, already in the library ${duplicates}, not an image (skipped) ${notImages}, failed ${failures.length}.${stopped}`;
  if (ctx.out.json) ctx.out.note(line);
  else ctx.out.text(line);
  return failures.length === 0 ? EXIT_OK : exitCodeFor(failures[0]!.code);
}
