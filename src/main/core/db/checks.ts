import Database from 'better-sqlite3';

/**
 * The long read-only checks of a database: seconds at a million images, so dbChecks.ts runs them on a worker thread
 * when it can. Each is synchronous (every better-sqlite3 call is) and never throws: a check that cannot run says so.
 */
export interface IntegrityReport {
  ok: boolean;
  /** 'ok', or what integrity_check and foreign_key_check found (cut to 2,000 characters). */
  result: string;
}

const MAX_RESULT_CHARS = 2000;
const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error)).slice(0, 200);

/** PRAGMA quick_check: 'ok', or what it found (cut to 1,000 characters). */
export function quickCheck(db: Database.Database): string {
  try {
    const messages = (db.pragma('quick_check') as Array<{ quick_check: string }>).map((r) => r.quick_check);
    if (messages.length === 1 && messages[0] === 'ok') return 'ok';
    return messages.join('; ').slice(0, 1000) || 'quick_check returned nothing';
  } catch (error) {
    return `quick_check failed: ${describe(error)}`;
  }
}

/** PRAGMA integrity_check, then foreign_key_check. */
export function checkIntegrity(db: Database.Database): IntegrityReport {
  try {
    const messages = (db.pragma('integrity_check') as Array<{ integrity_check: string }>).map((r) => r.integrity_check);
    const integrityOk = messages.length === 1 && messages[0] === 'ok';
    const violations = db.pragma('foreign_key_check') as Array<{ table: string; rowid: number | null; parent: string }>;
    const found = [
      ...(integrityOk ? [] : messages),
      ...violations.slice(0, 20).map((v) => `foreign key: ${v.table} row ${v.rowid ?? '?'} points at a missing ${v.parent}`),
      ...(violations.length > 20 ? [`… and ${violations.length - 20} more foreign key problems`] : []),
    ];
    if (found.length === 0) return { ok: true, result: 'ok' };
    return { ok: false, result: found.join('\n').slice(0, MAX_RESULT_CHARS) };
  } catch (error) {
    return { ok: false, result: `The check could not run: ${error instanceof Error ? error.message : String(error)}`.slice(0, MAX_RESULT_CHARS) };
  }
}

/** Makes a backup copy one self-contained file (rollback journal, no -wal beside it) and checks it. */
export function finishBackupCopy(path: string): IntegrityReport {
  let copy: Database.Database;
  try {
    copy = new Database(path, { fileMustExist: true });
  } catch (error) {
    return { ok: false, result: `The copy could not be opened: ${describe(error)}` };
  }
  try {
    // The source is in WAL mode and so is the copy's header: rollback mode keeps the backup one portable file.
    copy.pragma('journal_mode = DELETE');
    return checkIntegrity(copy);
  } catch (error) {
    return { ok: false, result: `The copy could not be finished: ${describe(error)}` };
  } finally {
    copy.close();
  }
}

/** The same checks on a database named by path, opened read-only for the one check (what a worker thread does). */
export type CheckTask = { kind: 'quick'; path: string } | { kind: 'integrity'; path: string } | { kind: 'finishCopy'; path: string };
export type CheckResult = string | IntegrityReport;

/**
 * Throws when the library's database cannot be opened here: that says nothing about its health (the caller then
 * checks on its own connection), whereas a report of damage would make the sweep stand down and alarm the user.
 */
export function runCheckTask(task: CheckTask): CheckResult {
  if (task.kind === 'finishCopy') return finishBackupCopy(task.path);
  const db = new Database(task.path, { readonly: true, fileMustExist: true });
  try {
    return task.kind === 'quick' ? quickCheck(db) : checkIntegrity(db);
  } finally {
    db.close();
  }
}
