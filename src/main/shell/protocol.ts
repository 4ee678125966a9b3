import { protocol, type Session } from 'electron';
import { APP_SCHEME } from '../../shared/app.ts';

/**
 * Makes lagoon:// behave like https for the renderer: a real origin for the CSP's 'self', fetch and streamed
 * media. Electron only accepts this before the app is ready.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
  ]);
}

/** Serves the bundle and library media; the handler (path containment, CSP header) lives in core. */
export function handleAppProtocol(session: Pick<Session, 'protocol'>, handler: (request: Request) => Promise<Response>): void {
  session.protocol.handle(APP_SCHEME, handler);
}
