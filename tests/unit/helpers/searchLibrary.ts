import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { closeDatabase, openDatabase } from '../../../src/main/core/db/openDatabase.ts';
import { type QueryTerm, searchWords, type Tokenize, tokenSpans } from '../../../src/main/core/library/search/searchText.ts';
import type { ImageQuery } from '../../../src/shared/ipc/schemas/library.ts';

/**
 * Synthetic libraries written straight into SQLite (the way a big library is built for the bench), and a plain-JS
 * reference of what every search must return, to compare the index against.
 */
export interface Row {
  id: string;
  createdAt: number;
  prompt: string;
  negative: string | null;
  model: string;
  style: string | null;
  format: 'png' | 'jpeg' | 'webp';
  width: number;
  height: number;
  blurred: boolean;
  favorite: boolean;
  rating: number;
  trashedAt: number | null;
  tags: string[];
  collections: string[];
}

export interface TempDb {
  db: Database;
  dir: string;
  close(): void;
}

export const tempDb = (): TempDb => {
  const dir = mkdtempSync(join(tmpdir(), 'lagoon-search-'));
  const db = openDatabase(join(dir, 'lagoon.db'));
  return {
    db,
    dir,
    close: () => {
      closeDatabase(db);
      rmSync(dir, { recursive: true, force: true });
    },
  };
};

const INSERT_SQL = `INSERT INTO images (id, created_at, prompt, model, endpoint, request_json, response_json, format, width, height,
  byte_size, sha256, file_name, thumb_name, blurred, favorite, rating, trashed_at)
  VALUES (@id, @createdAt, @prompt, @model, 'native', @requestJson, '{}', @format, @width, @height, 1000, @sha, @fileName, @thumbName,
  @blurred, @favorite, @rating, @trashedAt)`;

export const COLLECTION_IDS = ['aaaaaaaa-0000-4000-8000-000000000001', 'bbbbbbbb-0000-4000-8000-000000000002'];

/** Inserts rows, their tags and collection memberships with plain SQL: the triggers alone must keep the index right. */
export const insertRows = (db: Database, rows: readonly Row[]): void => {
  const insert = db.prepare(INSERT_SQL);
  const tag = db.prepare('INSERT INTO tags (name) VALUES (?) ON CONFLICT (name) DO UPDATE SET name = name RETURNING id');
  const link = db.prepare('INSERT INTO image_tags (tag_id, image_id) VALUES (?, ?)');
  const member = db.prepare('INSERT INTO collection_images (collection_id, image_id, added_at) VALUES (?, ?, 1)');
  db.transaction(() => {
    for (const [i, id] of COLLECTION_IDS.entries()) {
      db.prepare('INSERT OR IGNORE INTO collections (id, name, created_at) VALUES (?, ?, 1)').run(id, `Collection ${i}`);
    }
    for (const row of rows) {
      const request: Record<string, unknown> = { prompt: row.prompt, model: row.model };
      if (row.negative !== null) request.negative_prompt = row.negative;
      if (row.style !== null) request.style_preset = row.style;
      insert.run({
        ...row,
        requestJson: JSON.stringify(request),
        sha: row.id.replaceAll('-', '').padEnd(64, '0'),
        fileName: `images/${row.id}.${row.format}`,
        thumbName: `thumbs/${row.id}.webp`,
        blurred: row.blurred ? 1 : 0,
        favorite: row.favorite ? 1 : 0,
      });
      for (const name of row.tags) link.run((tag.get(name) as { id: number }).id, row.id);
      for (const collection of row.collections) member.run(collection, row.id);
    }
  })();
};

/** mulberry32: the same library for a seed on every machine. */
export const random = (seed: number) => {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  return { next, int, pick, chance: (p: number) => next() < p };
};

export const WORDS = [
  'lighthouse', 'light', 'lighting', 'lightning', 'lagoon', 'dawn', 'dusk', 'castle', 'cathedral', 'cat', 'catalogue',
  'café', 'crème', 'naïve', 'Ångström', 'straße', 'fox', 'forest', 'fog', 'golden', 'hour', 'portrait', 'port', 'dragon',
  'dramatic', 'sea', 'season', 'seal', 'AND', 'OR', 'NOT', 'NEAR', '日本語', 'x²', 'ǅemal',
];
export const MODELS = ['flux-dev', 'venice-sd35', 'hidream', 'lustify-sdxl'];
export const TAGS = ['Sea', 'Night', 'favourite pick', 'Été', 'portfolio'];
export const STYLES = ['Cinematic', 'Anime', 'Neon Punk'];
const SIZES: Array<[number, number]> = [[1024, 1024], [1280, 720], [720, 1280], [512, 512]];

const uuid = (r: ReturnType<typeof random>): string => {
  const hex = Array.from({ length: 32 }, () => '0123456789abcdef'[r.int(16)]).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};

