import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { launchBenchBrowser } from './benchBrowser.ts';
import { dropPageCaches, median } from './measure.ts';

const FLOOR_SERVER = fileURLToPath(new URL('./floorServer.ts', import.meta.url));
const PAINTED = 'lagoon-bench: floor row painted';
/** Floors measured per figure; their median is reported. */
const FLOOR_SAMPLES = 3;

/** The thumbnail files of the library's first `count` images, newest first: the grid's first row. */
export const firstRowThumbnails = (dataDir: string, count: number): string[] => {
  const db = new Database(join(dataDir, 'lagoon.db'), { readonly: true });
  try {
    const rows = db.prepare('SELECT thumb_name AS thumbName FROM images WHERE trashed_at IS NULL ORDER BY doc_key DESC LIMIT ?').all(count) as Array<{ thumbName: string }>;
    return rows.map((row) => join(dataDir, row.thumbName));
  } finally {
    db.close();
  }
};

interface FloorSample {
  /** From starting the bare server's process to the row painted. */
  launchMs: number;
  /** From the navigation's start to the row painted. */
  navigationMs: number;
  /** From the navigation's start to the page's script seeing the row decoded, a frame later at least. */
  navigationSeenMs: number;
}

/**
 * The least any app can take here: the page cache dropped, a fresh browser (as the app's figures have), then a bare
 * Node server started that serves one static page with the same thumbnail files in a row, and nothing else: no
 * script of ours, no database, no request beyond the page and its images.
 */
const floorOnce = async (thumbFiles: readonly string[]): Promise<FloorSample> => {
  dropPageCaches();
  const browser = await launchBenchBrowser();
  const startedAt = Date.now();
  const server = spawn(process.execPath, [FLOOR_SERVER], {
    env: { ...process.env, FLOOR_THUMBS: JSON.stringify(thumbFiles), FLOOR_MESSAGE: PAINTED },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const url = await new Promise<string>((resolve, reject) => {
      server.once('exit', (code) => reject(new Error(`the floor's server exited (${code})`)));
      createInterface({ input: server.stdout }).once('line', (line) => resolve((JSON.parse(line) as { url: string }).url));
    });
    const painted = page.waitForEvent('console', { predicate: (message) => message.text() === PAINTED, timeout: 60_000 });
    await page.goto(url);
    await painted;
    const { at, seen, origin } = await page.evaluate(() => {
      const floor = globalThis as unknown as { floorPaintedAt: number; floorSeenAt: number };
      return { at: floor.floorPaintedAt, seen: floor.floorSeenAt, origin: performance.timeOrigin };
    });
    return { launchMs: origin + at - startedAt, navigationMs: at, navigationSeenMs: seen };
  } finally {
    server.kill();
    await browser.close();
  }
};

/** The floor's median over FLOOR_SAMPLES cold runs, and every sample, for a figure's details. */
export const measureFloor = async (thumbFiles: readonly string[]): Promise<{ launchMs: number; navigationMs: number; samples: FloorSample[] }> => {
  const samples: FloorSample[] = [];
  for (let i = 0; i < FLOOR_SAMPLES; i++) samples.push(await floorOnce(thumbFiles));
  return { launchMs: median(samples.map((s) => s.launchMs)), navigationMs: median(samples.map((s) => s.navigationMs)), samples };
};
