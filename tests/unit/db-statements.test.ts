import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../../src/main/core/db/openDatabase.ts';
import { joinSql, prepared, preparedSql, setStatementTiming, sql, trustedSql } from '../../src/main/core/db/statements.ts';
import { jobsWithStatus, updateJob } from '../../src/main/core/queue/jobStore.ts';

/** The one statement helper: a cache per connection, the `sql` tag's parameters, and the slow-statement log. */
let dir: string;
let db: Database;
let clock: number;
let lines: string[];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'lagoon-statements-'));
  db = openDatabase(join(dir, 'lagoon.db'));
  clock = 0;
  lines = [];
  setStatementTiming(db, { now: () => clock, log: (line) => lines.push(line) });
});
afterEach(() => {
  closeDatabase(db);
  rmSync(dir, { recursive: true, force: true });
});

const SECRET_PROMPT = 'a secret prompt that must never reach a log';

describe('prepared', () => {
  it('prepares each statement once per connection', () => {
    const first = prepared(db, 'SELECT value FROM settings WHERE key = ?');
    expect(prepared(db, 'SELECT value FROM settings WHERE key = ?')).toBe(first);
    const other = openDatabase(join(dir, 'lagoon.db'));
    try {
      expect(prepared(other, 'SELECT value FROM settings WHERE key = ?')).not.toBe(first);
    } finally {
      closeDatabase(other);
    }
  });

  it('logs a use slower than 40 ms with the statement name and its milliseconds, never the parameters', () => {
    const insert = prepared(db, 'INSERT INTO settings (key, value) VALUES (?, ?)', 'settings.insert');
    setStatementTiming(db, { now: () => (clock += 41) });
    insert.run('prompt.last', SECRET_PROMPT);
    expect(lines).toEqual(['[db] slow statement (41 ms): settings.insert']);
  });

  it('stays quiet at 40 ms and below', () => {
    setStatementTiming(db, { now: () => (clock += 40) });
    prepared(db, 'INSERT INTO settings (key, value) VALUES (?, ?)').run('k', SECRET_PROMPT);
    expect(prepared(db, 'SELECT value FROM settings WHERE key = ?').get('k')).toEqual({ value: SECRET_PROMPT });
    expect(lines).toEqual([]);
  });

  it('names an unnamed statement by its SQL (placeholders only) and times an iteration to its end', () => {
    prepared(db, 'INSERT INTO settings (key, value) VALUES (?, ?)').run('a', SECRET_PROMPT);
    prepared(db, 'INSERT INTO settings (key, value) VALUES (?, ?)').run('b', SECRET_PROMPT);
    const rows = prepared(db, 'SELECT key FROM settings ORDER BY key').iterate();
    expect(rows.next().value).toEqual({ key: 'a' });
    clock += 500; // the caller is slow between rows
    expect([...rows]).toEqual([{ key: 'b' }]);
    expect(lines).toEqual(['[db] slow statement (500 ms): SELECT key FROM settings ORDER BY key']);
    expect(lines.join('\n')).not.toContain(SECRET_PROMPT);
  });

  it('logs a statement that fails slowly, and the error still reaches the caller', () => {
    prepared(db, 'INSERT INTO settings (key, value) VALUES (?, ?)', 'settings.insert').run('dup', '1');
    setStatementTiming(db, { now: () => (clock += 100) });
    expect(() => prepared(db, 'INSERT INTO settings (key, value) VALUES (?, ?)').run('dup', SECRET_PROMPT)).toThrow(/UNIQUE/);
    expect(lines).toEqual(['[db] slow statement (100 ms): settings.insert']);
  });
});

describe('the sql tag', () => {
  it('keeps values as parameters: arrays become lists, fragments are spliced with their own parameters', () => {
    const hostile = "x'); DROP TABLE settings; --";
    const where = joinSql([sql`key = ${hostile}`, sql`value IN (${['1', '2']})`], ' OR ');
    const query = sql`SELECT ${trustedSql('key')} FROM settings WHERE ${where}`;
    expect(query.text).toBe('SELECT key FROM settings WHERE key = ? OR value IN (?, ?)');
    expect(query.params).toEqual([hostile, '1', '2']);
    expect(preparedSql(db, query).all()).toEqual([]);
    expect(prepared(db, "SELECT name FROM sqlite_master WHERE name = 'settings'").get()).toEqual({ name: 'settings' });
  });

  it('builds the job store\'s dynamic updates and filters', () => {
    // Rows go in with plain SQL, so this test does not depend on how the store creates jobs.
    const request = JSON.stringify({ endpoint: 'openai', prompt: SECRET_PROMPT, model: 'venice-sd35' });
    const insert = db.prepare(`INSERT INTO jobs (id, created_at, status, endpoint, request_json, prompt) VALUES (?, ?, 'queued', 'openai', ?, ?)`);
    const [one, two] = ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002'];
    insert.run(one, 1, request, SECRET_PROMPT);
    insert.run(two, 2, request, SECRET_PROMPT);
    expect(updateJob(db, one, ['queued'], { status: 'running', startedAt: 5, attempts: 1 })).toMatchObject({ status: 'running', startedAt: 5, attempts: 1 });
    expect(updateJob(db, one, ['queued'], { status: 'failed' })).toBeNull();
    expect(jobsWithStatus(db, ['running', 'failed']).map((j) => j.id)).toEqual([one]);
    expect(jobsWithStatus(db, ['queued', 'running']).map((j) => j.id)).toEqual([one, two]);
    expect(lines).toEqual([]);
  });
});
