import { closeSync, openSync, writeSync } from 'node:fs';
import type { Database } from 'better-sqlite3';
import { closeDatabase } from '../../../src/main/core/db/openDatabase.ts';

/**
 * Damages the library database at `path` (open as `db`, which this closes) in a way it still opens and migrates but
 * fails `PRAGMA quick_check`: a leaf page's first free block is pointed far out of range ("free space corruption").
 */
export const damageFreeSpace = (db: Database, path: string): void => {
  db.exec('CREATE TABLE filler (id INTEGER PRIMARY KEY, v TEXT)');
  const fill = db.prepare('INSERT INTO filler (v) VALUES (?)');
  for (let i = 0; i < 500; i++) fill.run('x'.repeat(200));
  const page = (db.prepare("SELECT max(pageno) AS p FROM dbstat WHERE name = 'filler' AND pagetype = 'leaf'").get() as { p: number }).p;
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  db.pragma('wal_checkpoint(TRUNCATE)');
  closeDatabase(db);
  const fd = openSync(path, 'r+');
  writeSync(fd, Buffer.from([0x0f, 0xff]), 0, 2, (page - 1) * pageSize + 1);
  closeSync(fd);
};
