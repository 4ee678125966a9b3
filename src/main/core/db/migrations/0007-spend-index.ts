import type { Migration } from '../migrate.ts';

/**
 * Today's spend sums the prices of images stored since local midnight. 0006 replaced the (created_at, id) index
 * with search's own keys, which left that sum scanning every row (~0.3–0.45 s on main at 1M images, on every
 * account status). A plain index on created_at makes it a range over today's rows only.
 */
export const migration0007: Migration = {
  version: 7,
  name: 'spend-index',
  up(db) {
    db.exec('CREATE INDEX images_by_created_at ON images (created_at)');
  },
};
