import type { Migration } from '../migrate.ts';

/**
 * Records that an image's file was found missing by the startup sweep (ms since epoch; NULL = file present). The row
 * is kept rather than deleted: its prompt and settings are the user's too, and the file may come back (a restored
 * backup, a remounted disk), in which case the sweep clears the flag. A plain ADD COLUMN with a NULL default only
 * rewrites the schema entry, never an existing row.
 */
export const migration0002: Migration = {
  version: 2,
  name: 'file-health',
  up(db) {
    db.exec('ALTER TABLE images ADD COLUMN file_missing_at INTEGER CHECK (file_missing_at IS NULL OR file_missing_at >= 0)');
  },
};
