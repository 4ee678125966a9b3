import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../../src/main/core/db/openDatabase.ts';
import { checkIntegrity } from '../../src/main/core/db/checks.ts';
import { BACKUP_DIR, backupName, backupTime, createBackups } from '../../src/main/core/library/backup.ts';

const DAY = 24 * 60 * 60 * 1000;
let root: string;
let dataDir: string;
let db: Database.Database;
let clock: number;

beforeEach(() => {
  root = realpathSync(mkdtempSync(join(tmpdir(), 'lagoon-backup-')));
  dataDir = join(root, 'data');
  db = openDatabase(join(dataDir, 'lagoon.db'));
  db.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
  clock = Date.UTC(2025, 4, 6, 7, 8, 9, 10);
});
afterEach(() => {
  closeDatabase(db);
  rmSync(root, { recursive: true, force: true });
});

const insertNotes = (n: number, size = 200) => {
  const insert = db.prepare('INSERT INTO notes (body) VALUES (?)');
  db.transaction(() => {
    for (let i = 0; i < n; i++) insert.run(`note ${i} `.padEnd(size, 'x'));
  })();
};
const backupFiles = () => readdirSync(join(dataDir, BACKUP_DIR)).toSorted();
const countIn = (path: string): number => {
  const copy = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return copy.prepare('SELECT count(*) FROM notes').pluck().get() as number;
  } finally {
    copy.close();
  }
};

describe('backup names', () => {
  it('are UTC timestamps that sort by time and parse back exactly', () => {
    expect(backupName(clock)).toBe('lagoon-20250506-070809-010.db');
    expect(backupTime('lagoon-20250506-070809-010.db')).toBe(clock);
    for (const bad of ['lagoon-20251306-070809-010.db', 'lagoon-20250506-070809-010.db.partial', 'other.db', 'lagoon-2025-05-06.db']) {
      expect(backupTime(bad), bad).toBe(null);
    }
    expect(backupName(Date.UTC(2024, 11, 31, 23, 59, 59, 999)) < backupName(Date.UTC(2025, 0, 1))).toBe(true);
  });
});

describe('backupNow', () => {
  it('writes one self-contained file that passes integrity_check and holds every committed row', async () => {
    insertNotes(3000);
    const backups = createBackups({ db, dataDir, now: () => clock });
    const taken = await backups.backupNow(5);
    expect(taken).toEqual({ name: 'lagoon-20250506-070809-010.db', at: clock, kept: 1 });
    // No -wal, -shm or -journal beside it, and no partial left: one file is the whole backup.
    expect(backupFiles()).toEqual([taken.name]);
    const path = join(dataDir, BACKUP_DIR, taken.name);
    expect(readFileSync(path).subarray(18, 20)).toEqual(Buffer.from([1, 1])); // rollback journal, not WAL
    const copy = new Database(path, { readonly: true, fileMustExist: true });
    expect(checkIntegrity(copy)).toEqual({ ok: true, result: 'ok' });
    expect(copy.prepare('SELECT count(*) FROM notes').pluck().get()).toBe(3000);
    expect(copy.pragma('user_version', { simple: true })).toBe(db.pragma('user_version', { simple: true }));
    copy.close();
    expect(backupFiles()).toEqual([taken.name]);
  });

  it('keeps the newest N, and only files named like backups', async () => {
    const backups = createBackups({ db, dataDir, now: () => clock });
    mkdirSync(join(dataDir, BACKUP_DIR), { recursive: true });
    writeFileSync(join(dataDir, BACKUP_DIR, 'my-notes.txt'), 'mine');
    writeFileSync(join(dataDir, BACKUP_DIR, 'lagoon-old.db'), 'not a backup name');
    const names: string[] = [];
    for (let i = 0; i < 5; i++) {
      insertNotes(10);
      clock += DAY;
      names.push((await backups.backupNow(3)).name);
    }
    expect(backupFiles()).toEqual([...names.slice(2), 'lagoon-old.db', 'my-notes.txt'].toSorted());
    expect((await backups.list()).map((b) => b.name)).toEqual(names.slice(2).toReversed());
    expect(countIn(join(dataDir, BACKUP_DIR, names.at(-1)!))).toBe(50);
    expect((await backups.backupNow(1)).kept).toBe(1);
  });

  it('never reuses a name, even when the clock stands still', async () => {
    const backups = createBackups({ db, dataDir, now: () => clock });
    const [a, b] = [await backups.backupNow(5), await backups.backupNow(5)];
    expect(a.name).not.toBe(b.name);
    expect(b.at).toBe(a.at + 1);
  });

  it('removes partials a crash left, and never gives a final name to a copy that fails its check', async () => {
    mkdirSync(join(dataDir, BACKUP_DIR), { recursive: true });
    const leftover = join(dataDir, BACKUP_DIR, 'lagoon-20250101-000000-000.db.partial');
    writeFileSync(leftover, 'half a database');
    writeFileSync(`${leftover}-journal`, 'its journal');
    insertNotes(2000, 500);
    // Damage the copy between the backup and its check: pages scribbled over (it still opens), or not a database at all.
    const damages = [
      (partial: string) => {
        const bytes = readFileSync(partial);
        for (let i = 8 * 4096; i < bytes.length; i += 97) bytes[i] = (bytes[i]! + 0x5a) & 0xff;
        writeFileSync(partial, bytes);
      },
      (partial: string) => writeFileSync(partial, Buffer.alloc(4096, 0x41)),
    ];
    for (const damage of damages) {
      const backups = createBackups({ db, dataDir, now: () => clock, hooks: { afterCopy: damage } });
      await expect(backups.backupNow(5)).rejects.toMatchObject({ code: 'STORAGE_FAILED' });
      expect(backupFiles()).toEqual([]);
    }
    const healthy = createBackups({ db, dataDir, now: () => clock });
    writeFileSync(leftover, 'half a database');
    await healthy.backupNow(5);
    expect(backupFiles()).toEqual([backupName(clock)]);
  });

  it('runs one backup at a time and the database stays usable during it', async () => {
    insertNotes(20_000, 400);
    const backups = createBackups({ db, dataDir, now: () => clock++ });
    const first = backups.backupNow(5);
    const second = backups.backupNow(5);
    // Same connection, between backup steps: these writes are allowed and may or may not be in the first copy.
    insertNotes(500);
    const [a, b] = await Promise.all([first, second]);
    expect(a.name < b.name).toBe(true);
    expect(countIn(join(dataDir, BACKUP_DIR, a.name))).toBeGreaterThanOrEqual(20_000);
    expect(countIn(join(dataDir, BACKUP_DIR, b.name))).toBe(20_500);
    expect(checkIntegrity(db)).toEqual({ ok: true, result: 'ok' });
  });
});

