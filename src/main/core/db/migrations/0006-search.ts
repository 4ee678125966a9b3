import type { Migration } from '../migrate.ts';

/**
 * Full-text search and every filter, answered by one FTS5 index, newest (or oldest) first without a sort.
 *
 * `images.doc_key` is the image's place in the library's order: created_at (ms) * 1024 plus a slot taken from the
 * id's first 10 bits, so ties within a millisecond keep the id order the skeleton listed them in. It is the FTS
 * rowid, so `ORDER BY rowid DESC LIMIT n` streams matches newest first and stops after n: no match set is ever
 * materialised or sorted, however common the words. It is its own column because the implicit rowid of `images`
 * may be renumbered by VACUUM; the key never is. 1024 slots, not more: FTS5 stores rowid deltas as varints, and a
 * 2^20 multiplier made the index 25% larger (measured) for ties that never happen outside tests.
 *
 * `image_search` is CONTENTLESS (content='') with contentless_delete=1, detail=column:
 * - a regular table would store a second copy of every prompt (hundreds of MB at 1M images) only so that
 *   highlight() can work; we highlight in JS from the prompt we fetch anyway (search/searchText.ts);
 * - external content would need the exact old values on every delete, and negative prompt, style and tags are not
 *   columns of `images` (they come from JSON and a join): one missed old value and the index is silently corrupt;
 * - contentless_delete lets triggers drop a document by rowid alone; detail=column keeps column filters (text vs
 *   facets) without token positions (no phrase or NEAR queries are ever run). detail=none would be 25% smaller but
 *   loses column filters, and its prefix merges measured 15x slower.
 * The `facets` column holds machine tokens (live|trash, fav, r0..r5, f<format>, a<aspect>, blur, m<hex model>,
 * t<tag id>, c<collection id>), so every filter is a doclist intersection inside FTS5 rather than a row-by-row
 * check; the user's words only ever match the five text columns. Prefix indexes of 1–3 characters let
 * search-as-you-type stream from the first keystroke (longer words: search/collectMatches.ts). At 1M synthetic
 * images the index is about 0.7 GB next to 1.6 GB of rows, against terabytes of image files.
 * Triggers keep the index right whoever writes: ingest, curation, trash, purge, a hand-run DELETE.
 *
 * The SQL lives here, not in a shared module: a shipped migration must never change.
 */
const MAX_MS = Number.MAX_SAFE_INTEGER; // 2^53 - 1: the largest key is then exactly 2^63 - 1
const SLOTS = 1024; // per millisecond

const hexDigit = (expr: string, i: number): string => `max(0, instr('0123456789abcdef', substr(lower(${expr}), ${i + 1}, 1)) - 1)`;
/** The first 10 bits of a uuid: where it falls among the ids of its millisecond. */
const idSlot = (id: string): string => `(${hexDigit(id, 0)} * 64 + ${hexDigit(id, 1)} * 4 + ${hexDigit(id, 2)} / 4)`;

/**
 * The key for a row (created_at, id, rowid): its id's slot when free; otherwise a slot strictly between its id
 * neighbours in that millisecond (so ties stay in id order); otherwise, with more same-millisecond rows than slots
 * allow, the first free key past the millisecond (that row's order is then off by a few ms; nothing is refused: an
 * image must never fail to be stored because of its index).
 */
const keyFor = (createdAt: string, id: string, rowid: string): string => {
  const inBucket = `FROM images WHERE doc_key BETWEEN b.base AND b.base + ${SLOTS - 1} AND rowid <> ${rowid}`;
  return `(
  SELECT CASE
    WHEN k.want > k.below AND k.want < k.above AND NOT EXISTS (SELECT 1 FROM images WHERE doc_key = k.want AND rowid <> ${rowid}) THEN k.want
    WHEN k.above - k.below >= 2 THEN (k.below + k.above) / 2
    WHEN NOT EXISTS (SELECT 1 FROM images WHERE doc_key = k.base + ${SLOTS}) THEN k.base + ${SLOTS}
    ELSE (SELECT f.doc_key + 1 FROM images AS f
          WHERE f.doc_key >= k.base + ${SLOTS} AND NOT EXISTS (SELECT 1 FROM images AS n WHERE n.doc_key = f.doc_key + 1)
          ORDER BY f.doc_key LIMIT 1)
  END
  FROM (SELECT b.base, b.base + ${idSlot(id)} AS want,
          coalesce((SELECT max(doc_key) ${inBucket} AND id < ${id}), b.base - 1) AS below,
          coalesce((SELECT min(doc_key) ${inBucket} AND id > ${id}), b.base + ${SLOTS}) AS above
        FROM (SELECT min(${createdAt}, ${MAX_MS}) * ${SLOTS} AS base) AS b) AS k)`;
};

const textField = (field: string): string =>
  `CASE WHEN json_valid(i.request_json) AND json_type(i.request_json, '$.${field}') = 'text' THEN json_extract(i.request_json, '$.${field}') END`;

