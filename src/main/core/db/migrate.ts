import type { Database } from 'better-sqlite3';
import { AppError } from '../../../shared/errors.ts';
import { ALL_MIGRATIONS } from './migrations/index.ts';

export interface Migration {
  /** The `user_version` the database has once this migration is applied: 1, 2, 3… with no gaps. */
  readonly version: number;
  readonly name: string;
  /** Runs inside the migration's transaction; it must not open or commit one itself. */
  up(db: Database): void;
}

export const latestVersion = (migrations: readonly Migration[] = ALL_MIGRATIONS): number =>
  migrations.at(-1)?.version ?? 0;

export const readUserVersion = (db: Database): number => db.pragma('user_version', { simple: true }) as number;

/** A gap or a reordering in the static list is a programming error that would skip or repeat schema changes. */
const assertWellFormed = (migrations: readonly Migration[]): void => {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) {
      throw new AppError('INTERNAL', `Migration list is malformed: entry ${i} has version ${m.version}, expected ${i + 1}.`);
    }
  });
};

/**
 * Throws, before anything is written, when the file comes from a newer Lagoon: an older app must never touch a
 * schema it does not understand (it could drop data the newer version relies on).
 */
export const assertKnownVersion = (db: Database, migrations: readonly Migration[] = ALL_MIGRATIONS): void => {
  const current = readUserVersion(db);
  const latest = latestVersion(migrations);
  if (current > latest) {
    throw new AppError(
      'STORAGE_FAILED',
      `This library was created by a newer version of Lagoon (schema ${current}; this version knows up to ${latest}). ` +
        'Update Lagoon to open it. Nothing was changed.',
      { schemaVersion: current, knownVersion: latest },
    );
  }
};

/** Which pending migration is about to run: the `step`th of `steps` (1-based), so a window can show how far it is. */
export interface MigrationStep {
  step: number;
  steps: number;
  version: number;
  name: string;
}

/** How many migrations this database still needs (0 for an up-to-date one; every one for a new, empty file). */
export const pendingMigrations = (db: Database, migrations: readonly Migration[] = ALL_MIGRATIONS): number =>
  migrations.filter((m) => m.version > readUserVersion(db)).length;

/**
 * Applies every pending migration, each in its own IMMEDIATE transaction together with its `user_version` bump:
 * DDL is transactional in SQLite, so a crash leaves either the old schema or the new one, never a mix, and a start
 * after a kill resumes with the first migration not yet committed (those before it are kept).
 */
export function migrate(db: Database, migrations: readonly Migration[] = ALL_MIGRATIONS, onStep?: (step: MigrationStep) => void): void {
  assertWellFormed(migrations);
  assertKnownVersion(db, migrations);
  const pending = migrations.filter((m) => m.version > readUserVersion(db));
  for (const [index, migration] of pending.entries()) {
    if (readUserVersion(db) >= migration.version) continue;
    onStep?.({ step: index + 1, steps: pending.length, version: migration.version, name: migration.name });
    db.transaction(() => {
      // Re-read under the write lock: another connection may have migrated between the check and BEGIN.
      if (readUserVersion(db) >= migration.version) return;
      migration.up(db);
      // The pragma takes no bound parameters; `version` is an integer from our own static list.
      db.pragma(`user_version = ${Math.trunc(migration.version)}`);
    }).immediate();
  }
}
