import type Database from 'better-sqlite3';
import { COLLECTION_COUNT, createRandom, type SyntheticRow } from './syntheticRows.ts';
import { TAGS } from './syntheticWords.ts';

const columnsOf = (db: Database.Database, table: string): Set<string> =>
  new Set((db.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string }>).map((c) => c.name));

/** The tags, collections and settings every synthetic library has; returns what the row inserts refer to. */
export const insertFixedData = (db: Database.Database, seed: number): { tagIds: Map<string, number>; collectionIds: string[] } =>
  db.transaction(() => {
    const insertTag = db.prepare('INSERT INTO tags (name) VALUES (?)');
    const tagIds = new Map(TAGS.map((tag) => [tag, Number(insertTag.run(tag).lastInsertRowid)] as const));
    const random = createRandom(seed);
    const collectionIds = Array.from({ length: COLLECTION_COUNT }, () => {
      const h = random.hex(32);
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
    });
    const insertCollection = db.prepare('INSERT INTO collections (id, name, created_at) VALUES (?, ?, ?)');
    collectionIds.forEach((id, i) => insertCollection.run(id, `Collection ${i + 1}`, Date.UTC(2025, 0, 1 + i)));
    const setting = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)');
    // A user's settings: the longest trash retention allowed, so the launch purge never deletes the cache's trashed
    // rows as they age; one backup kept, so the daily launch backup does not pile up copies inside the cache.
    setting.run('library.trashRetentionDays', '3650');
    setting.run('library.backupsToKeep', '1');
    return { tagIds, collectionIds };
  })();

/** Plain INSERTs of exactly the rows the app would have written, so every trigger the schema has at this point fires. */
export const createRowInserter = (db: Database.Database, refs: { tagIds: Map<string, number>; collectionIds: string[] }) => {
  const columns = columnsOf(db, 'images');
  for (const needed of ['favorite', 'rating', 'trashed_at']) if (!columns.has(needed)) throw new Error(`images.${needed} is missing: the schema changed`);
  const insertImage = db.prepare(`INSERT INTO images
    (id, created_at, prompt, model, endpoint, request_json, response_json, format, width, height, byte_size, sha256, file_name, thumb_name,
     blurred, price_usd, favorite, rating, trashed_at)
    VALUES (@id, @createdAt, @prompt, @model, @endpoint, @requestJson, @responseJson, @format, @width, @height, @byteSize, @sha256,
     @fileName, @thumbName, @blurred, @priceUsd, @favorite, @rating, @trashedAt)`);
  const insertImageTag = db.prepare('INSERT INTO image_tags (tag_id, image_id) VALUES (?, ?)');
  const insertMember = db.prepare('INSERT INTO collection_images (collection_id, image_id, added_at) VALUES (?, ?, ?)');
  return (row: SyntheticRow): void => {
    const ext = row.format === 'jpeg' ? 'jpg' : row.format;
    const shard = row.id.slice(0, 2);
    insertImage.run({ ...row, fileName: `images/${shard}/${row.id}.${ext}`, thumbName: `thumbs/${shard}/${row.id}.webp` });
    for (const tag of row.tags) insertImageTag.run(refs.tagIds.get(tag), row.id);
    for (const c of row.collections) insertMember.run(refs.collectionIds[c], row.id, row.createdAt + 60_000);
  };
};
