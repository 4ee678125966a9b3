import { copyFileSync, existsSync, linkSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp, { type Sharp } from 'sharp';
import { placeholderOf } from '../src/main/core/library/placeholders/placeholder.ts';
import { createRandom, type SyntheticRow } from './syntheticRows.ts';
import { SIZES } from './syntheticWords.ts';

/** Distinct pictures per image size. Every row still gets a file of its own (a copy, not a link): see below. */
const VARIANTS_PER_SIZE = 40;
// ext4 allows 65,000 links to one inode: a source is copied afresh before it gets near that.
const LINKS_PER_SOURCE = 60_000;
/** The app's own thumbnail size (thumbnails.ts: longer edge 384, WebP quality 80). */
const THUMB_EDGE = 384;

/** An SVG of a gradient and a dozen random shapes: every seed a different picture. */
const sceneSvg = (w: number, h: number, seed: number): string => {
  const r = createRandom(seed);
  const hue = r.int(360);
  const shapes: string[] = [];
  for (let i = 0, n = 6 + r.int(10); i < n; i++) {
    const colour = `hsl(${(hue + r.int(200)) % 360},${40 + r.int(50)}%,${20 + r.int(60)}%)`;
    shapes.push(
      r.chance(0.5)
        ? `<circle cx="${r.int(w)}" cy="${r.int(h)}" r="${10 + r.int(Math.min(w, h) / 3)}" fill="${colour}" opacity="0.${5 + r.int(5)}"/>`
        : `<rect x="${r.int(w)}" y="${r.int(h)}" width="${20 + r.int(w / 2)}" height="${20 + r.int(h / 2)}" fill="${colour}" transform="rotate(${r.int(90)})" opacity="0.7"/>`,
    );
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">
    <defs><linearGradient id="g" x1="0" y1="0" x2="${r.next().toFixed(2)}" y2="1">
      <stop offset="0" stop-color="hsl(${hue},70%,30%)"/><stop offset="1" stop-color="hsl(${(hue + 90) % 360},80%,70%)"/></linearGradient></defs>
    <rect width="${w}" height="${h}" fill="url(#g)"/>${shapes.join('')}</svg>`;
};

/** The scene with grain, so it compresses like a detailed picture rather than a flat drawing. */
export const scene = async (w: number, h: number, seed: number): Promise<Sharp> => {
  const grain = await sharp({ create: { width: w, height: h, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 22 } } })
    .png()
    .toBuffer();
  return sharp(Buffer.from(sceneSvg(w, h, seed))).composite([{ input: grain, blend: 'soft-light' }]);
};

/** A thumbnail that costs what a real one costs to read, send and decode: 10–30 kB (measured), not a flat colour of a few bytes. */
const makeThumb = async (width: number, height: number, seed: number): Promise<Buffer> => {
  const scale = THUMB_EDGE / Math.max(width, height);
  return (await scene(Math.round(width * scale), Math.round(height * scale), seed)).webp({ quality: 80 }).toBuffer();
};

/** An original at the row's real size and format (megabytes for a PNG, as the lightbox really loads). */
const makeOriginal = async (width: number, height: number, format: SyntheticRow['format']): Promise<Buffer> =>
  (await scene(width, height, width * 7 + height)).toFormat(format).toBuffer();

export interface MediaLinker {
  /** Writes the row's thumbnail (a file of its own) and links its original, at the names ingest would have written. */
  link(row: SyntheticRow): void;
  /** The placeholder ingest would have stored for the row's thumbnail (the app's own function, on the same picture). */
  placeholder(row: { id: string; width: number; height: number }): Buffer;
  thumbBytes: number;
  originalBytes: number;
}

const sizeKey = (width: number, height: number): string => `${width}x${height}`;

/**
 * Thumbnails: VARIANTS_PER_SIZE distinct pictures per size, and every row gets its own copy, so no two thumbnails
 * share an inode or a URL — the page cache and the renderer's image cache see 100k different files, as they would in
 * a real library (a few dozen hard links were always in the page cache). Rendering 100k distinct WebPs would take
 * hours on this machine; copies of 400 take a minute. Originals are real-size pictures hard-linked per size and
 * format: the grid never reads them, the lightbox reads one at a time.
 */
export const createMediaLinker = async (dataDir: string, sourcesDir: string): Promise<MediaLinker> => {
  mkdirSync(sourcesDir, { recursive: true });
  for (const kind of ['images', 'thumbs']) {
    for (let i = 0; i < 256; i++) mkdirSync(join(dataDir, kind, i.toString(16).padStart(2, '0')), { recursive: true });
  }
  const originals = new Map<string, string>();
  const thumbs = new Map<string, string[]>();
  let thumbBytes = 0;
  let originalBytes = 0;
  for (const [width, height] of SIZES) {
    for (const format of ['png', 'jpeg', 'webp'] as const) {
      const path = join(sourcesDir, `image-${sizeKey(width, height)}-${format}-0`);
      const bytes = await makeOriginal(width, height, format);
      writeFileSync(path, bytes);
      originalBytes += bytes.length;
      originals.set(`${sizeKey(width, height)}-${format}`, path);
    }
    const variants: string[] = [];
    for (let v = 0; v < VARIANTS_PER_SIZE; v++) {
      const path = join(sourcesDir, `thumb-${sizeKey(width, height)}-${v}`);
      const bytes = await makeThumb(width, height, width * 1009 + height * 31 + v);
      writeFileSync(path, bytes);
      thumbBytes += bytes.length;
      variants.push(path);
    }
    thumbs.set(sizeKey(width, height), variants);
  }
  const placeholders = new Map<string, Buffer>();
  for (const variants of thumbs.values()) for (const path of variants) placeholders.set(path, await placeholderOf(readFileSync(path)));
  const variantOf = (row: { id: string; width: number; height: number }): string => {
    const variants = thumbs.get(sizeKey(row.width, row.height))!;
    return variants[Number.parseInt(row.id.slice(2, 6), 16) % variants.length]!;
  };
  const links = new Map<string, number>();
  const linkSource = (key: string): string => {
    const n = links.get(key) ?? 0;
    links.set(key, n + 1);
    const generation = Math.floor(n / LINKS_PER_SOURCE);
    const original = originals.get(key)!;
    if (generation === 0) return original;
    const path = original.replace(/-0$/, `-${generation}`);
    if (!existsSync(path)) copyFileSync(original, path);
    return path;
  };
  return {
    link(row) {
      const shard = row.id.slice(0, 2);
      const ext = row.format === 'jpeg' ? 'jpg' : row.format;
      linkSync(linkSource(`${sizeKey(row.width, row.height)}-${row.format}`), join(dataDir, 'images', shard, `${row.id}.${ext}`));
      copyFileSync(variantOf(row), join(dataDir, 'thumbs', shard, `${row.id}.webp`));
    },
    placeholder: (row) => placeholders.get(variantOf(row))!,
    thumbBytes: thumbBytes / (SIZES.length * VARIANTS_PER_SIZE),
    originalBytes: originalBytes / (SIZES.length * 3),
  };
};
