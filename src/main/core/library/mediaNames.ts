import type { MediaKind } from '../../../shared/app.ts';
import type { ImageFormat } from '../../../shared/venice.ts';
import { isImageId } from './imageId.ts';

/**
 * The one definition of where an image and its thumbnail live: `<dir>/<shard>/<id>.<ext>`, the shard being the
 * first two hex digits of the id (keeps every folder small). Ingest writes these names and the startup sweep only
 * ever touches files that match them exactly, so both must read the rule from here.
 */
export const MEDIA_DIRS: Readonly<Record<MediaKind, string>> = { image: 'images', thumb: 'thumbs' };
const IMAGE_EXTENSIONS: Readonly<Record<ImageFormat, string>> = { png: 'png', jpeg: 'jpg', webp: 'webp' };
const THUMB_EXTENSION = 'webp';

const SHARD_RE = /^[0-9a-f]{2}$/;
const MEDIA_FILE_RE = /^(.+)\.([a-z]+)$/;

export const shardOf = (id: string): string => id.slice(0, 2);

/** '/'-separated and relative to the data folder, so the library folder can move between machines and OSes. */
export const mediaName = (kind: MediaKind, row: { id: string; format: ImageFormat }): string =>
  `${MEDIA_DIRS[kind]}/${shardOf(row.id)}/${row.id}.${kind === 'image' ? IMAGE_EXTENSIONS[row.format] : THUMB_EXTENSION}`;

/** A thumbnail's name needs only the image's id: every thumbnail is WebP, whatever the image's format. */
export const thumbName = (id: string): string => mediaName('thumb', { id, format: 'webp' });

export const isShardName = (name: string): boolean => SHARD_RE.test(name);

/**
 * The image id a file belongs to when `name`, found in shard folder `shard` of `kind`'s folder, is exactly a name
 * ingest could have written (right shard, lowercase UUID, one of our extensions); otherwise null.
 */
export const idOfMediaFile = (kind: MediaKind, shard: string, name: string): string | null => {
  const match = MEDIA_FILE_RE.exec(name);
  if (!match) return null;
  const [, id = '', ext = ''] = match;
  if (!isImageId(id) || shardOf(id) !== shard) return null;
  const allowed = kind === 'image' ? Object.values(IMAGE_EXTENSIONS) : [THUMB_EXTENSION];
  return allowed.includes(ext) ? id : null;
};