/** The document of image `i`: five text columns, then the facet tokens. */
const DOCUMENT = `i.doc_key, i.prompt, ${textField('negative_prompt')}, i.model, ${textField('style_preset')},
  (SELECT group_concat(t.name, ' ') FROM image_tags AS it JOIN tags AS t ON t.id = it.tag_id WHERE it.image_id = i.id),
  CASE WHEN i.trashed_at IS NULL THEN 'live' ELSE 'trash' END
    || CASE WHEN i.favorite = 1 THEN ' fav' ELSE '' END
    || ' r' || i.rating
    || ' f' || i.format
    || CASE WHEN i.width = i.height THEN ' asquare' WHEN i.width > i.height THEN ' alandscape' ELSE ' aportrait' END
    || CASE WHEN i.blurred = 1 THEN ' blur' ELSE '' END
    || ' m' || hex(i.model)
    || coalesce((SELECT group_concat(' t' || it.tag_id, '') FROM image_tags AS it WHERE it.image_id = i.id), '')
    || coalesce((SELECT group_concat(' c' || replace(ci.collection_id, '-', ''), '') FROM collection_images AS ci WHERE ci.image_id = i.id), '')`;

const INSERT_DOCUMENT = `INSERT INTO image_search (rowid, prompt, negative, model, style, tags, facets) SELECT ${DOCUMENT} FROM images AS i`;

/** Re-indexes one image (named by an expression over the trigger's row); a no-op when it no longer exists. */
const reindex = (imageId: string): string => `
  DELETE FROM image_search WHERE rowid = (SELECT doc_key FROM images WHERE id = ${imageId});
  ${INSERT_DOCUMENT} WHERE i.id = ${imageId} AND i.doc_key IS NOT NULL;`;

export const migration0006: Migration = {
  version: 6,
  name: 'search',
  up(db) {
    db.exec(`
      ALTER TABLE images ADD COLUMN doc_key INTEGER CHECK (doc_key IS NULL OR doc_key >= 0);
      -- Existing rows, in (created_at, id) order: the i-th row of a millisecond gets slot i; a millisecond holding
      -- more than ${SLOTS} rows spills into the next keys (key = max(base, previous key + 1), as a running maximum).
      UPDATE images SET doc_key = r.key FROM (
        SELECT rid, rn + max(base - rn) OVER (ORDER BY base, id ROWS UNBOUNDED PRECEDING) AS key
        FROM (SELECT rowid AS rid, id, min(created_at, ${MAX_MS}) * ${SLOTS} AS base,
                row_number() OVER (ORDER BY min(created_at, ${MAX_MS}), id) AS rn
              FROM images)) AS r
      WHERE images.rowid = r.rid;
      CREATE UNIQUE INDEX images_by_doc_key ON images (doc_key);
      -- The live library's grid, newest or oldest first, with no sort step and no trashed rows to skip. trashed_at
      -- (always NULL here) makes it covering for the live count, which otherwise reads every row.
      CREATE INDEX images_live ON images (doc_key, trashed_at) WHERE trashed_at IS NULL;
      -- Superseded by images_live: nothing orders by (created_at, id) any more.
      DROP INDEX images_by_created;

      CREATE VIRTUAL TABLE image_search USING fts5 (
        prompt, negative, model, style, tags, facets,
        content = '', contentless_delete = 1, detail = column,
        tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3'
      );
      ${INSERT_DOCUMENT} WHERE i.doc_key IS NOT NULL;
      INSERT INTO image_search (image_search) VALUES ('optimize');

      CREATE TRIGGER images_key_on_insert AFTER INSERT ON images BEGIN
        UPDATE images SET doc_key = ${keyFor('NEW.created_at', 'NEW.id', 'NEW.rowid')} WHERE rowid = NEW.rowid;
      END;
      CREATE TRIGGER images_key_on_created AFTER UPDATE OF created_at ON images BEGIN
        UPDATE images SET doc_key = ${keyFor('NEW.created_at', 'NEW.id', 'NEW.rowid')} WHERE rowid = NEW.rowid;
      END;
      CREATE TRIGGER images_search_on_update
        AFTER UPDATE OF doc_key, prompt, model, request_json, format, width, height, blurred, favorite, rating, trashed_at ON images BEGIN
        DELETE FROM image_search WHERE rowid = OLD.doc_key;
        ${INSERT_DOCUMENT} WHERE i.rowid = NEW.rowid AND i.doc_key IS NOT NULL;
      END;
      CREATE TRIGGER images_search_on_delete AFTER DELETE ON images BEGIN
        DELETE FROM image_search WHERE rowid = OLD.doc_key;
      END;
      CREATE TRIGGER image_tags_search_on_insert AFTER INSERT ON image_tags BEGIN ${reindex('NEW.image_id')} END;
      CREATE TRIGGER image_tags_search_on_delete AFTER DELETE ON image_tags BEGIN ${reindex('OLD.image_id')} END;
      CREATE TRIGGER collection_images_search_on_insert AFTER INSERT ON collection_images BEGIN ${reindex('NEW.image_id')} END;
      CREATE TRIGGER collection_images_search_on_delete AFTER DELETE ON collection_images BEGIN ${reindex('OLD.image_id')} END;
    `);
  },
};
