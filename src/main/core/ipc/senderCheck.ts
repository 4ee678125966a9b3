import { APP_HOST, APP_SCHEME } from '../../../shared/app.ts';

/** What the IPC sender check needs from Electron's WebFrameMain (kept structural so it is testable in Node). */
export interface SenderFrame {
  url: string;
  parent: unknown | null;
  detached?: boolean;
}

// Chromium hands main canonical URLs; anything carrying whitespace or control characters did not come from a
// loaded app document, and the WHATWG parser would silently strip them, so such strings are refused up front.
const WHITESPACE_OR_CONTROL = /[\s\p{Cc}]/u;

/**
 * True only for `lagoon://app/...`, decided on parsed fields. Origin cannot be used: Node's URL reports 'null' as
 * the origin of a non-special scheme, and prefix tests are fooled by `lagoon://app.evil`, `lagoon://app@evil`.
 * The host is compared exactly: Node keeps an opaque host's case (`lagoon://APP` has host 'APP') while Chromium,
 * where `lagoon` is registered as a standard scheme, lowercases it before main ever sees it, so rejecting other
 * spellings loses nothing real. The scheme itself is lowercased by the parser, so `LAGOON://app` is accepted.
 */
export function isAppUrl(url: unknown): boolean {
  if (typeof url !== 'string' || url.length === 0 || WHITESPACE_OR_CONTROL.test(url)) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.host === APP_HOST && // host includes the port: `lagoon://app:1` is refused
    parsed.username === '' &&
    parsed.password === ''
  );
}

/**
 * The IPC trust boundary: the app's own top-level document and nothing else. A subframe (`parent` set), a frame
 * that was replaced while its message was in flight (`detached`, electron #43473) or a missing frame is refused.
 */
export function isTrustedSender(frame: SenderFrame | null | undefined): boolean {
  if (frame === null || frame === undefined || typeof frame !== 'object') return false;
  if (frame.parent !== null) return false;
  if (frame.detached) return false;
  return isAppUrl(frame.url);
}

/** For will-navigate / will-redirect / will-frame-navigate: only the app itself may be navigated to. */
export function isAppNavigation(url: string): boolean {
  return isAppUrl(url);
}
