import { setImmediate } from 'node:timers/promises';
import type { Database } from 'better-sqlite3';
import type { ImageFormat } from '../../../shared/venice.ts';
import { prepared } from '../db/statements.ts';

/** What the startup sweep (reconcile.ts) reads of a row. */
export interface RowState {
  id: string;
  format: ImageFormat;
  fileMissingAt: number | null;
}

const ROW_STATE_SQL = 'SELECT id, format, file_missing_at AS fileMissingAt FROM images';
const HEX = '0123456789abcdef';
/** The names of the media folders' shards, as ids start ('00' … 'ff'). */
export const SHARDS = [...HEX].flatMap((a) => [...HEX].map((b) => a + b));
/** The first id after every id that starts with `shard` ('ab' → 'ac', '09' → '0:'): an index range, no scan. */
const shardEnd = (shard: string): string => shard[0]! + String.fromCharCode(shard.charCodeAt(1) + 1);
/**
 * A shard's rows are read this many at a time, the main thread let go between reads. Each row is a random page of the
 * table: after a cold start one shard (390 rows at 100k) took 40 ms on average of synchronous reads, and the app
 * answered no thumbnail meanwhile (measured: the sweep held the main thread 10 s of its first minute).
 */
const ROWS_PER_READ = 48;
/** Ids after the first (a shard's name is before all of its ids), below the second, in id order. Exported for the query-plan test. */
export const SHARD_ROWS_SQL = `${ROW_STATE_SQL} WHERE id > ? AND id < ? ORDER BY id LIMIT ?`;

/** Every row whose id starts with `shard`, a few at a time (see ROWS_PER_READ). */
export async function shardRowsOf(db: Database, shard: string): Promise<RowState[]> {
  const statement = prepared(db, SHARD_ROWS_SQL);
  const rows: RowState[] = [];
  for (let after = shard; ; ) {
    const chunk = statement.all(after, shardEnd(shard), ROWS_PER_READ) as RowState[];
    rows.push(...chunk);
    if (chunk.length < ROWS_PER_READ) return rows;
    after = chunk.at(-1)!.id;
    await setImmediate();
  }
}

/** Rows whose id starts with no shard name (only a hand edit makes one): a full scan, run only when there are some. */
export const strayRows = (db: Database): RowState[] => prepared(db, `${ROW_STATE_SQL} WHERE id NOT GLOB '[0-9a-f][0-9a-f]*'`).all() as RowState[];
