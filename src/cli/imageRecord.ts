import type { Database } from 'better-sqlite3';
import type { ImageDetail, ImageSummary } from '../shared/ipc/schemas/images.ts';
import { prepared } from '../main/core/db/statements.ts';
import { compareNames } from '../main/core/library/compareNames.ts';
import { getImageRow, getImageTags } from '../main/core/library/imageQueries.ts';
import type { Library } from '../main/core/library/library.ts';

/** What the CLI prints for a stored image: one JSON line (`--json`) or the human lines built from it. */
export interface CliImage {
  id: string;
  /** Absolute path of the image file; null only if the library row does not point at a file Lagoon would write. */
  file: string | null;
  prompt: string;
  model: string;
  width: number;
  height: number;
  format: ImageSummary['format'];
  /** e.g. ["blurred"] when Venice blurred the image; empty when the stored response carries no flag. */
  flags: string[];
  /** Milliseconds since the epoch. */
  createdAt: number;
  /** 0 = not rated, else 1–5 stars, as set in the app or with `lagoon rate`. */
  rating: number;
  favorite: boolean;
  tags: string[];
}

export interface CliImageDetail extends CliImage {
  thumbnail: string | null;
  endpoint: ImageDetail['endpoint'];
  request: Record<string, unknown>;
  byteSize: number;
  sha256: string;
}

const kebab = (name: string): string => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** The names of the true flags in a stored response (`{"flags":{"blurred":true}}` → ["blurred"]). */
const flagsFromResponseJson = (responseJson: string | undefined): string[] => {
  if (!responseJson) return [];
  let flags: unknown;
  try {
    flags = (JSON.parse(responseJson) as { flags?: unknown } | null)?.flags;
  } catch {
    return [];
  }
  if (typeof flags !== 'object' || flags === null) return [];
  return Object.entries(flags)
    .filter(([, on]) => on === true)
    .map(([name]) => kebab(name))
    .toSorted();
};

export interface ImageSource {
  db: Database;
  library: Library;
}

/**
 * Flags from the stored response (`flags` as the generation service wrote them), plus the library's own
 * `blurred` where its summary carries one, so either record of a blur shows.
 */
const imageFlags = (image: ImageSummary, responseJson: string | undefined): string[] => {
  const flags = flagsFromResponseJson(responseJson);
  const blurred = (image as { blurred?: unknown }).blurred === true;
  return blurred && !flags.includes('blurred') ? [...flags, 'blurred'].toSorted() : flags;
};

/** What a page's records need beyond its summaries (the stored response, the tags), for the whole page at once. */
const PAGE_EXTRAS_SQL = `SELECT i.id, i.response_json AS responseJson,
  (SELECT json_group_array(t.name) FROM image_tags AS it JOIN tags AS t ON t.id = it.tag_id WHERE it.image_id = i.id) AS tagsJson
  FROM images AS i WHERE i.id IN (SELECT value FROM json_each(?))`;

/** The records of a page of summaries: two lookups for the page rather than two per image. */
export const toCliImages = (source: ImageSource, images: readonly ImageSummary[]): CliImage[] => {
  const rows = prepared(source.db, PAGE_EXTRAS_SQL).all(JSON.stringify(images.map((i) => i.id))) as Array<{ id: string; responseJson: string; tagsJson: string }>;
  const extras = new Map(rows.map((row) => [row.id, row]));
  return images.map((image) => {
    const extra = extras.get(image.id);
    const tags = extra ? (JSON.parse(extra.tagsJson) as string[]).toSorted(compareNames) : [];
    return cliImage(source, image, imageFlags(image, extra?.responseJson), tags);
  });
};

const cliImage = (source: ImageSource, image: ImageSummary, flags: string[], tags: string[]): CliImage => ({
  id: image.id,
  file: source.library.mediaPath('image', image.id),
  prompt: image.prompt,
  model: image.model,
  width: image.width,
  height: image.height,
  format: image.format,
  flags,
  createdAt: image.createdAt,
  rating: image.rating,
  favorite: image.favorite,
  tags,
});

/** One image's record (a page of them: toCliImages). */
export const toCliImage = (source: ImageSource, image: ImageSummary): CliImage =>
  cliImage(
    source,
    image,
    imageFlags(image, getImageRow(source.db, image.id)?.responseJson),
    // A summary carries no tags; the detail does (one small lookup, not the whole detail).
    'tags' in image && Array.isArray(image.tags) ? (image.tags as string[]) : getImageTags(source.db, image.id),
  );

export const toCliImageDetail = (source: ImageSource, image: ImageDetail): CliImageDetail => ({
  ...toCliImage(source, image),
  thumbnail: source.library.mediaPath('thumb', image.id),
  endpoint: image.endpoint,
  request: image.request,
  byteSize: image.byteSize,
  sha256: image.sha256,
});
