import type { Database } from 'better-sqlite3';
import { prepared } from '../../db/statements.ts';

/**
 * How FTS5 itself splits a word of the search box. The JS splitter (shared/searchSyntax.ts) agrees with unicode61
 * for the scripts people type, but SQLite's Unicode tables are its own (a vowel sign it counts as a separator, a
 * letter newer than its tables), and a word FTS5 splits in two is a phrase, which an index without positions
 * refuses with an error. So a word outside ASCII is put through the tokenizer itself: a temporary table of this
 * connection (never the library file) holding the one word, read back token by token through fts5vocab.
 */
const ASCII_RE = /^[\p{ASCII}]*$/u;
const ready = new WeakSet<Database>();

const prepare = (db: Database): void => {
  if (ready.has(db)) return;
  db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_probe USING fts5 (a, tokenize = 'unicode61 remove_diacritics 2');
    CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_probe_tokens USING fts5vocab (temp, search_probe, instance);`);
  ready.add(db);
};

/**
 * The word as the words FTS5 makes of it. One token: the word as typed (FTS5 folds it itself, and the JS checks
 * fold the typed word the way they fold prompts: "ΣΊΣΥΦΟΣ" keeps its final ς). Several, or none: the tokens as
 * FTS5 folded them.
 */
export const ftsTokens = (db: Database, word: string): string[] => {
  if (ASCII_RE.test(word)) return [word];
  prepare(db);
  prepared(db, 'INSERT INTO temp.search_probe (rowid, a) VALUES (1, ?)').run(word);
  try {
    const tokens = (prepared(db, 'SELECT term FROM temp.search_probe_tokens ORDER BY offset').all() as Array<{ term: string }>).map((row) => row.term);
    return tokens.length === 1 ? [word] : tokens;
  } finally {
    prepared(db, 'DELETE FROM temp.search_probe').run();
  }
};
