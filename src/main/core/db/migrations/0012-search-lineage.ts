import type { Migration } from '../migrate.ts';

/**
 * Search finds what the enhancer wrote, and filters by lineage.
 *
 * The search document (0006) gains:
 * - the prompt Venice's enhancer wrote (`x-venice-enhanced-prompt`, kept in `images.response_json` as
 *   `enhancedPrompt` for generations and the edit family alike), appended to the `prompt` column: it is searched as
 *   the prompt is, and no column is added (an FTS5 table cannot gain one without a rebuild of the whole index);
 * - two lineage facets: `k<operation>` (kedit, kcombine, kupscale, kbgremoved) for an image made from others, from
 *   `image_derivations` (0009; a generation with reference images counts as an original), and `vers` for an image
 *   that others were made from (`image_parents`). An original is an image with no `k` facet, so no facet is needed
 *   for it and the images without lineage (nearly all of a library that predates 0009) keep their documents.
 *
 * The triggers that write documents are recreated with the new document, and new ones on `image_derivations` and
 * `image_parents` re-index the image (or the parent) whose lineage changed; foreign-key cascades fire them too, so a
 * purged child takes its parent's `vers` with it. Only the images whose document changes are re-indexed: those with
 * an enhanced prompt, a derivation or a child — one `response_json` scan (instr, no JSON parsing) and two small tables,
 * then each of them looked up by id.
 *
 * The SQL lives here, not in a shared module: a shipped migration must never change.
 */
const textField = (column: string, field: string): string =>
  `CASE WHEN json_valid(i.${column}) AND json_type(i.${column}, '$.${field}') = 'text' THEN json_extract(i.${column}, '$.${field}') END`;

const KIND_FACET = `coalesce((SELECT CASE d.operation WHEN 'edit' THEN ' kedit' WHEN 'combine' THEN ' kcombine' WHEN 'upscale' THEN ' kupscale'
    WHEN 'remove-background' THEN ' kbgremoved' ELSE '' END FROM image_derivations AS d WHERE d.image_id = i.id), '')`;

/** The document of image `i`: five text columns (the prompt with the enhanced prompt after it), then the facet tokens. */
const DOCUMENT = `i.doc_key, i.prompt || coalesce(char(10) || ${textField('response_json', 'enhancedPrompt')}, ''),
  ${textField('request_json', 'negative_prompt')}, i.model, ${textField('request_json', 'style_preset')},
  (SELECT group_concat(t.name, ' ') FROM image_tags AS it JOIN tags AS t ON t.id = it.tag_id WHERE it.image_id = i.id),
  CASE WHEN i.trashed_at IS NULL THEN 'live' ELSE 'trash' END
    || CASE WHEN i.favorite = 1 THEN ' fav' ELSE '' END
    || ' r' || i.rating
    || ' f' || i.format
    || CASE WHEN i.width = i.height THEN ' asquare' WHEN i.width > i.height THEN ' alandscape' ELSE ' aportrait' END
    || CASE WHEN i.blurred = 1 THEN ' blur' ELSE '' END
    || ' m' || hex(i.model)
    || coalesce((SELECT group_concat(' t' || it.tag_id, '') FROM image_tags AS it WHERE it.image_id = i.id), '')
    || coalesce((SELECT group_concat(' c' || replace(ci.collection_id, '-', ''), '') FROM collection_images AS ci WHERE ci.image_id = i.id), '')
    || ${KIND_FACET}
    || CASE WHEN EXISTS (SELECT 1 FROM image_parents AS p WHERE p.parent_id = i.id) THEN ' vers' ELSE '' END`;

const INSERT_DOCUMENT = `INSERT INTO image_search (rowid, prompt, negative, model, style, tags, facets) SELECT ${DOCUMENT} FROM images AS i`;

