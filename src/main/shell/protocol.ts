import { protocol, type Session } from 'electron';
import { APP_SCHEME } from '../../shared/app.ts';

/**
 * Makes lagoon:// behave like https for the renderer: a real origin for the CSP's 'self', fetch and streamed
 * media, and V8's code cache, so a launch after the first skips compiling the window's 640 kB of script (on a cold
 * start here the window's first request waits 0.35–0.45 s for that script). Electron only accepts this before the
 * app is ready.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, codeCache: true } },
  ]);
}

/** Serves the bundle and library media; the handler (path containment, CSP header) lives in core. */
export function handleAppProtocol(session: Pick<Session, 'protocol'>, handler: (request: Request) => Promise<Response>): void {
  session.protocol.handle(APP_SCHEME, handler);
}
