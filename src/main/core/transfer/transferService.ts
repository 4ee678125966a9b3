import type { Database } from 'better-sqlite3';
import { AppError } from '../../../shared/errors.ts';
import type { TransferResult } from '../../../shared/ipc/schemas/library.ts';
import type { EventBus } from '../events/eventBus.ts';
import type { Library } from '../library/library.ts';
import type { Trash } from '../library/trash.ts';
import type { PlaceHooks } from './exclusiveFile.ts';
import { exportImages } from './exportImages.ts';
import { templateParts } from './exportSource.ts';
import { exportZip } from './exportZip.ts';
import { importBytes, type ImportOutcome, importPaths, type SkipReason } from './importFiles.ts';
import { createInspector } from './inspector.ts';
import { createInspectorPool } from './inspectorPool.ts';
import { progressReporter } from './transferProgress.ts';

/** Where an export goes: a folder, or one zip file; both chosen by the user in an OS dialog, never by the page. */
type ExportTarget = { dir: string } | { zipPath: string };

interface ExportRequest {
  template?: string | undefined;
  stripMetadata: boolean;
  sidecar: boolean;
}

export interface TransferDeps {
  db: Database;
  library: Library;
  dataDir: string;
  events: EventBus;
  /** Importing a file whose image is in the trash brings that image back. */
  trash: Pick<Trash, 'restore'>;
  now?: () => number;
  /** Crash-test seams of the export's file protocol. */
  hooks?: PlaceHooks;
  /** At most one progress event per interval (the first and the last always go out). */
  progressIntervalMs?: number;
  /** inspectWorker.ts as built (or its source): imported files are parsed there, off the main thread. */
  inspectWorkerPath?: string;
}

export interface Transfer {
  /** Checks the options before anyone is asked where to export to (an unknown template field fails here). */
  validateExport(request: ExportRequest): void;
  exportTo(ids: readonly string[], request: ExportRequest, target: ExportTarget): Promise<TransferResult>;
  importPaths(paths: readonly string[]): Promise<TransferResult>;
  /** Stops the running import after the files already begun; false when none is running. */
  cancelImport(): boolean;
  importFile(name: string, bytes: Uint8Array): Promise<TransferResult>;
  /**
   * One file the user chose as an input of an edit: imported like a dropped file, answered with the library id it
   * has now (a new image, or the one already there with the same picture). A file that cannot be imported throws.
   */
  importInput(name: string, bytes: Uint8Array): Promise<{ id: string; added: boolean }>;
}

const PROGRESS_INTERVAL_MS = 100;

/** Nothing chosen, nothing done: what the handlers return when the user closes the dialog. */
export const notChosen = (): TransferResult => ({ chosen: false, done: 0, skipped: 0, duplicates: 0, failed: [], cancelled: false, notStarted: 0 });

const fileNameOf = (path: string): string => path.split(/[/\\]/u).at(-1) || path;

const SKIP_MESSAGES: Readonly<Record<SkipReason, string>> = {
  duplicate: 'Already in the library.',
  'not-an-image': 'Not a PNG, JPEG or WebP image.',
  symlink: 'A link, not a file: links are not followed.',
  'not-found': 'The file is no longer there.',
  'not-a-file': 'Not a regular file.',
  unreadable: 'The file could not be read.',
  'too-large': 'The file is too large to import.',
  damaged: 'The file is damaged (its structure is broken), so it was not imported: it could not be exported again.',
  'over-budget': 'Reading its metadata took too long or too much memory, so it was skipped.',
};
const TOLD_FOR_CHOSEN: ReadonlySet<SkipReason> = new Set(['not-found', 'not-a-file', 'unreadable', 'too-large', 'damaged', 'over-budget']);
const TOLD_FOR_ONE_FILE: ReadonlySet<SkipReason> = new Set([...TOLD_FOR_CHOSEN, 'not-an-image']);

/**
 * Skips the user should hear about (a file they chose that could not be read) are listed as failures; expected
 * ones (duplicates, a folder's other files, links inside folders) are only counted.
 */
const importResult = (items: readonly ImportOutcome[], told: ReadonlySet<SkipReason>, notStarted = 0): TransferResult => {
  const result: TransferResult = { chosen: true, done: 0, skipped: 0, duplicates: 0, failed: [], cancelled: notStarted > 0, notStarted };
  for (const o of items) {
    if (o.status === 'imported') result.done++;
    else if (o.status === 'failed') result.failed.push({ id: null, name: fileNameOf(o.path), message: o.error.message });
    else if (told.has(o.reason)) result.failed.push({ id: null, name: fileNameOf(o.path), message: SKIP_MESSAGES[o.reason] });
    else {
      result.skipped++;
      if (o.reason === 'duplicate') result.duplicates++;
    }
  }
  return result;
};

/** Imported ids reach the grid in batches, as the progress does, not one event per file. */
const createAddedReporter = (events: TransferDeps['events'], now: () => number, interval: number) => {
  let pending: string[] = [];
  let last = now();
  const flush = (): void => {
    last = now();
    if (pending.length === 0) return;
    events.emit('images.changed', { reason: 'added', ids: pending });
    pending = [];
  };
  return {
    add(outcome: ImportOutcome, force = false) {
      if (outcome.status === 'imported') pending.push(outcome.id);
      if (pending.length > 0 && (force || now() - last >= interval)) flush();
    },
    flush,
  };
};