/** Re-indexes one image (named by an expression over the trigger's row); a no-op when it no longer exists. */
const reindex = (imageId: string): string => `
  DELETE FROM image_search WHERE rowid = (SELECT doc_key FROM images WHERE id = ${imageId});
  ${INSERT_DOCUMENT} WHERE i.id = ${imageId} AND i.doc_key IS NOT NULL;`;

export const migration0012: Migration = {
  version: 12,
  name: 'search-lineage',
  up(db) {
    db.exec(`
      DROP TRIGGER images_search_on_update;
      DROP TRIGGER image_tags_search_on_insert;
      DROP TRIGGER image_tags_search_on_delete;
      DROP TRIGGER collection_images_search_on_insert;
      DROP TRIGGER collection_images_search_on_delete;

      CREATE TRIGGER images_search_on_update
        AFTER UPDATE OF doc_key, prompt, model, request_json, response_json, format, width, height, blurred, favorite, rating, trashed_at
        ON images BEGIN
        DELETE FROM image_search WHERE rowid = OLD.doc_key;
        ${INSERT_DOCUMENT} WHERE i.rowid = NEW.rowid AND i.doc_key IS NOT NULL;
      END;
      CREATE TRIGGER image_tags_search_on_insert AFTER INSERT ON image_tags BEGIN ${reindex('NEW.image_id')} END;
      CREATE TRIGGER image_tags_search_on_delete AFTER DELETE ON image_tags BEGIN ${reindex('OLD.image_id')} END;
      CREATE TRIGGER collection_images_search_on_insert AFTER INSERT ON collection_images BEGIN ${reindex('NEW.image_id')} END;
      CREATE TRIGGER collection_images_search_on_delete AFTER DELETE ON collection_images BEGIN ${reindex('OLD.image_id')} END;
      CREATE TRIGGER image_derivations_search_on_insert AFTER INSERT ON image_derivations BEGIN ${reindex('NEW.image_id')} END;
      CREATE TRIGGER image_derivations_search_on_update AFTER UPDATE OF operation ON image_derivations BEGIN ${reindex('NEW.image_id')} END;
      CREATE TRIGGER image_derivations_search_on_delete AFTER DELETE ON image_derivations BEGIN ${reindex('OLD.image_id')} END;
      CREATE TRIGGER image_parents_search_on_insert AFTER INSERT ON image_parents WHEN NEW.parent_id IS NOT NULL BEGIN
        ${reindex('NEW.parent_id')}
      END;
      CREATE TRIGGER image_parents_search_on_update AFTER UPDATE OF parent_id ON image_parents BEGIN
        ${reindex('OLD.parent_id')}
        ${reindex('NEW.parent_id')}
      END;
      CREATE TRIGGER image_parents_search_on_delete AFTER DELETE ON image_parents WHEN OLD.parent_id IS NOT NULL BEGIN
        ${reindex('OLD.parent_id')}
      END;

      -- One scan of the images (for the enhanced prompts); everything after it starts from the few ids found and
      -- looks each image up by id (CROSS JOIN keeps the list outside: a plain join scanned the million rows again).
      CREATE TEMP TABLE reindex_0012 (id TEXT PRIMARY KEY) WITHOUT ROWID;
      INSERT OR IGNORE INTO reindex_0012 (id) SELECT id FROM images WHERE instr(response_json, '"enhancedPrompt"') > 0;
      INSERT OR IGNORE INTO reindex_0012 (id) SELECT image_id FROM image_derivations;
      INSERT OR IGNORE INTO reindex_0012 (id) SELECT parent_id FROM image_parents WHERE parent_id IS NOT NULL;
      DELETE FROM image_search WHERE rowid IN (SELECT i.doc_key FROM reindex_0012 AS r CROSS JOIN images AS i ON i.id = r.id);
      INSERT INTO image_search (rowid, prompt, negative, model, style, tags, facets)
        SELECT ${DOCUMENT} FROM reindex_0012 AS r CROSS JOIN images AS i ON i.id = r.id WHERE i.doc_key IS NOT NULL;
      DROP TABLE reindex_0012;
    `);
  },
};