describe('backupIfStale', () => {
  it('backs up when there is no backup or the newest is a day old, not otherwise', async () => {
    const backups = createBackups({ db, dataDir, now: () => clock });
    expect(await backups.backupIfStale(5, DAY)).toMatchObject({ at: clock });
    clock += DAY - 1;
    expect(await backups.backupIfStale(5, DAY)).toBe(null);
    clock += 1;
    expect(await backups.backupIfStale(5, DAY)).toMatchObject({ at: clock });
    // A backup "from the future" (the clock went back) does not count as fresh.
    clock -= 10 * DAY;
    expect(await backups.backupIfStale(5, DAY)).toMatchObject({ at: clock });
    expect(backupFiles()).toHaveLength(3);
  });
});

describe('checkIntegrity', () => {
  it('reports ok for a healthy database', () => {
    expect(checkIntegrity(db)).toEqual({ ok: true, result: 'ok' });
  });

  it('reports foreign key violations', () => {
    db.exec('CREATE TABLE parent (id INTEGER PRIMARY KEY); CREATE TABLE child (p INTEGER REFERENCES parent (id))');
    db.pragma('foreign_keys = OFF');
    db.prepare('INSERT INTO child (p) VALUES (42)').run();
    db.pragma('foreign_keys = ON');
    const report = checkIntegrity(db);
    expect(report.ok).toBe(false);
    expect(report.result).toContain('child');
  });

  it('reports a damaged file, cut to 2,000 characters', () => {
    insertNotes(2000, 500);
    closeDatabase(db);
    const path = join(dataDir, 'lagoon.db');
    const bytes = readFileSync(path);
    // Scribble over the middle pages (not the header or the schema page).
    for (let i = 8 * 4096; i < Math.min(bytes.length, 60 * 4096); i += 97) bytes[i] = (bytes[i]! + 0x5a) & 0xff;
    writeFileSync(path, bytes);
    db = new Database(path);
    const report = checkIntegrity(db);
    expect(report.ok).toBe(false);
    expect(report.result.length).toBeGreaterThan(0);
    expect(report.result.length).toBeLessThanOrEqual(2000);
  });
});

describe('why the backup API (D6 negative demo)', () => {
  it('copying the .db file alone while commits sit in the WAL loses them; the backup API does not', async () => {
    db.pragma('wal_autocheckpoint = 0');
    insertNotes(100);
    db.pragma('wal_checkpoint(TRUNCATE)');
    for (let i = 0; i < 500; i++) insertNotes(1);
    expect(statSync(join(dataDir, 'lagoon.db-wal')).size).toBeGreaterThan(0);
    const naive = join(root, 'naive.db');
    copyFileSync(join(dataDir, 'lagoon.db'), naive);
    expect(countIn(naive)).toBe(100);
    const taken = await createBackups({ db, dataDir, now: () => clock }).backupNow(5);
    expect(countIn(join(dataDir, BACKUP_DIR, taken.name))).toBe(600);
  });
});
