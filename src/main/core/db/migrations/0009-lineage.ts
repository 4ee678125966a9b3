import type { Database } from 'better-sqlite3';
import type { Migration } from '../migrate.ts';

/** Loosens CHECK constraints in place (see 0004 for why this is SQLite's documented procedure and needs unsafeMode). */
const widenChecks = (db: Database, changes: ReadonlyArray<{ table: string; from: string; to: string }>): void => {
  const read = db.prepare("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?");
  const updated = changes.map(({ table, from, to }) => {
    const { sql } = read.get(table) as { sql: string };
    if (!sql.includes(from)) throw new Error(`${table}: CHECK not found as expected`);
    return { table, sql: sql.replace(from, to) };
  });
  const version = db.pragma('schema_version', { simple: true }) as number;
  db.unsafeMode(true);
  try {
    db.pragma('writable_schema = ON');
    const write = db.prepare("UPDATE sqlite_schema SET sql = ? WHERE type = 'table' AND name = ?");
    for (const { table, sql } of updated) write.run(sql, table);
    db.pragma(`schema_version = ${Math.trunc(version) + 1}`);
    db.pragma('writable_schema = OFF');
  } finally {
    db.unsafeMode(false);
  }
};

/**
 * Lineage: every image made from other images records where it came from.
 * 1. `images.endpoint` and `jobs.endpoint` admit the edit family ('edit', 'combine', 'upscale', 'remove-background'),
 *    loosened in place as 0004 did (edit the CREATE TABLE text, bump schema_version; no rebuild, so no ON DELETE
 *    actions fire).
 * 2. `image_parents`: a child's parents in order, each with its role and the parent's sha256. `parent_id` is plain
 *    text, not a foreign key: purging a parent must leave the child's record intact and readable ("made from an
 *    image you deleted", with its hash). The index serves "Versions" (an image's children).
 * 3. `image_derivations`: the operation and the exact request as sent, with input images named by library id and
 *    sha256 instead of their bytes, and the prompt Venice's enhancer wrote when it rewrote one.
 * Both go with the child (ON DELETE CASCADE) when the child itself is purged.
 */
export const migration0009: Migration = {
  version: 9,
  name: 'lineage',
  up(db) {
    const EDIT_FAMILY = "'edit', 'combine', 'upscale', 'remove-background'";
    widenChecks(db, [
      { table: 'images', from: "CHECK (endpoint IN ('openai', 'native', 'import'))", to: `CHECK (endpoint IN ('openai', 'native', 'import', ${EDIT_FAMILY}))` },
      { table: 'jobs', from: "CHECK (endpoint IN ('openai', 'native'))", to: `CHECK (endpoint IN ('openai', 'native', ${EDIT_FAMILY}))` },
    ]);
    db.exec(`
      CREATE TABLE image_parents (
        child_id      TEXT    NOT NULL REFERENCES images (id) ON DELETE CASCADE,
        position      INTEGER NOT NULL CHECK (position >= 0),
        parent_id     TEXT,
        parent_sha256 TEXT    NOT NULL CHECK (length(parent_sha256) = 64),
        role          TEXT    NOT NULL CHECK (role IN ('base', 'layer', 'reference', 'source')),
        PRIMARY KEY (child_id, position)
      ) WITHOUT ROWID;
      CREATE INDEX image_parents_by_parent ON image_parents (parent_id) WHERE parent_id IS NOT NULL;
      CREATE TABLE image_derivations (
        image_id        TEXT NOT NULL PRIMARY KEY REFERENCES images (id) ON DELETE CASCADE,
        operation       TEXT NOT NULL CHECK (operation IN ('generate', 'edit', 'combine', 'upscale', 'remove-background')),
        request_json    TEXT NOT NULL CHECK (json_valid(request_json)),
        enhanced_prompt TEXT
      ) WITHOUT ROWID;
    `);
  },
};
