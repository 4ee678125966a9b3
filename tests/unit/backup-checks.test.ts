import { copyFileSync, mkdirSync, mkdtempSync, openSync, rmSync, utimesSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkIntegrity } from '../../src/main/core/db/checks.ts';
import { closeDatabase, openDatabase } from '../../src/main/core/db/openDatabase.ts';
import { BACKUP_DIR, backupName } from '../../src/main/core/library/backup.ts';
import { inspectBackups } from '../../src/main/core/library/backupChecks.ts';

/**
 * Listing the backups (Settings, `lagoon backup list`) checks each backup once: a backup never changes, so its
 * integrity_check and image count are kept beside it and read back while the file is unchanged. Reading every
 * backup whole at each window was gigabytes of disk at launch for a big library.
 */
let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'lagoon-backup-checks-'));
  mkdirSync(join(dataDir, BACKUP_DIR));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

/** integrity_check on the file, as the app's check worker runs it. */
const checkFileInThread = async (path: string) => {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return checkIntegrity(db);
  } finally {
    db.close();
  }
};

/** A real library database with `images` live images, copied in as a backup taken at `at`. */
const plantBackup = (at: number, images: number): string => {
  const source = join(dataDir, `source-${at}.db`);
  const db = openDatabase(source);
  const insert = db.prepare(`INSERT INTO images (id, created_at, prompt, model, endpoint, request_json, response_json, format, width, height,
    byte_size, sha256, file_name, thumb_name) VALUES (?, ?, 'p', 'm', 'native', '{}', '{}', 'png', 8, 8, 1, ?, ?, ?)`);
  for (let i = 0; i < images; i++) {
    const id = `0000000${i}-0000-4000-8000-000000000000`.slice(-36);
    insert.run(id, at + i, 'ab'.repeat(32), `images/${id.slice(0, 2)}/${id}.png`, `thumbs/${id.slice(0, 2)}/${id}.webp`);
  }
  db.pragma('wal_checkpoint(TRUNCATE)');
  closeDatabase(db);
  const name = backupName(at);
  copyFileSync(source, join(dataDir, BACKUP_DIR, name));
  return name;
};

describe('inspectBackups', () => {
  it('checks each backup once, then answers from the record while the file is unchanged', async () => {
    const names = [plantBackup(1_760_000_000_000, 3), plantBackup(1_750_000_000_000, 1)];
    const checked: string[] = [];
    const check = async (path: string) => {
      checked.push(path);
      return checkFileInThread(path);
    };
    const first = await inspectBackups(dataDir, names, check);
    expect(first.map((c) => [c.images, c.ok])).toEqual([[3, true], [1, true]]);
    expect(checked).toHaveLength(2);
    const again = await inspectBackups(dataDir, names, check);
    expect(again).toEqual(first);
    expect(checked).toHaveLength(2);
  });

  it('checks a backup again once its file changed, and says it is damaged', async () => {
    const name = plantBackup(1_760_000_000_000, 2);
    const check = checkFileInThread;
    expect((await inspectBackups(dataDir, [name], check))[0]).toMatchObject({ ok: true, images: 2 });
    // Damage past the header: the size stays, the modification time moves.
    const path = join(dataDir, BACKUP_DIR, name);
    const fd = openSync(path, 'r+');
    writeSync(fd, Buffer.alloc(4096, 0xab), 0, 4096, 4096);
    closeSync(fd);
    utimesSync(path, new Date(), new Date(Date.now() + 5000));
    const after = (await inspectBackups(dataDir, [name], check))[0]!;
    expect(after.ok).toBe(false);
    expect(after.images).toBe(null);
  });
});
