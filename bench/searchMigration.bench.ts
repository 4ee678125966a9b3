import { closeDatabase, openDatabase } from '../src/main/core/db/openDatabase.ts';
import { migration0012 } from '../src/main/core/db/migrations/0012-search-lineage.ts';
import type { Figure } from './measure.ts';
import { syntheticLibrary } from './syntheticLibrary.ts';

/** The triggers 0012 makes: the five it recreates (0006's names) and the six it adds. */
const RECREATED = ['images_search_on_update', 'image_tags_search_on_insert', 'image_tags_search_on_delete',
  'collection_images_search_on_insert', 'collection_images_search_on_delete'];
const ADDED = ['image_derivations_search_on_insert', 'image_derivations_search_on_update', 'image_derivations_search_on_delete',
  'image_parents_search_on_insert', 'image_parents_search_on_update', 'image_parents_search_on_delete'];
const ENHANCED_EVERY = 50; // 2% of the images were generated with prompt enhancement
const DERIVED_EVERY = 100; // 1% were made from the image before them

class RolledBack extends Error {}

/**
 * Migration 0012 on the 1M library: what upgrading to the search syntax and lineage filters costs a user. The cached
 * library is already migrated, so the run puts it back as schema 11 left it (0012's triggers dropped, placeholders
 * under the five names it drops), gives a share of the images an enhanced prompt and a parent (the synthetic rows
 * have neither: without them the migration only scans), times `up`, and rolls it all back.
 */
export const migrateSearchLineage1m = async (): Promise<Figure> => {
  const lib = await syntheticLibrary({ count: 1_000_000 });
  const db = openDatabase(lib.dbPath);
  let ms = Number.NaN;
  let reindexed = 0;
  try {
    db.transaction(() => {
      for (const name of [...RECREATED, ...ADDED]) db.exec(`DROP TRIGGER ${name}`);
      for (const name of RECREATED) db.exec(`CREATE TRIGGER ${name} AFTER DELETE ON images WHEN 0 BEGIN SELECT 1; END`);
      db.exec(`UPDATE images SET response_json = json_set(response_json, '$.enhancedPrompt', prompt || ', cinematic, highly detailed')
        WHERE rowid % ${ENHANCED_EVERY} = 0`);
      db.exec(`INSERT INTO image_derivations (image_id, operation, request_json) SELECT id, 'upscale', '{}' FROM images WHERE rowid % ${DERIVED_EVERY} = 1`);
      db.exec(`INSERT INTO image_parents (child_id, position, parent_id, parent_sha256, role)
        SELECT c.id, 0, p.id, p.sha256, 'source' FROM images AS c JOIN images AS p ON p.rowid = c.rowid - 1 WHERE c.rowid % ${DERIVED_EVERY} = 1`);
      reindexed = (db.prepare(`SELECT count(*) AS n FROM (SELECT id FROM images WHERE rowid % ${ENHANCED_EVERY} = 0
        UNION SELECT image_id FROM image_derivations UNION SELECT parent_id FROM image_parents)`).get() as { n: number }).n;
      const start = performance.now();
      migration0012.up(db);
      ms = performance.now() - start;
      throw new RolledBack();
    })();
  } catch (error) {
    if (!(error instanceof RolledBack)) throw error;
  } finally {
    closeDatabase(db);
  }
  const value = ms / 1000;
  return {
    name: 'migrate_search_lineage_1m_s',
    value,
    goal: 'reported',
    met: Number.isFinite(value),
    images: lib.count,
    images_reindexed: reindexed,
    library_cached: lib.cached,
  };
};
