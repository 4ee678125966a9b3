import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from './atomicFile.ts';
import { BACKUP_DIR, backupTime } from './backup.ts';
import { type BackupCheck, type FileCheck, inspectBackup } from './restore.ts';

/**
 * What listing the backups found, kept beside them: a backup is written once and never changed, so its
 * integrity_check and image count stay true while its size and modification time do. Without this, every window
 * that opened (Settings is mounted with it) read every backup whole: at a million images, five backups are some
 * 11 GB of disk reads at each launch. A restore never trusts this record: it checks the file again (restore.ts).
 */
const RECORD = '.checks.json';

const checkSchema = z.object({
  bytes: z.number(),
  mtimeMs: z.number(),
  images: z.number().nullable(),
  ok: z.boolean(),
  result: z.string(),
});
const recordSchema = z.record(z.string(), checkSchema);
type CheckRecord = z.infer<typeof recordSchema>;

const readRecord = async (dir: string): Promise<CheckRecord> => {
  const text = await readFile(join(dir, RECORD), 'utf8').catch(() => null);
  if (text === null) return {};
  try {
    return recordSchema.parse(JSON.parse(text));
  } catch {
    // An unreadable record is only a lost shortcut: the backups are checked again.
    return {};
  }
};

/** Each named backup's check, from the record where the file is unchanged since, else checked now (and recorded). */
export async function inspectBackups(dataDir: string, names: readonly string[], check?: FileCheck): Promise<BackupCheck[]> {
  const dir = join(dataDir, BACKUP_DIR);
  const record = await readRecord(dir);
  const next: CheckRecord = {};
  const checks: BackupCheck[] = [];
  for (const name of names) {
    const info = await stat(join(dir, name)).catch(() => null);
    const known = record[name];
    if (info && known && known.bytes === info.size && known.mtimeMs === info.mtimeMs) {
      checks.push({ name, at: backupTime(name) ?? info.mtimeMs, bytes: known.bytes, images: known.images, ok: known.ok, result: known.result });
      next[name] = known;
      continue;
    }
    const fresh = await inspectBackup(dataDir, name, check);
    checks.push(fresh);
    if (info) next[name] = { bytes: fresh.bytes, mtimeMs: info.mtimeMs, images: fresh.images, ok: fresh.ok, result: fresh.result };
  }
  // Backups pruned since drop out of the record; a failed write only costs the next listing a check.
  if (JSON.stringify(next) !== JSON.stringify(record)) await writeFileAtomic(join(dir, RECORD), Buffer.from(JSON.stringify(next))).catch(() => undefined);
  return checks;
}
