import type { AppErrorPayload } from '../../shared/errors.ts';
import { exportImages } from '../../main/core/transfer/exportImages.ts';
import { templateParts } from '../../main/core/transfer/exportSource.ts';
import { exportZip } from '../../main/core/transfer/exportZip.ts';
import type { CliContext } from '../context.ts';
import { EXIT_OK, exitCodeFor } from '../exitCodes.ts';
import { idsWithStdin } from '../stdinInput.ts';
import type { ExportArgs } from '../transferArgs.ts';

/** An id's failure names the id, so a script (or a person) knows which one to look at. */
const failureFor = (id: string, error: AppErrorPayload): AppErrorPayload => ({ code: error.code, message: `${id}: ${error.message}` });

/**
 * The app's own export (same names, metadata and sidecars), into a folder or one zip. A failing id is reported
 * and the others still go out; the first failure decides the exit code. It calls the exporters directly rather
 * than the transfer service because a script needs to know each file's name, which the service only counts.
 * Ctrl-C stops between images: exported files stay whole, and an unfinished zip is removed (main sets the code).
 */
export async function exportCommand(ctx: CliContext, args: ExportArgs): Promise<number> {
  const command = { ...args, ids: await idsWithStdin(args.ids, ctx.stdin) };
  const choices = {
    stripMetadata: command.stripMetadata,
    sidecar: command.sidecar,
    ...(command.template !== null ? { template: command.template } : {}),
  };
  // An unknown template field is bad input (exit 2): refused before the library is opened or anything is written.
  templateParts(choices);
  const services = ctx.services();
  const deps = { library: services.library, dataDir: services.dataDir };
  const progress = ctx.out.progress(`Exporting ${command.ids.length} image${command.ids.length === 1 ? '' : 's'}`);
  let firstFailure: AppErrorPayload | null = null;
  const fail = (id: string, error: AppErrorPayload): void => {
    firstFailure ??= error;
    ctx.out.failure(failureFor(id, error));
  };
  const { signal } = ctx.interrupt;
  try {
    if (command.zip !== null) {
      const zip = await ctx.interrupt.graceful(() => exportZip(deps, command.ids, { ...choices, zipPath: command.zip ?? '', signal }));
      progress.done();
      for (const item of zip.items) {
        if ('error' in item) fail(item.id, item.error);
        else ctx.out.emit({ id: item.id, zip: zip.file, entry: item.entry, ...(item.sidecar ? { sidecar: item.sidecar } : {}) }, () => item.entry);
      }
      if (zip.file !== null) ctx.out.note(`Wrote ${zip.file}`);
    } else {
      const results = await ctx.interrupt.graceful(() => exportImages(deps, command.ids, { ...choices, targetDir: command.dir ?? '', signal }));
      progress.done();
      for (const item of results) {
        if ('error' in item) fail(item.id, item.error);
        else ctx.out.emit({ id: item.id, file: item.file, ...(item.sidecar ? { sidecar: item.sidecar } : {}) }, () => [item.file, ...(item.sidecar ? [item.sidecar] : [])].join('\n'));
      }
      if (signal.aborted) ctx.out.note(`lagoon: stopped: ${results.length} of ${command.ids.length} exported; the rest were not.`);
    }
  } catch (error) {
    progress.done();
    throw error;
  }
  return firstFailure === null ? EXIT_OK : exitCodeFor((firstFailure as AppErrorPayload).code);
}
