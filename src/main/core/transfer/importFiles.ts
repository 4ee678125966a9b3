import { basename } from 'node:path';
import type { Database } from 'better-sqlite3';
import { AppError } from '../../../shared/errors.ts';
import type { Library } from '../library/library.ts';
import { createCommitter, type Committer } from './importCommitter.ts';
import { type ImportOutcome, loadImage, MAX_IMPORT_BYTES, type PrepareDeps, type Prepared, prepareImport, toPayload } from './importOne.ts';
import { collectImportFiles } from './importWalk.ts';
import { createInspector, type Inspector } from './inspector.ts';
import { sniffFormat } from './metadata.ts';

export { IMPORT_ENDPOINT } from './importRecord.ts';
export type { ImportOutcome, SkipReason } from './importOne.ts';

export interface ImportDeps {
  library: Library;
  db: Database;
  now?: () => number;
  /** Reads and renders each file off the main thread (default: in-thread, within the same caps); a pool runs several. */
  inspector?: Inspector & { size?: number };
  /** Stops taking new files; those already begun finish, and everything imported stays. */
  signal?: AbortSignal;
}

export interface ImportProgress {
  done: number;
  total: number;
  outcome: ImportOutcome;
}

export interface ImportSummary {
  imported: number;
  skipped: number;
  failed: number;
  /** Files never begun because the import was cancelled (0 otherwise). */
  notStarted: number;
  cancelled: boolean;
  items: ImportOutcome[];
}

const prepareDeps = (deps: ImportDeps, inspector: Inspector): PrepareDeps => ({
  library: deps.library,
  db: deps.db,
  now: deps.now ?? Date.now,
  inspector,
  inFlight: new Map(),
});

/** A prepared file's outcome, once its row has committed with the committer's batch. */
async function committed(committer: Committer, path: string, prepared: Prepared): Promise<ImportOutcome> {
  if ('outcome' in prepared) return prepared.outcome;
  try {
    await committer.commit(prepared.staged);
  } catch (error) {
    prepared.release(null);
    return { path, status: 'failed', error: toPayload(error) };
  }
  prepared.release(prepared.staged.row.id);
  return { path, status: 'imported', id: prepared.staged.row.id, source: prepared.source };
}

/**
 * One file's bytes, imported like a file called `name` (a file dropped onto the window: the page has its bytes but
 * not its path). `name` only ever becomes text in the record (its stem is the prompt when nothing else says one).
 */
export async function importBytes(deps: ImportDeps, name: string, bytes: Uint8Array): Promise<ImportOutcome> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const format = sniffFormat(buffer.subarray(0, 12));
  if (!format) return { path: name, status: 'skipped', reason: 'not-an-image' };
  if (buffer.byteLength > MAX_IMPORT_BYTES) return { path: name, status: 'skipped', reason: 'too-large' };
  const fileName = name.split(/[/\\]/u).at(-1) || name;
  const prepared = await prepareImport(prepareDeps(deps, deps.inspector ?? createInspector()), name, fileName, buffer, format);
  return committed(createCommitter(deps.library, { intervalMs: 0 }), name, prepared);
}

/**
 * Imports image files and folders (recursively) into the library: only PNG, JPEG and WebP by their magic numbers,
 * duplicates (same bytes, or a Lagoon export of an image already here) skipped, metadata read from Lagoon's XMP,
 * A1111 parameters or ComfyUI graphs. With a pool, two files per worker are under way at once; each file's row
 * commits after its files, in batches. A
 * bad file is reported and the rest go on. Outcomes are listed in the walk's order; progress comes as they finish.
 */
export async function importPaths(deps: ImportDeps, paths: readonly string[], onProgress?: (progress: ImportProgress) => void): Promise<ImportSummary> {
  if (!Array.isArray(paths) || paths.some((p) => typeof p !== 'string')) throw new AppError('INVALID_INPUT', 'Give the files or folders to import by their full paths.');
  const entries = await collectImportFiles(paths);
  const inspector: Inspector & { size?: number } = deps.inspector ?? createInspector();
  const prepare = prepareDeps(deps, inspector);
  const committer = createCommitter(deps.library);
  const outcomes: Array<ImportOutcome | undefined> = [];
  let next = 0;
  let done = 0;

  const prepareEntry = async (index: number): Promise<Prepared> => {
    const entry = entries[index]!;
    if (entry.kind !== 'file') return { outcome: { path: entry.path, status: 'skipped', reason: entry.reason } };
    const loaded = await loadImage(entry.path);
    if ('skip' in loaded) return { outcome: { path: entry.path, status: 'skipped', reason: loaded.skip } };
    return prepareImport(prepare, entry.path, basename(entry.path), loaded.bytes, loaded.format);
  };
  const settled = (index: number, outcome: ImportOutcome): void => {
    outcomes[index] = outcome;
    onProgress?.({ done: ++done, total: entries.length, outcome });
  };

  // A lane prepares file after file; it does not wait for a row's batch to commit before taking the next file.
  const commits: Array<Promise<void>> = [];
  const lane = async (): Promise<void> => {
    while (next < entries.length && !deps.signal?.aborted) {
      const index = next++;
      const { path } = entries[index]!;
      const prepared = await prepareEntry(index).catch((error: unknown): Prepared => ({ outcome: { path, status: 'failed', error: toPayload(error) } }));
      if ('outcome' in prepared) settled(index, prepared.outcome);
      else commits.push(committed(committer, path, prepared).then((outcome) => settled(index, outcome)));
    }
  };
  // One file at a time with a single inspector (as imports always were); with a pool, two lanes per worker: a file's
  // writes (two fsynced files) take about as long as its decoding, so while one lane writes, the other keeps the
  // worker busy.
  const lanes = inspector.size === undefined ? 1 : inspector.size * 2;
  await Promise.all(Array.from({ length: Math.min(lanes, Math.max(1, entries.length)) }, lane));
  await committer.flush();
  await Promise.all(commits);

  const items = outcomes.filter((o): o is ImportOutcome => o !== undefined);
  const count = (status: ImportOutcome['status']): number => items.filter((o) => o.status === status).length;
  const cancelled = deps.signal?.aborted === true && items.length < entries.length;
  return { imported: count('imported'), skipped: count('skipped'), failed: count('failed'), notStarted: entries.length - items.length, cancelled, items };
}
