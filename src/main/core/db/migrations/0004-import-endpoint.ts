import type { Migration } from '../migrate.ts';

/**
 * 1. `images.endpoint` admits 'import' (images that came from A1111, ComfyUI or plain files, not a Venice request).
 *    Loosening a CHECK leaves every stored row valid, so SQLite's documented in-place procedure applies
 *    (lang_altertable.html, "making other kinds of table schema changes"): edit the CREATE TABLE text in
 *    sqlite_schema and bump schema_version, inside the migration's transaction. No table rebuild, so no
 *    DROP TABLE (which, with foreign_keys=ON, would fire ON DELETE actions in any table referencing images).
 *    better-sqlite3 runs with SQLITE_DBCONFIG_DEFENSIVE, which forbids writing sqlite_schema; unsafeMode() lifts it
 *    for the duration (measured: without it "table sqlite_master may not be modified").
 * 2. `images_by_sha256`: import dedups every file by content hash (transfer/transferQueries.ts FIND_BY_SHA256_SQL);
 *    without the index that is a full scan per imported file.
 */
export const migration0004: Migration = {
  version: 4,
  name: 'import-endpoint',
  up(db) {
    const OLD = "CHECK (endpoint IN ('openai', 'native'))";
    const NEW = "CHECK (endpoint IN ('openai', 'native', 'import'))";
    const table = db.prepare("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'images'").get() as { sql: string };
    if (!table.sql.includes(OLD)) throw new Error('images.endpoint CHECK not found as expected');
    const version = db.pragma('schema_version', { simple: true }) as number;
    db.unsafeMode(true);
    try {
      db.pragma('writable_schema = ON');
      db.prepare("UPDATE sqlite_schema SET sql = ? WHERE type = 'table' AND name = 'images'").run(table.sql.replace(OLD, NEW));
      db.pragma(`schema_version = ${Math.trunc(version) + 1}`);
      db.pragma('writable_schema = OFF');
    } finally {
      db.unsafeMode(false);
    }
    db.exec('CREATE INDEX images_by_sha256 ON images (sha256)');
  },
};
