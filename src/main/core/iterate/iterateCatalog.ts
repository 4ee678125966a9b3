import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import { zEditModelInfo, zIteratePrices, type EditModelInfo, type IteratePrices } from '../../../shared/iterate.ts';
import type { IterateClient } from '../venice/iterateClient.ts';

/**
 * The edit and upscale catalogues, cached in the database like the image catalogue so the forms and checks work
 * offline: refreshed when a day old, and a failed refresh keeps the last good copy.
 */
const KEY = 'iterate.catalog';
const MAX_AGE_MS = 24 * 60 * 60 * 1000;
const zCached = z.strictObject({ fetchedAt: z.number(), models: z.array(zEditModelInfo), prices: zIteratePrices });
type Cached = z.infer<typeof zCached>;

export interface IterateCatalog {
  models(): readonly EditModelInfo[];
  prices(): IteratePrices | null;
  fetchedAt(): number | null;
  /** Fetches when stale (or when forced); never throws: offline, the cached copy stays. */
  refresh(opts?: { force?: boolean }): Promise<boolean>;
}

const readCached = (db: Database): Cached | null => {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(KEY) as { value: string } | undefined;
  if (!row) return null;
  try {
    const parsed = zCached.safeParse(JSON.parse(row.value));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
};

export const createIterateCatalog = (deps: { db: Database; client: Pick<IterateClient, 'listEditModels' | 'iteratePrices'>; now?: () => number }): IterateCatalog => {
  const now = deps.now ?? Date.now;
  let cached = readCached(deps.db);
  return {
    models: () => cached?.models ?? [],
    prices: () => cached?.prices ?? null,
    fetchedAt: () => cached?.fetchedAt ?? null,
    refresh: async (opts = {}) => {
      if (!opts.force && cached && now() - cached.fetchedAt < MAX_AGE_MS) return true;
      try {
        const [models, prices] = await Promise.all([deps.client.listEditModels(), deps.client.iteratePrices()]);
        cached = { fetchedAt: now(), models, prices };
        deps.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(KEY, JSON.stringify(cached));
        return true;
      } catch {
        return false;
      }
    },
  };
};
