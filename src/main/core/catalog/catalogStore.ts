import type { Database } from 'better-sqlite3';
import { type ModelInfo, zModelInfo } from '../../../shared/models.ts';
import { prepared } from '../db/statements.ts';

/** The cached catalogue as it sits in SQLite (models_cache + catalog_meta), read and replaced as a whole. */
export interface CachedCatalog {
  models: ModelInfo[];
  styles: string[];
  traits: Record<string, string>;
  fetchedAt: number | null;
}

const META_FETCHED_AT = 'fetched_at';
const META_STYLES = 'styles_json';
const META_TRAITS = 'traits_json';

const parseJson = (text: string | undefined): unknown => {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
};

const stringArray = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

const stringRecord = (value: unknown): Record<string, string> => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string'));
};

/**
 * A row written by an older or newer Lagoon whose ModelInfo shape differs is skipped rather than trusted: the cache
 * is only a copy, and the next refresh rewrites it.
 */
export const readCatalog = (db: Database): CachedCatalog => {
  const rows = prepared(db, 'SELECT info_json AS json FROM models_cache ORDER BY position').all() as Array<{ json: string }>;
  const models = rows.flatMap((row) => {
    const parsed = zModelInfo.safeParse(parseJson(row.json));
    return parsed.success ? [parsed.data] : [];
  });
  const meta = new Map(
    (prepared(db, 'SELECT key, value FROM catalog_meta').all() as Array<{ key: string; value: string }>).map((r) => [r.key, r.value]),
  );
  const fetchedAt = Number(meta.get(META_FETCHED_AT));
  return {
    models,
    styles: stringArray(parseJson(meta.get(META_STYLES))),
    traits: stringRecord(parseJson(meta.get(META_TRAITS))),
    fetchedAt: meta.has(META_FETCHED_AT) && Number.isSafeInteger(fetchedAt) ? fetchedAt : null,
  };
};

/** One IMMEDIATE transaction: a reader sees the old catalogue or the new one, never a mix. */
export const replaceCatalog = (db: Database, catalog: CachedCatalog & { fetchedAt: number }): void => {
  const insertModel = prepared(db, 'INSERT INTO models_cache (id, info_json, position) VALUES (?, ?, ?)');
  const setMeta = prepared(db, 'INSERT INTO catalog_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  db.transaction(() => {
    prepared(db, 'DELETE FROM models_cache').run();
    const seen = new Set<string>();
    catalog.models.forEach((model, position) => {
      // Venice has never listed an id twice; if it did, the first entry wins instead of the refresh failing.
      if (seen.has(model.id)) return;
      seen.add(model.id);
      insertModel.run(model.id, JSON.stringify(model), position);
    });
    setMeta.run(META_STYLES, JSON.stringify(catalog.styles));
    setMeta.run(META_TRAITS, JSON.stringify(catalog.traits));
    setMeta.run(META_FETCHED_AT, String(catalog.fetchedAt));
  }).immediate();
};
