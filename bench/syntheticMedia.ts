import { copyFileSync, existsSync, linkSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import type { SyntheticRow } from './syntheticRows.ts';
import { SIZES } from './syntheticWords.ts';

const HUES = 8;
// ext4 allows 65,000 links to one inode: a source is copied afresh before it gets near that.
const LINKS_PER_SOURCE = 60_000;
const THUMB_EDGE = 384;

/**
 * A thumbnail that costs what a real one costs to send and decode: a picture with gradients, shapes and grain at
 * the app's size (longer edge 384) and WebP quality (80) — tens of kilobytes, not a flat colour of a few bytes.
 */
const makeThumb = async (width: number, height: number, hue: number): Promise<Buffer> => {
  const scale = THUMB_EDGE / Math.max(width, height);
  const w = Math.round(width * scale);
  const h = Math.round(height * scale);
  const a = (hue * 360) / HUES;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">
    <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">
      <stop offset="0" stop-color="hsl(${a},70%,35%)"/><stop offset="1" stop-color="hsl(${(a + 60) % 360},80%,70%)"/></linearGradient></defs>
    <rect width="${w}" height="${h}" fill="url(#g)"/>
    <circle cx="${w * 0.62}" cy="${h * 0.4}" r="${Math.min(w, h) * 0.22}" fill="hsl(${(a + 180) % 360},60%,60%)" opacity="0.8"/>
    <path d="M0 ${h * 0.75} Q ${w * 0.3} ${h * 0.55} ${w * 0.6} ${h * 0.8} T ${w} ${h * 0.7} V ${h} H 0 Z" fill="hsl(${(a + 120) % 360},40%,20%)"/>
  </svg>`;
  const grain = await sharp({ create: { width: w, height: h, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 18 } } }).png().toBuffer();
  return sharp(Buffer.from(svg)).composite([{ input: grain, blend: 'overlay' }]).webp({ quality: 80 }).toBuffer();
};

const makeImage = (format: SyntheticRow['format']): Promise<Buffer> =>
  sharp({ create: { width: 64, height: 64, channels: 3, background: '#3a7ca5' } }).toFormat(format).toBuffer();

export interface MediaLinker {
  /** Hard-links the row's image and thumbnail at the names ingest would have written. */
  link(row: SyntheticRow): void;
  thumbBytes: number;
}

/**
 * One real file per kind of picture, hard-linked under every row's name: a 100k library with media is ready in
 * seconds and takes almost no disk, and the app cannot tell the difference from real files.
 */
export const createMediaLinker = async (dataDir: string, sourcesDir: string): Promise<MediaLinker> => {
  mkdirSync(sourcesDir, { recursive: true });
  for (const kind of ['images', 'thumbs']) {
    for (let i = 0; i < 256; i++) mkdirSync(join(dataDir, kind, i.toString(16).padStart(2, '0')), { recursive: true });
  }
  const originals = new Map<string, string>();
  for (const format of ['png', 'jpeg', 'webp'] as const) {
    const path = join(sourcesDir, `image-${format}-0`);
    writeFileSync(path, await makeImage(format));
    originals.set(`image-${format}`, path);
  }
  let thumbBytes = 0;
  for (const [width, height] of SIZES) {
    for (let hue = 0; hue < HUES; hue++) {
      const path = join(sourcesDir, `thumb-${width}x${height}-${hue}-0`);
      const thumb = await makeThumb(width, height, hue);
      writeFileSync(path, thumb);
      thumbBytes += thumb.length;
      originals.set(`thumb-${width}x${height}-${hue}`, path);
    }
  }
  const links = new Map<string, number>();
  const source = (key: string): string => {
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
      linkSync(source(`image-${row.format}`), join(dataDir, 'images', shard, `${row.id}.${ext}`));
      const hue = Number.parseInt(row.id.slice(2, 4), 16) % HUES;
      linkSync(source(`thumb-${row.width}x${row.height}-${hue}`), join(dataDir, 'thumbs', shard, `${row.id}.webp`));
    },
    thumbBytes: thumbBytes / (SIZES.length * HUES),
  };
};
