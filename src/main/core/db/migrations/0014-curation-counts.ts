import type { Migration } from '../migrate.ts';

/**
 * How many live (not trashed) images each tag and each collection holds, kept in their rows by triggers: what the
 * sidebar shows at launch. Counting them on demand read every link and every trashed image (at 1M images with a
 * cold page cache: 1.4 s on main's thread, ahead of the grid's first page and its thumbnails).
 *
 * Triggers keep the counts right whoever writes:
 * - a link added or removed counts when its image is live;
 * - an image trashed or restored moves every one of its links;
 * - a live image deleted takes its links away BEFORE the delete: the cascade that removes the links runs once the
 *   image row is already gone, so the link triggers no longer see a live image and change nothing.
 * A tag or collection deleted takes its counts with it.
 *
 * The SQL lives here, not in a shared module: a shipped migration must never change.
 */
const isLive = (imageId: string): string => `EXISTS (SELECT 1 FROM images WHERE id = ${imageId} AND trashed_at IS NULL)`;

const linkTriggers = (links: string, owners: string, ownerColumn: string): string => `
  CREATE TRIGGER ${links}_live_on_insert AFTER INSERT ON ${links} WHEN ${isLive('NEW.image_id')} BEGIN
    UPDATE ${owners} SET live_images = live_images + 1 WHERE id = NEW.${ownerColumn};
  END;
  CREATE TRIGGER ${links}_live_on_delete AFTER DELETE ON ${links} WHEN ${isLive('OLD.image_id')} BEGIN
    UPDATE ${owners} SET live_images = live_images - 1 WHERE id = OLD.${ownerColumn};
  END;`;

const moveAll = (imageId: string, delta: string): string => `
  UPDATE tags SET live_images = live_images + ${delta} WHERE id IN (SELECT tag_id FROM image_tags WHERE image_id = ${imageId});
  UPDATE collections SET live_images = live_images + ${delta}
    WHERE id IN (SELECT collection_id FROM collection_images WHERE image_id = ${imageId});`;

export const migration0014: Migration = {
  version: 14,
  name: 'curation-counts',
  up(db) {
    db.exec(`
      ALTER TABLE tags ADD COLUMN live_images INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE collections ADD COLUMN live_images INTEGER NOT NULL DEFAULT 0;
      -- All links (one pass over each primary key) minus the trashed images' links (the trash's partial index).
      CREATE TEMP TABLE counted (kind TEXT NOT NULL, id NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (kind, id));
      INSERT INTO counted SELECT 't', tag_id, count(*) FROM image_tags GROUP BY tag_id;
      INSERT INTO counted SELECT 'c', collection_id, count(*) FROM collection_images GROUP BY collection_id;
      INSERT INTO counted SELECT 'tt', it.tag_id, count(*) FROM images AS i JOIN image_tags AS it ON it.image_id = i.id
        WHERE i.trashed_at IS NOT NULL GROUP BY it.tag_id;
      INSERT INTO counted SELECT 'ct', ci.collection_id, count(*) FROM images AS i JOIN collection_images AS ci ON ci.image_id = i.id
        WHERE i.trashed_at IS NOT NULL GROUP BY ci.collection_id;
      UPDATE tags SET live_images = coalesce((SELECT n FROM counted WHERE kind = 't' AND id = tags.id), 0)
        - coalesce((SELECT n FROM counted WHERE kind = 'tt' AND id = tags.id), 0);
      UPDATE collections SET live_images = coalesce((SELECT n FROM counted WHERE kind = 'c' AND id = collections.id), 0)
        - coalesce((SELECT n FROM counted WHERE kind = 'ct' AND id = collections.id), 0);
      DROP TABLE counted;

      ${linkTriggers('image_tags', 'tags', 'tag_id')}
      ${linkTriggers('collection_images', 'collections', 'collection_id')}
      CREATE TRIGGER images_curation_on_trash AFTER UPDATE OF trashed_at ON images
        WHEN OLD.trashed_at IS NULL AND NEW.trashed_at IS NOT NULL BEGIN ${moveAll('NEW.id', '-1')} END;
      CREATE TRIGGER images_curation_on_restore AFTER UPDATE OF trashed_at ON images
        WHEN OLD.trashed_at IS NOT NULL AND NEW.trashed_at IS NULL BEGIN ${moveAll('NEW.id', '1')} END;
      CREATE TRIGGER images_curation_on_delete BEFORE DELETE ON images WHEN OLD.trashed_at IS NULL BEGIN ${moveAll('OLD.id', '-1')} END;
    `);
  },
};
