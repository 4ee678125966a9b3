import { z } from 'zod';
import { MAX_TEMPLATE_CHARS } from '../../fileNames.ts';
import { IMAGE_PAGE, MAX_SEEK_OFFSET } from '../../paging.ts';
import { zImageId, zPersonalName } from './common.ts';
import { zCursor, zImageSummary } from './images.ts';
import { route } from '../route.ts';
import { zImageQuery } from './imageQuery.ts';

/**
 * Issue 4: find, curate, hand off, and keep the library safe. Ids travel, paths never do: folders and files are
 * chosen by main through the OS dialog (RequestContext), so a compromised page cannot name a path.
 */
const zIds = z.array(zImageId).min(1).max(10_000);
const zTagName = zPersonalName(64);
const zName = zPersonalName(100);

export { type ImageQuery, zImageQuery } from './imageQuery.ts';

const zSearchPage = z.strictObject({
  items: z.array(zImageSummary),
  nextCursor: zCursor.nullable(),
  /** Matched ranges [start, end) in each item's prompt (code-unit offsets), for highlighting without HTML. */
  highlights: z.record(z.string(), z.array(z.tuple([z.number().int(), z.number().int()]))),
});
export type SearchPage = z.infer<typeof zSearchPage>;

export const zCollection = z.strictObject({ id: z.uuid(), name: z.string(), count: z.number().int().nonnegative(), createdAt: z.number().int() });
export type Collection = z.infer<typeof zCollection>;
export const zSavedSearch = z.strictObject({ id: z.uuid(), name: z.string(), query: zImageQuery, createdAt: z.number().int() });
export type SavedSearch = z.infer<typeof zSavedSearch>;

const zUpdated = z.strictObject({ updated: z.number().int().nonnegative() });

const zExportOptions = z.strictObject({
  /** File-name template: {date} {time} {prompt} {seed} {model} {id} {w} {h}. */
  template: z.string().min(1).max(MAX_TEMPLATE_CHARS).optional(),
  stripMetadata: z.boolean(),
  sidecar: z.boolean(),
  /** One zip file instead of a folder of images. */
  zip: z.boolean(),
});

/** `lagoon-YYYYMMDD-HHMMSS-mmm.db`, UTC. */
export const BACKUP_NAME_RE = /^lagoon-\d{8}-\d{6}-\d{3}\.db$/u;

const zBackupInfo = z.strictObject({
  name: z.string().regex(BACKUP_NAME_RE),
  /** ms since epoch */
  at: z.number().int(),
  bytes: z.number().int().nonnegative(),
  /** Images not in the trash; null when the backup could not be read. */
  images: z.number().int().nonnegative().nullable(),
  /** Passes integrity_check. */
  ok: z.boolean(),
  /** What the check found, when not ok. */
  problem: z.string().max(2000).nullable(),
});
export type BackupInfoView = z.infer<typeof zBackupInfo>;

const zTransferResult = z.strictObject({
  /** False when the user closed the dialog: nothing was done. */
  chosen: z.boolean(),
  done: z.number().int().nonnegative(),
  skipped: z.number().int().nonnegative(),
  /** Of `skipped`: images already in the library (an import's duplicates); the rest were not images it takes, or links. */
  duplicates: z.number().int().nonnegative(),
  failed: z.array(z.strictObject({ id: z.string().nullable(), name: z.string().nullable(), message: z.string() })),
  /** The user cancelled an import: what was imported stays, `notStarted` files were never begun. */
  cancelled: z.boolean(),
  notStarted: z.number().int().nonnegative(),
});
export type TransferResult = z.infer<typeof zTransferResult>;

const MAX_IMPORT_FILE_BYTES = 64 * 1024 * 1024;
/** What the import dialog picks: image files, or folders whose images (at any depth) are imported. */
const IMPORT_PICKS = ['files', 'folder'] as const;
export type ImportPick = (typeof IMPORT_PICKS)[number];

