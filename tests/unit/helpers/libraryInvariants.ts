import { createHash } from 'node:crypto';
import { existsSync, lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Database } from 'better-sqlite3';
import { mediaName } from '../../../src/main/core/library/mediaNames.ts';
import type { ImageFormat } from '../../../src/shared/venice.ts';

/**
 * RELIABILITY's library invariants I1–I4, checked on a library a killed child left and the start-up recovery
 * went over. The crash tests add what only their protocol promises (I5, purges, exports).
 */

export interface LibraryRow {
  id: string;
  format: ImageFormat;
  byteSize: number;
  sha256: string;
  fileName: string;
  thumbName: string;
  /** When reconcile found the file gone (its report counts those); null for a healthy row. */
  missing: number | null;
  trashedAt: number | null;
}

export const libraryRows = (db: Database): LibraryRow[] =>
  db.prepare(`SELECT id, format, byte_size AS byteSize, sha256, file_name AS fileName, thumb_name AS thumbName,
    file_missing_at AS missing, trashed_at AS trashedAt FROM images`).all() as LibraryRow[];

export const sha256Of = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** Every file below `dir` (none if it does not exist), as slash-separated paths relative to it. */
const filesUnder = (dir: string): string[] =>
  existsSync(dir)
    ? (readdirSync(dir, { recursive: true, withFileTypes: true }) as Array<{ parentPath: string; name: string; isDirectory(): boolean }>)
        .filter((e) => !e.isDirectory())
        .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'))
    : [];

export interface LibraryChecks {
  /** The sha256 of every whole image the child was given to store. */
  payloads: ReadonlySet<string>;
  /** Ids whose file hash was already checked; files are immutable, so later passes only stat them. */
  verified: Set<string>;
  /** What a file the sweep put in quarantine/ must be: a violation, or null when it is allowed there. */
  quarantined(name: string, path: string): string | null;
}

/** I1: each healthy row's files exist under their names, the image with the recorded size and hash, holding a payload. */
const rowViolations = (dataDir: string, row: LibraryRow, checks: LibraryChecks): string[] => {
  const violations: string[] = [];
  if (row.fileName !== mediaName('image', row) || row.thumbName !== mediaName('thumb', row)) violations.push(`I1 ${row.id}: unexpected names`);
  try {
    const path = join(dataDir, row.fileName);
    if (lstatSync(path).size !== row.byteSize) violations.push(`I1 ${row.id}: size differs`);
    else if (!checks.verified.has(row.id)) {
      if (sha256Of(readFileSync(path)) !== row.sha256) violations.push(`I1 ${row.id}: sha256 differs`);
      else if (!checks.payloads.has(row.sha256)) violations.push(`I1 ${row.id}: bytes are not a payload`);
      else checks.verified.add(row.id);
    }
    if (!lstatSync(join(dataDir, row.thumbName)).isFile()) violations.push(`I1 ${row.id}: thumbnail not a file`);
  } catch (error) {
    violations.push(`I1 ${row.id}: ${(error as NodeJS.ErrnoException).code}`);
  }
  return violations;
};

/** I1–I4 for `rows` (read with libraryRows) and every file under `dataDir`; answers the violations found. */
export const libraryViolations = (db: Database, dataDir: string, rows: readonly LibraryRow[], checks: LibraryChecks): string[] => {
  const violations = rows.filter((row) => row.missing === null).flatMap((row) => rowViolations(dataDir, row, checks));
  const owned = new Set(rows.flatMap((row) => [row.fileName, row.thumbName]));
  for (const name of filesUnder(dataDir)) {
    if (name.startsWith('lagoon.db')) continue;
    // I3: no temp or partial file anywhere.
    if (/(^|\/)\.(tmp|partial)-/u.test(name)) violations.push(`I3 leftover ${name}`);
    else if (name.startsWith('quarantine/')) {
      const problem = checks.quarantined(name, join(dataDir, name));
      if (problem) violations.push(problem);
    } else if (!owned.has(name)) violations.push(`I2 file without a row: ${name}`);
  }
  // I4
  const integrity = db.pragma('integrity_check', { simple: true });
  if (integrity !== 'ok') violations.push(`I4 integrity_check: ${String(integrity)}`);
  const fk = db.pragma('foreign_key_check') as unknown[];
  if (fk.length > 0) violations.push(`I4 foreign_key_check: ${fk.length} rows`);
  return violations;
};
