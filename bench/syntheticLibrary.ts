import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from '../src/main/core/db/migrate.ts';
import { ALL_MIGRATIONS } from '../src/main/core/db/migrations/index.ts';
import { closeDatabase } from '../src/main/core/db/openDatabase.ts';
import { PREPAINT_SETTING, START_VIEW_SETTING } from '../src/main/core/library/windowSettings.ts';
import { createRowInserter, insertFixedData } from './syntheticInsert.ts';
import { createMediaLinker, type MediaLinker } from './syntheticMedia.ts';
import { type SyntheticRow, syntheticRows } from './syntheticRows.ts';

export interface SyntheticLibrary {
  /** A Lagoon data folder: lagoon.db, and images/ + thumbs/ when built with media. */
  dataDir: string;
  dbPath: string;
  count: number;
  media: boolean;
  /** False when this call built it. */
  cached: boolean;
  /** How long building took (when cached: the build that made the cache). */
  generationMs: number;
  /** Rows inserted through the full schema's triggers (the newest ones), the rest having been indexed in bulk. */
  incrementalRows: number;
  /** Milliseconds per build phase: bulk insert, migrations (the bulk index), incremental insert. */
  phases: Record<string, number>;
  dbBytes: number;
  /** Average sizes of the media files (with media only). */
  mediaBytes?: { thumb: number; original: number };
}

export interface SyntheticOptions {
  count: number;
  /** Hard-link a real image and thumbnail file per row (for the grid and the launch sweep). */
  media?: boolean;
  cacheRoot?: string;
  /** Build afresh even when the cache holds this library. */
  rebuild?: boolean;
  log?: (line: string) => void;
}

const BATCH = 25_000;
const SEED = 4;
/** The newest 5% go in one row at a time through every trigger, as images arrive in the app after an upgrade. */
const INCREMENTAL_SHARE = 0.05;
/** What decides the library's content (this file's own choices are in the key as values: seed, share, batch). */
const SOURCES = ['syntheticInsert.ts', 'syntheticRows.ts', 'syntheticWords.ts', 'syntheticMedia.ts'];

export const benchCacheRoot = (): string => process.env.LAGOON_BENCH_CACHE || join(tmpdir(), 'lagoon-bench-cache');

/**
 * The last schema version with no triggers. Rows inserted there go in as fast as SQLite takes them, and the
 * migrations after it index them in bulk — what happens to a user's library when they upgrade to the version with
 * search. Trigger-by-trigger inserts of a million rows take minutes (measured: ~150 µs a row with 0006's triggers).
 */
const schemaFacts = (): { bulkVersion: number; schema: unknown[] } => {
  const db = new Database(':memory:');
  try {
    let bulkVersion = 0;
    for (let i = 1; i <= ALL_MIGRATIONS.length; i++) {
      migrate(db, ALL_MIGRATIONS.slice(0, i));
      if (db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'trigger'").get()) break;
      bulkVersion = i;
    }
    migrate(db);
    return { bulkVersion, schema: db.prepare('SELECT type, name, sql FROM sqlite_schema ORDER BY type, name').all() };
  } finally {
    db.close();
  }
};

/** Every migration's effect plus this generator's own code: when either changes, the cached library is stale. */
const cacheKey = (schema: unknown[], count: number, media: boolean): string => {
  const hash = createHash('sha256').update(JSON.stringify(schema)).update(`${count}:${media}:${SEED}:${INCREMENTAL_SHARE}:${BATCH}`);
  for (const file of SOURCES) hash.update(readFileSync(join(import.meta.dirname, file)));
  return hash.digest('hex').slice(0, 16);
};

const insertAll = (
  db: Database.Database,
  rows: Iterator<SyntheticRow>,
  count: number,
  insert: (row: SyntheticRow) => void,
  linker: MediaLinker | null,
): void => {
  const batch = db.transaction((size: number) => {
    for (let i = 0; i < size; i++) {
      const next = rows.next();
      if (next.done) return;
      insert(next.value);
      linker?.link(next.value);
    }
  });
  for (let done = 0; done < count; done += BATCH) batch(Math.min(BATCH, count - done));
};

/** Every row's placeholder, as ingest stores it (the rows went in through SQL, which knows nothing of thumbnails). */
const storePlaceholders = (db: Database.Database, linker: MediaLinker): void => {
  const rows = db.prepare('SELECT id, width, height FROM images').all() as Array<{ id: string; width: number; height: number }>;
  const set = db.prepare('UPDATE images SET placeholder = ? WHERE id = ?');
  db.transaction(() => {
    for (const row of rows) set.run(linker.placeholder(row), row.id);
  })();
};

const build = async (
  dir: string,
  count: number,
  media: boolean,
  bulkVersion: number,
  log: (line: string) => void,
): Promise<Pick<SyntheticLibrary, 'incrementalRows' | 'phases' | 'mediaBytes'>> => {
  const dataDir = join(dir, 'data');
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, 'lagoon.db'));
  try {
    db.pragma('foreign_keys = ON');
    // A build that dies is thrown away whole (it is renamed into place only when complete), so durability per
    // commit buys nothing here: no fsync, and an in-memory rollback journal rather than a WAL, which would write
    // every page twice (measured at 1M: ~25% of the build). The finished file is switched to WAL like the app's.
    db.pragma('journal_mode = MEMORY');
    db.pragma('synchronous = OFF');
    db.pragma('cache_size = -524288');
    const linker = media ? await createMediaLinker(dataDir, join(dir, 'sources')) : null;
    const rows = syntheticRows(count, SEED);
    const incremental = Math.round(count * INCREMENTAL_SHARE);
    migrate(db, ALL_MIGRATIONS.slice(0, bulkVersion));
    const refs = insertFixedData(db, SEED + 1);
    const phases: Record<string, number> = {};
    const phase = (name: string, work: () => void): void => {
      const start = performance.now();
      work();
      phases[name] = Math.round(performance.now() - start);
      log(`[synthetic] ${name}: ${(phases[name] / 1000).toFixed(1)} s`);
    };
    phase('bulk_insert_ms', () => insertAll(db, rows, count - incremental, createRowInserter(db, refs), linker));
    phase('migrate_ms', () => migrate(db));
    phase('incremental_insert_ms', () => insertAll(db, rows, incremental, createRowInserter(db, refs), linker));
    if (linker) phase('placeholders_ms', () => storePlaceholders(db, linker));
    db.pragma('journal_mode = WAL');
    const mediaBytes = linker ? { thumb: linker.thumbBytes, original: linker.originalBytes } : undefined;
    return { incrementalRows: incremental, phases, mediaBytes };
  } finally {
    closeDatabase(db);
  }
};

