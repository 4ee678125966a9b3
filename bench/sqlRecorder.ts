import type { Database, Statement } from 'better-sqlite3';

export interface RecordedCall {
  sql: string;
  /** Reads, and the mode switches (pluck, raw, …) that change what a read returns. */
  method: string;
  args: unknown[];
  /** For `iterate`: how many rows the caller took before it stopped (a caller may stop long before the LIMIT). */
  consumed?: number;
}

/** Passes rows through and counts them, so the replay reads exactly as many. */
const countingIterator = (inner: IterableIterator<unknown>, call: RecordedCall): IterableIterator<unknown> => {
  call.consumed = 0;
  const iterator: IterableIterator<unknown> = {
    next() {
      const step = inner.next();
      if (!step.done) call.consumed!++;
      return step;
    },
    return(value?: unknown) {
      return inner.return?.(value) ?? { done: true, value };
    },
    [Symbol.iterator]: () => iterator,
  };
  return iterator;
};

const METHODS = new Set(['all', 'get', 'run', 'iterate', 'pluck', 'raw', 'expand', 'safeIntegers', 'bind']);

/**
 * A stand-in for a connection that notes every statement executed through it (SQL text and bound values), so the
 * bench can replay exactly the SQL a core function ran, bare, on the same database: the floor under any wrapper.
 * Each recorder is a distinct object, so statement caches keyed by connection (imageQueries.ts) prepare afresh
 * through it rather than handing back statements prepared on the real connection.
 */
export const recordingConnection = (db: Database): { db: Database; calls: RecordedCall[] } => {
  const calls: RecordedCall[] = [];
  const wrap = (statement: Statement, sql: string): Statement => {
    const proxy: Statement = new Proxy(statement, {
      get(target, prop) {
        const value = Reflect.get(target, prop, target) as unknown;
        if (typeof value !== 'function') return value;
        if (typeof prop === 'string' && METHODS.has(prop)) {
          return (...args: unknown[]) => {
            const call: RecordedCall = { sql, method: prop, args };
            calls.push(call);
            const result = (value as (...a: unknown[]) => unknown).apply(target, args);
            if (prop === 'iterate') return countingIterator(result as IterableIterator<unknown>, call);
            // The mode switches return the statement itself, to chain: keep the chain on the recorder.
            return result === target ? proxy : result;
          };
        }
        return (value as (...a: unknown[]) => unknown).bind(target);
      },
    });
    return proxy;
  };
  const proxy = new Proxy(db, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target) as unknown;
      if (prop === 'prepare') return (sql: string) => wrap(target.prepare(sql), sql);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { db: proxy, calls };
};

/** Replays recorded calls with statements prepared once on `db` and kept, as any tuned caller would. */
export const createReplayer = (db: Database) => {
  const statements = new Map<string, Statement>();
  return (calls: readonly RecordedCall[]): void => {
    for (const call of calls) {
      let statement = statements.get(call.sql);
      if (!statement) {
        statement = db.prepare(call.sql);
        statements.set(call.sql, statement);
      }
      if (call.method === 'iterate') {
        const rows = statement.iterate(...call.args);
        for (let i = 0; i < (call.consumed ?? 0) && !rows.next().done; i++);
        rows.return?.();
      } else (statement as unknown as Record<string, (...a: unknown[]) => unknown>)[call.method]!(...call.args);
    }
  };
};