/** Exports the chosen images (each once) to a folder or a zip, reporting progress; failures are listed, not thrown. */
const exportChosen = async (
  exportDeps: Parameters<typeof exportImages>[0],
  ids: readonly string[],
  request: Parameters<Transfer['exportTo']>[1],
  target: Parameters<Transfer['exportTo']>[2],
  report: (done: number, total: number) => void,
) => {
  const unique = [...new Set(ids)];
  report(0, unique.length);
  const onProgress = ({ done, total }: { done: number; total: number }) => report(done, total);
  const options = { stripMetadata: request.stripMetadata, sidecar: request.sidecar, ...(request.template ? { template: request.template } : {}) };
  const base = { chosen: true, skipped: ids.length - unique.length, duplicates: 0, cancelled: false, notStarted: 0 };
  if ('zipPath' in target) {
    const zip = await exportZip(exportDeps, unique, { ...options, zipPath: target.zipPath }, onProgress);
    const failed = zip.items.flatMap((r) => ('error' in r ? [{ id: r.id, name: null, message: r.error.message }] : []));
    return { ...base, done: zip.file === null ? 0 : zip.items.length - failed.length, failed };
  }
  const results = await exportImages(exportDeps, unique, { ...options, targetDir: target.dir }, onProgress);
  const failed = results.flatMap((r) => ('error' in r ? [{ id: r.id, name: null, message: r.error.message }] : []));
  return { ...base, done: results.length - failed.length, failed };
};

export function createTransfer(deps: TransferDeps): Transfer {
  const now = deps.now ?? Date.now;
  const interval = deps.progressIntervalMs ?? PROGRESS_INTERVAL_MS;
  const exportDeps = { library: deps.library, dataDir: deps.dataDir, ...(deps.hooks ? { hooks: deps.hooks } : {}) };
  const inspectorOptions = deps.inspectWorkerPath ? { workerPath: deps.inspectWorkerPath } : {};

  const progress = (operation: 'export' | 'import') => progressReporter(deps.events, now, interval, operation);
  /** The running import's cancel switch (one import at a time: the window runs them one after another). */
  let running: AbortController | null = null;

  /** A duplicate of an image in the trash is the user asking for it back. */
  const restoreTrashedDuplicates = (items: readonly ImportOutcome[]): void => {
    const ids = items.flatMap((o) => (o.status === 'skipped' && o.reason === 'duplicate' && o.existingId ? [o.existingId] : []));
    if (ids.length > 0) deps.trash.restore(ids);
  };

  const importOneFile = async (name: string, bytes: Uint8Array): Promise<ImportOutcome> => {
    const report = progress('import');
    report(0, 1);
    const inspector = createInspector(inspectorOptions);
    const outcome = await importBytes({ db: deps.db, library: deps.library, now, inspector }, name, bytes).finally(() => inspector.close());
    report(1, 1);
    if (outcome.status === 'imported') deps.events.emit('images.changed', { reason: 'added', ids: [outcome.id] });
    restoreTrashedDuplicates([outcome]);
    return outcome;
  };

  return {
    validateExport(request) {
      templateParts(request);
    },

    exportTo: (ids, request, target) => exportChosen(exportDeps, ids, request, target, progress('export')),

    async importPaths(paths) {
      const report = progress('import');
      const added = createAddedReporter(deps.events, now, interval);
      const inspector = createInspectorPool(inspectorOptions);
      const controller = new AbortController();
      running = controller;
      const importDeps = { db: deps.db, library: deps.library, now, inspector, signal: controller.signal };
      const summary = await importPaths(importDeps, paths, ({ done, total, outcome }) => {
        report(done, total);
        added.add(outcome);
      }).finally(() => {
        if (running === controller) running = null;
        return inspector.close();
      });
      added.flush();
      restoreTrashedDuplicates(summary.items);
      if (summary.items.length === 0) report(0, 0);
      return importResult(summary.items, TOLD_FOR_CHOSEN, summary.notStarted);
    },

    cancelImport() {
      if (!running || running.signal.aborted) return false;
      running.abort();
      return true;
    },

    async importFile(name, bytes) {
      return importResult([await importOneFile(name, bytes)], TOLD_FOR_ONE_FILE);
    },

    async importInput(name, bytes) {
      const outcome = await importOneFile(name, bytes);
      if (outcome.status === 'imported') return { id: outcome.id, added: true };
      if (outcome.status === 'skipped' && outcome.reason === 'duplicate' && outcome.existingId) return { id: outcome.existingId, added: false };
      const message = outcome.status === 'failed' ? outcome.error.message : SKIP_MESSAGES[outcome.reason];
      const problem = outcome.status === 'skipped' && outcome.reason === 'not-an-image' ? 'not_an_image' : 'not_imported';
      throw new AppError('INVALID_INPUT', `${name}: ${message} Nothing was sent.`, { problem, input: name, attempts: 0, mayHaveBeenCharged: false });
    },
  };
}