/** `count` rows with every searchable and filterable trait; times repeat (ties in created_at) on purpose. */
export const syntheticRows = (count: number, seed = 7): Row[] => {
  const r = random(seed);
  return Array.from({ length: count }, () => {
    const [width, height] = r.pick(SIZES);
    const words = Array.from({ length: 3 + r.int(6) }, () => r.pick(WORDS));
    return {
      id: uuid(r),
      createdAt: 1_700_000_000_000 + r.int(Math.max(1, Math.floor(count / 3))) * 1000,
      prompt: `${words.join(r.chance(0.5) ? ' ' : ', ')}${r.chance(0.2) ? ' 🌅' : ''}`,
      negative: r.chance(0.3) ? `blurry ${r.pick(WORDS)}` : null,
      model: r.pick(MODELS),
      style: r.chance(0.3) ? r.pick(STYLES) : null,
      format: r.pick(['png', 'jpeg', 'webp'] as const),
      width,
      height,
      blurred: r.chance(0.1),
      favorite: r.chance(0.2),
      rating: r.chance(0.5) ? 0 : 1 + r.int(5),
      trashedAt: r.chance(0.1) ? 1_800_000_000_000 : null,
      tags: [...new Set(Array.from({ length: r.int(3) }, () => r.pick(TAGS)))],
      collections: r.chance(0.2) ? [r.pick(COLLECTION_IDS)] : [],
    };
  });
};

const aspectOf = (row: Row): string => (row.width === row.height ? 'square' : row.width > row.height ? 'landscape' : 'portrait');
/** A word searched for: a word starting with it, or one of its other forms. */
const hasWord = (text: string | null, term: QueryTerm): boolean =>
  text !== null && tokenSpans(text).some((s) => s.folded.startsWith(term.folded) || term.forms.includes(s.folded));
/** A word left out: the whole word, or one of its other forms. */
const hasWholeWord = (text: string | null, term: QueryTerm): boolean =>
  text !== null && tokenSpans(text).some((s) => s.folded === term.folded || term.forms.includes(s.folded));
const textsOf = (row: Row): Array<string | null> => [row.prompt, row.negative, row.model, row.style, row.tags.join(' ')];
const foldTag = (s: string) => s.normalize('NFC').toLowerCase();
const byNewest = (a: Row, b: Row): number => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1);

/** Which rows a query must return, in order: the specification of search written the slow, obvious way. */
export const referenceSearch = (rows: readonly Row[], query: ImageQuery, tokenize?: Tokenize): Row[] => {
  const words = searchWords(query.text, tokenize);
  if (words.symbolsOnly) return [];
  const matching = rows.filter(
    (row) =>
      (query.inTrash ? row.trashedAt !== null : row.trashedAt === null) &&
      words.clauses.every((clause) => clause.some((group) => group.every((t) => textsOf(row).some((text) => hasWord(text, t))))) &&
      !words.excluded.some((group) => group.every((t) => textsOf(row).some((text) => hasWholeWord(text, t)))) &&
      (!query.models?.length || query.models.includes(row.model)) &&
      (query.createdFrom === undefined || row.createdAt >= query.createdFrom) &&
      (query.createdTo === undefined || row.createdAt <= query.createdTo) &&
      (query.aspect === undefined || aspectOf(row) === query.aspect) &&
      (!query.formats?.length || query.formats.includes(row.format)) &&
      (query.favorite === undefined || row.favorite === query.favorite) &&
      (query.minRating === undefined || row.rating >= query.minRating) &&
      (query.tags ?? []).every((t) => row.tags.some((own) => foldTag(own) === foldTag(t))) &&
      (query.collectionId === undefined || row.collections.includes(query.collectionId)) &&
      (query.blurred === undefined || row.blurred === query.blurred),
  );
  const sort = query.sort ?? 'newest';
  if (sort === 'oldest') return matching.toSorted((a, b) => -byNewest(a, b));
  if (sort === 'rating') return matching.toSorted((a, b) => b.rating - a.rating || byNewest(a, b));
  return matching.toSorted(byNewest);
};

/** The library as the tables hold it now, for comparing the index with the truth after changes. */
export const readRows = (db: Database): Row[] => {
  const images = db
    .prepare(`SELECT id, created_at AS createdAt, prompt, request_json AS requestJson, model, format, width, height, blurred, favorite, rating,
      trashed_at AS trashedAt FROM images`)
    .all() as Array<Omit<Row, 'negative' | 'style' | 'tags' | 'collections' | 'blurred' | 'favorite'> & { requestJson: string; blurred: number; favorite: number }>;
  const tags = db.prepare('SELECT t.name FROM image_tags AS it JOIN tags AS t ON t.id = it.tag_id WHERE it.image_id = ?');
  const collections = db.prepare('SELECT collection_id AS id FROM collection_images WHERE image_id = ?');
  return images.map(({ requestJson, ...image }) => {
    const request = JSON.parse(requestJson) as Record<string, unknown>;
    return {
      ...image,
      blurred: image.blurred === 1,
      favorite: image.favorite === 1,
      negative: typeof request.negative_prompt === 'string' ? request.negative_prompt : null,
      style: typeof request.style_preset === 'string' ? request.style_preset : null,
      tags: (tags.all(image.id) as Array<{ name: string }>).map((t) => t.name),
      collections: (collections.all(image.id) as Array<{ id: string }>).map((c) => c.id),
    };
  });
};
