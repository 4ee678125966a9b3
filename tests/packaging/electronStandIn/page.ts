import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import type { BrowserWindow } from './browserWindow.ts';
import { ipcMain } from './ipcMain.ts';
import { record } from './record.ts';
import { defaultSession, type Session } from './session.ts';
import type { WebContents } from './webContents.ts';

export interface PageResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** A frame as main sees it in `event.senderFrame` (WebFrameMain's fields the app reads). */
export interface Frame {
  url: string;
  parent: Frame | null;
  detached?: boolean;
}

/** What a page script (LAGOON_STANDIN_PAGE_SCRIPT) can do: what a page in that window could make main do. */
export interface PageContext {
  window: BrowserWindow;
  webContents: WebContents;
  session: Session;
  record: typeof record;
  fetch(url: string): Promise<PageResponse>;
  invoke(channel: string, frame: Frame, ...args: unknown[]): Promise<unknown>;
}

/** The request the page's engine would send to a custom scheme: through the session's `protocol.handle` handler. */
const fetchThroughProtocol = async (url: string): Promise<PageResponse> => {
  if (url.startsWith('data:')) {
    // A page main makes itself (the migration splash): decoded as Chromium would, with no handler involved.
    const response = await fetch(url);
    return { status: response.status, headers: Object.fromEntries(response.headers), body: Buffer.from(await response.arrayBuffer()) };
  }
  const handler = defaultSession.handlers.get(new URL(url).protocol.replace(/:$/, ''));
  if (!handler) throw new Error(`net::ERR_UNKNOWN_URL_SCHEME ${url}`);
  const response = await handler(new Request(url));
  return { status: response.status, headers: Object.fromEntries(response.headers), body: Buffer.from(await response.arrayBuffer()) };
};

const pageContext = (win: BrowserWindow): PageContext => ({
  window: win,
  webContents: win.webContents,
  session: defaultSession,
  record,
  fetch: fetchThroughProtocol,
  async invoke(channel, frame, ...args) {
    const handler = ipcMain.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return handler({ sender: win.webContents, senderFrame: frame, frameId: 1, processId: 1 }, ...args);
  },
});

/**
 * In Chromium's place: the window's URL is requested through the protocol handler main registered, the answer is
 * journaled (status, headers, a hash of the body), 'ready-to-show' follows, and then the page script, if any, acts
 * as the loaded page would.
 */
export const loadPage = async (win: BrowserWindow, url: string): Promise<void> => {
  const response = await fetchThroughProtocol(url);
  const sha256 = createHash('sha256').update(response.body).digest('hex');
  record('page.loaded', { url, status: response.status, headers: response.headers, bytes: response.body.length, sha256 });
  if (response.status !== 200) throw new Error(`ERR_HTTP_RESPONSE_CODE_FAILURE ${response.status}`);
  win.webContents.setURL(url);
  win.emit('ready-to-show');
  win.webContents.emit('did-finish-load');
  const script = process.env.LAGOON_STANDIN_PAGE_SCRIPT;
  // The page script plays the app's page; a page main makes itself has no script to run.
  if (!script || url.startsWith('data:')) return;
  // Not awaited by loadURL's caller: a page keeps running after its load resolves.
  setImmediate(() => {
    import(pathToFileURL(script).href)
      .then((mod: { default: (ctx: PageContext) => Promise<void> }) => mod.default(pageContext(win)))
      .catch((error: unknown) => record('page.script-failed', { error: error instanceof Error ? error.stack : String(error) }));
  });
};
