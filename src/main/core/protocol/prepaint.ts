import { PREPAINT_ELEMENT_ID, mediaUrl } from '../../../shared/app.ts';
import type { ImageSummary } from '../../../shared/ipc/schemas/images.ts';
import { type Prepaint, zPrepaint, zStartView } from '../../../shared/ipc/schemas/settings.ts';
import { isImageId } from '../library/imageId.ts';
import type { Library } from '../library/library.ts';
import { PREPAINT_SETTING, START_VIEW_SETTING } from '../library/windowSettings.ts';

// The prepaint: the Library's first thumbnails painted by the window's HTML, before its 600 kB of script has arrived
// and rendered (on a cold start that is most of a second). The renderer says where its first tiles sat
// (settings.set_prepaint); main puts that many of the library's current first images there, as plain markup the app's
// own tile classes style, and a stylesheet that shows them only in a window of the same size. The renderer removes
// them once its own grid has painted the same images in the same place (features/library/prepaint.ts).

/** Served beside index.html; its rules depend on the stored geometry, so it is made per request. */
export const PREPAINT_STYLESHEET = 'prepaint.css';

type Settings = Pick<Library, 'getSetting'>;

/** The stored geometry, or null: none stored, an unreadable one (a newer Lagoon's, a hand edit), or the window opens elsewhere. */
const storedPrepaint = (library: Settings): Prepaint | null => {
  if (zStartView.safeParse(library.getSetting(START_VIEW_SETTING)).data !== 'library') return null;
  const raw = library.getSetting(PREPAINT_SETTING);
  if (raw === null) return null;
  try {
    return zPrepaint.safeParse(JSON.parse(raw)).data ?? null;
  } catch {
    return null;
  }
};

export const storePrepaint = (library: Pick<Library, 'setSetting'>, prepaint: Prepaint | null): void =>
  library.setSetting(PREPAINT_SETTING, JSON.stringify(prepaint));

/**
 * One tile as GridTile draws it, without what needs script (badges, marks, names). A blurred image shows no picture
 * until the grid's own tile covers it with its blur; a missing file shows an empty frame. The first row's thumbnails
 * are asked for first: the rest of the screen and the script wait behind them.
 */
const tileMarkup = (item: ImageSummary, firstRow: boolean): string => {
  const picture =
    item.blurred || item.fileMissing || !isImageId(item.id)
      ? ''
      : `<img class="tile__thumb" src="${mediaUrl('thumb', item.id)}" alt="" decoding="async" draggable="false"${firstRow ? ' fetchpriority="high"' : ''}>`;
  return `<div class="tile"><div class="tile__frame">${picture}</div></div>`;
};

/** The prepaint's markup for the library as it is now, or '' when there is none to paint. */
export const prepaintMarkup = (library: Settings & Pick<Library, 'search'>): string => {
  const screen = storedPrepaint(library);
  if (!screen) return '';
  // The opening list: all images, newest first, as the renderer's openingQuery() asks for it.
  const { items } = library.search({}, { limit: screen.columns * screen.rows });
  if (items.length === 0) return '';
  const tiles = items.map((item, i) => tileMarkup(item, i < screen.columns)).join('');
  return `<div id="${PREPAINT_ELEMENT_ID}" class="prepaint" aria-hidden="true">${tiles}</div>`;
};

/**
 * Where the tiles go, for a window of exactly the size they were measured in (a media query, so a window opened at
 * another size, or zoomed, shows none of them). The CSP allows no inline style, hence a stylesheet of its own.
 */
export const prepaintStylesheet = (library: Settings): string => {
  const screen = storedPrepaint(library);
  const hidden = `.prepaint { display: none; }\n`;
  if (!screen) return hidden;
  const { viewport, left, top, columns, tile, gap } = screen;
  return `${hidden}@media (width: ${viewport.width}px) and (height: ${viewport.height}px) {
  .prepaint {
    position: fixed;
    z-index: 50;
    top: ${top}px;
    left: ${left}px;
    display: grid;
    grid-template-columns: repeat(${columns}, ${tile}px);
    grid-auto-rows: ${tile}px;
    gap: ${gap}px;
    pointer-events: none;
  }
}
`;
};