/**
 * The launch check of the library: 'checking' until quick_check and the sweep are done, 'damaged' when quick_check
 * found problems (`details`), 'unchecked' when this process does not run them (the CLI).
 */
export const zLibraryHealth = z.strictObject({
  state: z.enum(['checking', 'ok', 'damaged', 'unchecked']),
  details: z.string().max(1000).nullable(),
  /** Image files without a row that the sweep moved to `quarantine/` in the data folder. */
  orphansQuarantined: z.number().int().nonnegative(),
  /** Rows whose image file is missing. */
  rowsMissingFile: z.number().int().nonnegative(),
});
export type LibraryHealth = z.infer<typeof zLibraryHealth>;

/**
 * How many of a query's images fall in each local month (or year, for archives spanning more than 20 years), in the
 * grid's order: the date scrubber's marks. `start` is the bucket's first millisecond; empty buckets are left out.
 */
const zTimeline = z.strictObject({
  unit: z.enum(['month', 'year']),
  buckets: z.array(z.strictObject({ start: z.number().int(), count: z.number().int().positive() })).max(2000),
});
export type Timeline = z.infer<typeof zTimeline>;

export const libraryRoutes = {
  'images.search': route({
    input: z.strictObject({ query: zImageQuery, cursor: zCursor.nullable().optional(), limit: z.number().int().min(1).max(IMAGE_PAGE.max).optional() }),
    output: zSearchPage,
  }),
  'images.count': route({ input: z.strictObject({ query: zImageQuery }), output: z.strictObject({ count: z.number().int().nonnegative() }) }),
  /**
   * Jump anywhere: the cursor of the page starting at `offset` in the query's order, found without walking the pages
   * before it (a scrollbar drag, the date scrubber). pastEnd: fewer than `offset` images match.
   */
  'images.seek': route({
    input: z.strictObject({ query: zImageQuery, offset: z.number().int().nonnegative().max(MAX_SEEK_OFFSET) }),
    output: z.strictObject({ cursor: zCursor.nullable(), pastEnd: z.boolean() }),
  }),
  /** The date scrubber's marks for a query (none in the rating sort, which has no date order). */
  'images.timeline': route({ input: z.strictObject({ query: zImageQuery }), output: zTimeline }),
  'images.set_favorite': route({ input: z.strictObject({ ids: zIds, favorite: z.boolean() }), output: zUpdated }),
  'images.set_rating': route({ input: z.strictObject({ ids: zIds, rating: z.number().int().min(0).max(5) }), output: zUpdated }),
  'images.add_tags': route({ input: z.strictObject({ ids: zIds, tags: z.array(zTagName).min(1).max(20) }), output: zUpdated }),
  'images.remove_tags': route({ input: z.strictObject({ ids: zIds, tags: z.array(zTagName).min(1).max(20) }), output: zUpdated }),
  'images.trash': route({ input: z.strictObject({ ids: zIds }), output: zUpdated }),
  'images.restore': route({ input: z.strictObject({ ids: zIds }), output: zUpdated }),
  /** "Delete forever": purges the trashed images among these now (file, thumbnail and row); live ones are left alone. */
  'images.delete_forever': route({ input: z.strictObject({ ids: zIds }), output: z.strictObject({ purged: z.number().int().nonnegative() }) }),
  /** Purges every trashed image now: file, thumbnail and row together. */
  'trash.empty': route({ input: z.strictObject({}), output: z.strictObject({ purged: z.number().int().nonnegative() }) }),
  'tags.list': route({ input: z.strictObject({}), output: z.strictObject({ tags: z.array(z.strictObject({ name: z.string(), count: z.number().int().nonnegative() })) }) }),
  'collections.list': route({ input: z.strictObject({}), output: z.strictObject({ collections: z.array(zCollection) }) }),
  'collections.create': route({ input: z.strictObject({ name: zName }), output: zCollection }),
  'collections.rename': route({ input: z.strictObject({ id: z.uuid(), name: zName }), output: zCollection }),
  'collections.delete': route({ input: z.strictObject({ id: z.uuid() }), output: z.strictObject({ deleted: z.literal(true) }) }),
  'collections.add_images': route({ input: z.strictObject({ id: z.uuid(), imageIds: zIds }), output: zUpdated }),
  'collections.remove_images': route({ input: z.strictObject({ id: z.uuid(), imageIds: zIds }), output: zUpdated }),
  'searches.list': route({ input: z.strictObject({}), output: z.strictObject({ searches: z.array(zSavedSearch) }) }),
  'searches.save': route({ input: z.strictObject({ name: zName, query: zImageQuery }), output: zSavedSearch }),
  'searches.delete': route({ input: z.strictObject({ id: z.uuid() }), output: z.strictObject({ deleted: z.literal(true) }) }),
  'images.copy_prompt': route({ input: z.strictObject({ id: zImageId }), output: z.strictObject({ done: z.literal(true) }) }),
  'images.copy_image': route({ input: z.strictObject({ id: zImageId }), output: z.strictObject({ done: z.literal(true) }) }),
  'images.reveal': route({ input: z.strictObject({ id: zImageId }), output: z.strictObject({ done: z.literal(true) }) }),
  /** Main asks where (folder, or zip file name) through the OS dialog, then exports with metadata. */
  'images.export': route({ input: z.strictObject({ ids: zIds, options: zExportOptions }), output: zTransferResult }),
  /** Main asks for image files or for folders through the OS dialog (one dialog cannot offer both on Windows and Linux), then imports them. */
  'images.import': route({ input: z.strictObject({ pick: z.enum(IMPORT_PICKS) }), output: zTransferResult }),
  /** Stops the running import after the files already begun (those finish; everything imported stays). */
  'images.import_cancel': route({ input: z.strictObject({}), output: z.strictObject({ cancelled: z.boolean() }) }),
  /** One file dropped onto the window, as bytes (the page cannot know its path). */
  'images.import_file': route({
    input: z.strictObject({
      name: z.string().min(1).max(255).refine((s) => s.isWellFormed()),
      bytes: z.instanceof(Uint8Array).refine((b) => b.byteLength > 0 && b.byteLength <= MAX_IMPORT_FILE_BYTES, 'File is empty or too large'),
    }),
    output: zTransferResult,
  }),
  'library.check_integrity': route({ input: z.strictObject({}), output: z.strictObject({ ok: z.boolean(), result: z.string().max(2000) }) }),
  'library.backup_now': route({ input: z.strictObject({}), output: z.strictObject({ name: z.string(), at: z.number().int(), kept: z.number().int() }) }),
  /** Every backup, newest first, each opened read-only and checked: what Settings lists and offers to restore. */
  'library.list_backups': route({ input: z.strictObject({}), output: z.strictObject({ backups: z.array(zBackupInfo) }) }),
  /**
   * Restores a backup that passes integrity_check: recorded now, carried out when the app restarts (right away, when
   * the shell can relaunch it), before the database is opened. The current database is moved aside, never deleted.
   */
  'library.restore_backup': route({
    input: z.strictObject({ name: z.string().regex(BACKUP_NAME_RE) }),
    output: z.strictObject({ movedTo: z.string(), relaunching: z.boolean() }),
  }),
  /** What the launch check and sweep found (also pushed as the `library.health` event when they finish). */
  'library.health': route({ input: z.strictObject({}), output: zLibraryHealth }),
};

export const zTransferProgress = z.strictObject({
  operation: z.enum(['export', 'import']),
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  /** Files a second so far; null until there is enough to tell. */
  perSecond: z.number().nonnegative().nullable(),
  /** The time left at that rate; null while the rate is unknown. */
  remainingMs: z.number().int().nonnegative().nullable(),
});
