import { randomUUID } from 'node:crypto';
import { link, mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import sharp from 'sharp';
import { mediaName } from '../../src/main/core/library/mediaNames.ts';
import { placeholderOf } from '../../src/main/core/library/placeholders/placeholder.ts';

/** Distinct pictures (a hue each), so thumbnails and placeholders differ from row to row as in a real library. */
const PICTURES = 12;
const HOUR = 3_600_000;

const picture = async (i: number): Promise<{ thumb: Buffer; original: Buffer; placeholder: Buffer }> => {
  const hue = Math.round((360 * i) / PICTURES);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="384" height="384"><defs><linearGradient id="g" x2="1" y2="1">
    <stop offset="0" stop-color="hsl(${hue},70%,60%)"/><stop offset="1" stop-color="hsl(${(hue + 90) % 360},60%,25%)"/></linearGradient></defs>
    <rect width="384" height="384" fill="url(#g)"/><circle cx="${120 + i * 12}" cy="190" r="70" fill="hsl(${(hue + 180) % 360},80%,70%)"/></svg>`;
  const thumb = await sharp(Buffer.from(svg)).webp({ quality: 80 }).toBuffer();
  const original = await sharp(Buffer.from(svg)).png().toBuffer();
  return { thumb, original, placeholder: await placeholderOf(thumb) };
};

export interface ManyImages {
  /** Creation times, newest first (the grid's order). */
  createdAt: number[];
}

/**
 * Puts `count` images into a Lagoon data folder the way a long-used library holds them — rows (through the schema's
 * own triggers), a thumbnail and an original file each, and each row's placeholder — one every `everyHours` hours
 * back from `newest`. Plain SQL and file writes: importing thousands of images through the app would take minutes.
 * The app should be restarted afterwards, so its launch sweep sees the files.
 */
export const putManyImages = async (dataDir: string, count: number, newest: number, everyHours: number): Promise<ManyImages> => {
  const pictures = await Promise.all(Array.from({ length: PICTURES }, (_, i) => picture(i)));
  const sources = join(dataDir, 'e2e-sources');
  await mkdir(sources, { recursive: true });
  for (const [i, p] of pictures.entries()) {
    await writeFile(join(sources, `${i}.webp`), p.thumb);
    await writeFile(join(sources, `${i}.png`), p.original);
  }
  const rows = Array.from({ length: count }, (_, i) => {
    const id = randomUUID();
    const p = i % PICTURES;
    return { id, i, p, at: newest - i * everyHours * HOUR, fileName: mediaName('image', { id, format: 'png' }), thumbName: mediaName('thumb', { id, format: 'png' }) };
  });
  // The files first, then the rows, as the app itself writes them: the app running meanwhile (its launch sweep) must
  // never see a row whose file is not there yet, or it flags the image as missing.
  for (const row of rows) {
    for (const [name, from] of [[row.fileName, `${row.p}.png`], [row.thumbName, `${row.p}.webp`]] as const) {
      await mkdir(dirname(join(dataDir, name)), { recursive: true });
      await link(join(sources, from), join(dataDir, name));
    }
  }
  const db = new Database(join(dataDir, 'lagoon.db'));
  const insert = db.prepare(`INSERT INTO images (id, created_at, prompt, model, endpoint, request_json, response_json, format, width, height,
    byte_size, sha256, file_name, thumb_name, placeholder) VALUES (?, ?, ?, 'flux-dev', 'native', '{}', '{}', 'png', 384, 384, ?, ?, ?, ?, ?)`);
  try {
    db.pragma('busy_timeout = 10000');
    db.transaction(() => {
      for (const { id, i, p, at, fileName, thumbName } of rows) {
        insert.run(id, at, `Picture ${i} of the archive`, pictures[p]!.original.length, id.replaceAll('-', '').padEnd(64, '0'), fileName, thumbName, pictures[p]!.placeholder);
      }
    })();
  } finally {
    db.close();
  }
  return { createdAt: rows.map((row) => row.at) };
};
