import type { Database, RunResult, Statement } from 'better-sqlite3';

/**
 * The one way core runs SQL: `prepared(db, sql)` prepares a statement once per connection (preparing is the costly
 * part of a small query) and times every use. A use slower than `slowMs` is logged with the statement's name and its
 * milliseconds, never its parameters (they hold prompts, tags and paths). Dynamic SQL is built with the `sql` tag, so
 * values always travel as parameters and never as text.
 */

/** A prepared statement as core uses it; the timing wrapper forwards to better-sqlite3's own. */
export interface Prepared {
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
  run(...params: unknown[]): RunResult;
  iterate(...params: unknown[]): IterableIterator<unknown>;
}

export interface StatementTiming {
  /** Milliseconds, monotonic; tests inject one. */
  now: () => number;
  /** Where a slow statement is reported. */
  log: (line: string) => void;
  /** A use taking longer than this is logged. */
  slowMs: number;
}

const SLOW_STATEMENT_MS = 40;

const DEFAULT_TIMING: StatementTiming = {
  now: () => performance.now(),
  log: (line) => console.warn(line),
  slowMs: SLOW_STATEMENT_MS,
};

interface Connection {
  statements: Map<string, Prepared>;
  timing: StatementTiming;
}

// Statements live as long as their connection and no longer.
const connections = new WeakMap<Database, Connection>();

const connectionOf = (db: Database): Connection => {
  let connection = connections.get(db);
  if (!connection) {
    connection = { statements: new Map(), timing: DEFAULT_TIMING };
    connections.set(db, connection);
  }
  return connection;
};

/** Changes how this connection's statements are timed (tests inject a clock and a log). */
export const setStatementTiming = (db: Database, timing: Partial<StatementTiming>): void => {
  const connection = connectionOf(db);
  connection.timing = { ...connection.timing, ...timing };
};

/** A name for the log: the first words of the SQL, which holds placeholders only, never values. */
const nameOf = (sql: string): string => {
  const words = sql.replace(/\s+/gu, ' ').trim();
  return words.length <= 80 ? words : `${words.slice(0, 79)}…`;
};

const timed = (statement: Statement, name: string, connection: Connection): Prepared => {
  const measure = <T>(use: () => T): T => {
    const { now, log, slowMs } = connection.timing;
    const started = now();
    try {
      return use();
    } finally {
      const ms = now() - started;
      if (ms > slowMs) log(`[db] slow statement (${Math.round(ms)} ms): ${name}`);
    }
  };
  return {
    get: (...params) => measure(() => statement.get(...params)),
    all: (...params) => measure(() => statement.all(...params)),
    run: (...params) => measure(() => statement.run(...params)),
    // An iteration is timed from its start to its end (or to the caller leaving it early).
    *iterate(...params) {
      const { now, log, slowMs } = connection.timing;
      const started = now();
      try {
        yield* statement.iterate(...params);
      } finally {
        const ms = now() - started;
        if (ms > slowMs) log(`[db] slow statement (${Math.round(ms)} ms): ${name}`);
      }
    },
  };
};

/** The statement for `sql` on this connection, prepared on first use; `name` is what the slow-statement log says. */
export const prepared = (db: Database, sql: string, name: string = nameOf(sql)): Prepared => {
  const connection = connectionOf(db);
  let statement = connection.statements.get(sql);
  if (!statement) {
    statement = timed(db.prepare(sql), name, connection);
    connection.statements.set(sql, statement);
  }
  return statement;
};

/** SQL text with its values kept apart, as the `sql` tag builds it. */
export interface Sql {
  readonly text: string;
  readonly params: readonly unknown[];
}

const SQL = Symbol('sql');
type Fragment = Sql & { readonly [SQL]: true };
const fragment = (text: string, params: readonly unknown[]): Fragment => ({ [SQL]: true, text, params });
const isFragment = (value: unknown): value is Fragment => typeof value === 'object' && value !== null && SQL in value;

/**
 * `sql\`… WHERE id = ${id} AND status IN (${statuses})\``: a value becomes a `?` parameter, an array a list of them,
 * and a fragment (from `sql`, `joinSql` or `trustedSql`) is spliced in with its own parameters.
 */
export const sql = (strings: TemplateStringsArray, ...values: unknown[]): Fragment => {
  let text = strings[0] ?? '';
  const params: unknown[] = [];
  values.forEach((value, i) => {
    if (isFragment(value)) {
      text += value.text;
      params.push(...value.params);
    } else if (Array.isArray(value)) {
      text += value.map(() => '?').join(', ');
      params.push(...(value as unknown[]));
    } else {
      text += '?';
      params.push(value);
    }
    text += strings[i + 1] ?? '';
  });
  return fragment(text, params);
};

export const joinSql = (parts: readonly Sql[], separator: string): Fragment =>
  fragment(parts.map((p) => p.text).join(separator), parts.flatMap((p) => p.params));

/** SQL text written by Lagoon itself (a column name from a fixed list), never a value from outside. */
export const trustedSql = (text: string): Fragment => fragment(text, []);

/** Runs a built statement through the same cache and slow-statement log. */
export const preparedSql = (db: Database, query: Sql, name?: string): { get(): unknown; all(): unknown[]; run(): RunResult } => {
  const statement = prepared(db, query.text, name);
  return {
    get: () => statement.get(...query.params),
    all: () => statement.all(...query.params),
    run: () => statement.run(...query.params),
  };
};