/** Builds (or reuses from the cache) a library of `count` synthetic images; see syntheticRows.ts for what is in it. */
export const syntheticLibrary = async (opts: SyntheticOptions): Promise<SyntheticLibrary> => {
  const media = opts.media === true;
  const log = opts.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const root = opts.cacheRoot ?? benchCacheRoot();
  const prefix = `library-${opts.count}-${media ? 'media' : 'rows'}-`;
  const { bulkVersion, schema } = schemaFacts();
  const dir = join(root, `${prefix}${cacheKey(schema, opts.count, media)}`);
  const metaPath = join(dir, 'meta.json');
  let cached = true;
  if (opts.rebuild || !existsSync(metaPath)) {
    cached = false;
    mkdirSync(root, { recursive: true });
    // Stale builds of the same size are large (a 1M library is gigabytes): keep one per kind.
    for (const entry of readdirSync(root)) if (entry.startsWith(prefix)) rmSync(join(root, entry), { recursive: true, force: true });
    const building = `${dir}.building-${process.pid}`;
    log(`[synthetic] building ${opts.count} images${media ? ' with media files' : ''} in ${building}`);
    const start = performance.now();
    const { incrementalRows, phases, mediaBytes } = await build(building, opts.count, media, bulkVersion, log);
    const generationMs = performance.now() - start;
    const meta = { count: opts.count, media, generationMs, incrementalRows, phases, mediaBytes, bulkVersion, builtAt: new Date().toISOString() };
    writeFileSync(join(building, 'meta.json'), JSON.stringify(meta));
    renameSync(building, dir);
    log(`[synthetic] built in ${(generationMs / 1000).toFixed(1)} s`);
  }
  const meta = JSON.parse(readFileSync(metaPath, 'utf8')) as Pick<SyntheticLibrary, 'generationMs' | 'incrementalRows' | 'phases' | 'mediaBytes'>;
  const dataDir = join(dir, 'data');
  const dbPath = join(dataDir, 'lagoon.db');
  const { generationMs, incrementalRows, phases, mediaBytes } = meta;
  return { dataDir, dbPath, count: opts.count, media, cached, generationMs, incrementalRows, phases, mediaBytes, dbBytes: statSync(dbPath).size };
};

/**
 * The window opens on the Library, as it does for a user who was last there (the setting settings.set_start_view
 * stores): the grid figures measure a launch into the grid, not a launch into Generate followed by a click. With
 * `prepaint` (what an earlier session's grid stored: previousSession in grid.bench.ts), its first tiles too.
 */
export const opensOnLibrary = (dbPath: string, prepaint?: string): void => {
  const db = new Database(dbPath);
  try {
    const set = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
    set.run(START_VIEW_SETTING, 'library');
    if (prepaint !== undefined) set.run(PREPAINT_SETTING, prepaint);
  } finally {
    db.close();
  }
};

/** What the library's window stored of its first tiles (settings.set_prepaint), or null: nothing, or "none" stored. */
export const storedPrepaint = (dbPath: string): string | null => {
  const db = new Database(dbPath, { readonly: true });
  try {
    const stored = (db.prepare('SELECT value FROM settings WHERE key = ?').get(PREPAINT_SETTING) as { value: string } | undefined)?.value;
    return stored === undefined || stored === 'null' ? null : stored;
  } finally {
    db.close();
  }
};
