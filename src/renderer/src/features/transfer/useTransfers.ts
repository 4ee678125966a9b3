import { useCallback, useEffect, useRef, useState } from 'react';
import type { ImportPick, TransferResult } from '../../../../shared/ipc/schemas/library.ts';
import { type ApiError, call, subscribe, toApiError } from '../../api.ts';
import { MAX_IMPORT_FILE_BYTES } from './droppedFiles.ts';
import { cutUnits } from '../../lib/text.ts';
import { transferRate } from '../../../../shared/transferRate.ts';

type TransferOperation = 'export' | 'import';

interface TransferProgress {
  operation: TransferOperation;
  done: number;
  total: number;
  perSecond: number | null;
  remainingMs: number | null;
}

interface FailedItem {
  name: string | null;
  /** Main's message (English, for the curious), or a local reason the UI words itself. */
  message: string;
  reason?: 'tooLarge' | 'unreadable';
}

interface TransferOutcome {
  operation: TransferOperation;
  done: number;
  skipped: number;
  /** Dropped files that are not images Lagoon reads. */
  ignored: number;
  failed: FailedItem[];
  /** The user cancelled: what was done stays, these files were never begun. */
  cancelled: boolean;
  notStarted: number;
}

export interface ExportOptions {
  template?: string;
  stripMetadata: boolean;
  sidecar: boolean;
  zip: boolean;
}

export interface Transfers {
  progress: TransferProgress | null;
  outcome: TransferOutcome | null;
  error: ApiError | null;
  busy: boolean;
  /** Cancel was pressed and the files under way are finishing. */
  cancelling: boolean;
  /** 'cancelled': the user closed the OS dialog; nothing happened. */
  exportImages: (ids: readonly string[], options: ExportOptions) => Promise<'done' | 'cancelled' | 'failed'>;
  importFromDialog: (pick: ImportPick) => Promise<void>;
  importFiles: (files: readonly File[], ignored: number) => Promise<void>;
  /** Stops an import: no new file is begun; what was imported stays. */
  cancelImport: () => void;
  dismiss: () => void;
}

const failedOf = (r: TransferResult): FailedItem[] => r.failed.map((f) => ({ name: f.name ?? f.id, message: f.message }));

const importOutcome = (r: TransferResult): TransferOutcome => ({
  operation: 'import',
  done: r.done,
  skipped: r.duplicates,
  ignored: r.skipped - r.duplicates,
  failed: failedOf(r),
  cancelled: r.cancelled,
  notStarted: r.notStarted,
});

const exportOutcome = (r: TransferResult): TransferOutcome => ({
  operation: 'export',
  done: r.done,
  skipped: r.skipped,
  ignored: 0,
  failed: failedOf(r),
  cancelled: false,
  notStarted: 0,
});

/** Sends one dropped file to main and adds what came of it to `total`. */
const importDropped = async (file: File, total: TransferOutcome): Promise<void> => {
  if (file.size === 0 || file.size > MAX_IMPORT_FILE_BYTES) {
    total.failed.push({ name: file.name, message: '', reason: 'tooLarge' });
    return;
  }
  const bytes = await file.arrayBuffer().then((b) => new Uint8Array(b), () => null);
  if (bytes === null) {
    total.failed.push({ name: file.name, message: '', reason: 'unreadable' });
    return;
  }
  try {
    const r = await call('images.import_file', { name: cutUnits(file.name.toWellFormed(), 255) || 'image', bytes });
    total.done += r.done;
    total.skipped += r.duplicates;
    total.ignored += r.skipped - r.duplicates;
    total.failed.push(...failedOf(r).map((f) => ({ ...f, name: f.name ?? file.name })));
  } catch (e) {
    total.failed.push({ name: file.name, message: toApiError(e).message });
  }
};

