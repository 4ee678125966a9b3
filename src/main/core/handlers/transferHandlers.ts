import type { Handlers } from '../../../shared/ipc/contract.ts';
import type { RequestContext } from '../ipc/router.ts';
import { notChosen, type Transfer } from '../transfer/transferService.ts';

type TransferRoutes = 'images.export' | 'images.import' | 'images.import_cancel' | 'images.import_file';

/** "lagoon-export-2025-03-04.zip" (the user's local date): the name offered in the save dialog; they may change it. */
const zipSuggestion = (now: Date): string =>
  `lagoon-export-${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}.zip`;

/**
 * Export and import. Where to export to and what to import is asked through the OS dialog by main (the
 * RequestContext), never taken from the page; closing the dialog does nothing and says so (`chosen: false`).
 */
export const transferHandlers = (deps: { transfer: Transfer }): Pick<Handlers<RequestContext>, TransferRoutes> => ({
  'images.export': async ({ ids, options }, ctx) => {
    const request = { template: options.template, stripMetadata: options.stripMetadata, sidecar: options.sidecar };
    deps.transfer.validateExport(request);
    if (options.zip) {
      const zipPath = await ctx.chooseZipPath(zipSuggestion(new Date()));
      return zipPath ? deps.transfer.exportTo(ids, request, { zipPath }) : notChosen();
    }
    const dir = await ctx.chooseExportFolder();
    return dir ? deps.transfer.exportTo(ids, request, { dir }) : notChosen();
  },
  'images.import': async ({ pick }, ctx) => {
    const paths = await ctx.chooseImportSources(pick);
    return paths.length > 0 ? deps.transfer.importPaths(paths) : notChosen();
  },
  'images.import_cancel': async () => ({ cancelled: deps.transfer.cancelImport() }),
  'images.import_file': async ({ name, bytes }) => deps.transfer.importFile(name, bytes),
});
