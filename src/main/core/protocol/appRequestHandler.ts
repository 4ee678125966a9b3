import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { APP_HOST, APP_SCHEME, type MediaKind } from '../../../shared/app.ts';
import { realpathInside } from '../library/containment.ts';
import { isImageId } from '../library/imageId.ts';
import type { Library } from '../library/library.ts';
import { PREPAINT_STYLESHEET, prepaintMarkup, prepaintStylesheet } from './prepaint.ts';

export interface AppRequestHandlerDeps {
  rendererDir: string;
  /** Its media, and for the prepaint (prepaint.ts) its settings and first images. */
  library: Pick<Library, 'mediaPath' | 'mediaRoot' | 'getSetting' | 'search'>;
  csp: string;
}

const STATIC_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.json': 'application/json; charset=utf-8',
  '.ico': 'image/x-icon',
  '.map': 'application/json; charset=utf-8',
};
const MEDIA_TYPES: Record<string, string> = { '.png': 'image/png', '.jpg': 'image/jpeg', '.webp': 'image/webp' };

/**
 * A path segment we are willing to look up on disk, judged AFTER percent-decoding: no separators of any platform,
 * no NUL, no dot segments or dotfiles, no drive letters. Bundle file names (`index-3fA_b.js`) all fit.
 */
const SAFE_SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,199}$/;
const MEDIA_KINDS: ReadonlySet<string> = new Set<MediaKind>(['image', 'thumb']);

const COMMON_HEADERS = { 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer' };

const plain = (status: number, text: string, extra: Record<string, string> = {}): Response =>
  new Response(text, { status, headers: { ...COMMON_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...extra } });
const notFound = (): Response => plain(404, 'Not found');

/** Splits and decodes the path; null when it cannot be decoded (bad escapes), a segment list otherwise. */
const decodeSegments = (pathname: string): string[] | null => {
  try {
    return pathname.split('/').slice(1).map((s) => decodeURIComponent(s));
  } catch {
    return null;
  }
};

/**
 * Reads a file already resolved by realpath. O_NOFOLLOW refuses a symlink swapped in since the check; O_NONBLOCK
 * keeps a FIFO from blocking the open until a writer appears, and the fstat then refuses it (and folders, devices).
 */
const readRegularFile = async (realFile: string): Promise<Buffer | null> => {
  let handle;
  try {
    handle = await open(realFile, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
  } catch {
    return null;
  }
  try {
    const info = await handle.stat();
    return info.isFile() ? await handle.readFile() : null;
  } catch {
    return null;
  } finally {
    await handle.close();
  }
};

const respond = (request: Request, body: Buffer, headers: Record<string, string>): Response =>
  new Response(request.method === 'HEAD' ? null : new Uint8Array(body.buffer as ArrayBuffer, body.byteOffset, body.byteLength), {
    status: 200,
    headers: { ...COMMON_HEADERS, 'Content-Length': String(body.byteLength), ...headers },
  });

/**
 * The window's page with the prepaint's tiles at the start of its body and their stylesheet in its head (which
 * hides them in a window of another size); the page as built when there is none to paint, or the library cannot say.
 */
const withPrepaint = (page: Buffer, library: Parameters<typeof prepaintMarkup>[0]): Buffer => {
  let markup: string;
  try {
    markup = prepaintMarkup(library);
  } catch {
    return page;
  }
  if (!markup) return page;
  const html = page.toString('utf8');
  if (!html.includes('</head>') || !html.includes('<body>')) return page;
  // Replaced by function: a replacement string would read `$&` and its kin as patterns.
  return Buffer.from(html.replace('</head>', () => `<link rel="stylesheet" href="./${PREPAINT_STYLESHEET}"></head>`).replace('<body>', () => `<body>${markup}`));
};

/**
 * One handler for the app's origin: the renderer bundle and the library's media, as WHATWG Request → Response so the
 * same code runs under Electron's `protocol.handle` and the e2e harness's HTTP server. Every path from the page is
 * hostile: it is decoded, checked segment by segment, resolved through symlinks and served only from inside its root.
 */
export function createAppRequestHandler(deps: AppRequestHandlerDeps): (request: Request) => Promise<Response> {
  const serveMedia = async (request: Request, kind: string, id: string): Promise<Response> => {
    if (!MEDIA_KINDS.has(kind) || !isImageId(id)) return notFound();
    const mediaKind = kind as MediaKind;
    const file = deps.library.mediaPath(mediaKind, id);
    if (!file) return notFound();
    const real = await realpathInside(deps.library.mediaRoot(mediaKind), file);
    const type = real ? MEDIA_TYPES[extname(real).toLowerCase()] : undefined;
    if (!real || !type) return notFound();
    const body = await readRegularFile(real);
    if (!body) return notFound();
    // An id names one immutable file for ever, so the browser may keep it.
    return respond(request, body, { 'Content-Type': type, 'Cache-Control': 'private, max-age=31536000, immutable' });
  };

  const serveStatic = async (request: Request, segments: string[]): Promise<Response> => {
    const parts = segments.length === 1 && segments[0] === '' ? ['index.html'] : segments;
    if (parts.length === 1 && parts[0] === PREPAINT_STYLESHEET) {
      return respond(request, Buffer.from(prepaintStylesheet(deps.library)), { 'Content-Type': STATIC_TYPES['.css']!, 'Cache-Control': 'no-store', 'Content-Security-Policy': deps.csp });
    }
    if (!parts.every((s) => SAFE_SEGMENT.test(s))) return notFound();
    const real = await realpathInside(deps.rendererDir, join(deps.rendererDir, ...parts));
    if (!real) return notFound();
    const file = await readRegularFile(real);
    if (!file) return notFound();
    const page = parts.length === 1 && parts[0] === 'index.html';
    const body = page ? withPrepaint(file, deps.library) : file;
    const type = STATIC_TYPES[extname(real).toLowerCase()] ?? 'application/octet-stream';
    // The policy goes on every bundle response, not only HTML: an SVG opened as a document can run script too.
    return respond(request, body, { 'Content-Type': type, 'Cache-Control': page ? 'no-store' : 'no-cache', 'Content-Security-Policy': deps.csp });
  };

  return async (request) => {
    try {
      if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed', { Allow: 'GET, HEAD' });
      const url = new URL(request.url);
      if (url.protocol === `${APP_SCHEME}:` && url.host !== APP_HOST) return notFound();
      const segments = decodeSegments(url.pathname);
      if (!segments) return plain(400, 'Bad request');
      if (segments[0] === 'media') {
        return segments.length === 3 ? await serveMedia(request, segments[1] ?? '', segments[2] ?? '') : notFound();
      }
      return await serveStatic(request, segments);
    } catch {
      // Never echo a path or an exception to the page.
      return plain(500, 'Internal error');
    }
  };
}