/** The state of the one transfer at a time: `begin` claims it (false while another runs), `end` lets it go. */
const useTransferRun = () => {
  const [progress, setProgress] = useState<TransferProgress | null>(null);
  const [outcome, setOutcome] = useState<TransferOutcome | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const busyRef = useRef(false);
  const [cancelling, setCancelling] = useState(false);
  /** Dropped files are sent one by one from here: cancel stops the loop. */
  const cancelDropRef = useRef(false);

  // Main's progress counts only while this window runs a transfer (a late event after the end is dropped).
  useEffect(
    () =>
      subscribe('transfer.progress', (p) => {
        if (busyRef.current) setProgress(p);
      }),
    [],
  );

  const begin = useCallback((operation: TransferOperation, total: number): boolean => {
    if (busyRef.current) return false;
    busyRef.current = true;
    setBusy(true);
    setError(null);
    setOutcome(null);
    setCancelling(false);
    cancelDropRef.current = false;
    setProgress({ operation, done: 0, total, perSecond: null, remainingMs: null });
    return true;
  }, []);
  const end = useCallback(() => {
    busyRef.current = false;
    setBusy(false);
    setCancelling(false);
    setProgress(null);
  }, []);

  return { progress, setProgress, outcome, setOutcome, error, setError, busy, busyRef, cancelling, setCancelling, cancelDropRef, begin, end };
};

/**
 * Export and import, one at a time, with progress: main's transfer.progress events for what it runs, a local count
 * for dropped files (sent one by one, so a 2 GB drop never sits in memory at once).
 */
export const useTransfers = (): Transfers => {
  const { progress, setProgress, outcome, setOutcome, error, setError, busy, busyRef, cancelling, setCancelling, cancelDropRef, begin, end } = useTransferRun();

  const exportImages = useCallback(
    async (ids: readonly string[], options: ExportOptions): Promise<'done' | 'cancelled' | 'failed'> => {
      if (!begin('export', ids.length)) return 'failed';
      let result: 'done' | 'cancelled' | 'failed' = 'failed';
      try {
        const r = await call('images.export', { ids: [...ids], options });
        result = r.chosen ? 'done' : 'cancelled';
        if (r.chosen) setOutcome(exportOutcome(r));
      } catch (e) {
        setError(toApiError(e));
      }
      end();
      return result;
    },
    [begin, end, setOutcome, setError],
  );

  const importFromDialog = useCallback(async (pick: ImportPick) => {
    if (!begin('import', 0)) return;
    try {
      const r = await call('images.import', { pick });
      if (r.chosen) setOutcome(importOutcome(r));
    } catch (e) {
      setError(toApiError(e));
    } finally {
      end();
    }
  }, [begin, end, setOutcome, setError]);

  const importFiles = useCallback(async (files: readonly File[], ignored: number) => {
    if (!begin('import', files.length)) return;
    const total: TransferOutcome = { operation: 'import', done: 0, skipped: 0, ignored, failed: [], cancelled: false, notStarted: 0 };
    const started = performance.now();
    try {
      for (const [i, file] of files.entries()) {
        if (cancelDropRef.current) {
          Object.assign(total, { cancelled: true, notStarted: files.length - i });
          break;
        }
        await importDropped(file, total);
        setProgress({ operation: 'import', done: i + 1, total: files.length, ...transferRate(i + 1, files.length, performance.now() - started) });
      }
      setOutcome(total);
    } finally {
      end();
    }
  }, [begin, end, setProgress, setOutcome, cancelDropRef]);

  const cancelImport = useCallback(() => {
    if (!busyRef.current) return;
    setCancelling(true);
    cancelDropRef.current = true;
    // Main answers false when it runs no import (dropped files are stopped above): nothing else to do then.
    call('images.import_cancel', {}).catch(() => undefined);
  }, [busyRef, cancelDropRef, setCancelling]);

  const dismiss = useCallback(() => {
    setOutcome(null);
    setError(null);
  }, [setOutcome, setError]);

  return { progress, outcome, error, busy, cancelling, exportImages, importFromDialog, importFiles, cancelImport, dismiss };
};
