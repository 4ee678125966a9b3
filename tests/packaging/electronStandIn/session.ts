import { EventEmitter } from 'node:events';
import { record } from './record.ts';

type ProtocolHandler = (request: Request) => Promise<Response> | Response;
type PermissionRequestHandler = (webContents: unknown, permission: string, callback: (granted: boolean) => void, details: unknown) => void;
type PermissionCheckHandler = (webContents: unknown, permission: string, origin: string, details: unknown) => boolean;

/** A session: its protocol handlers and permission handlers are kept, so the page script can ask them as Chromium would. */
export class Session extends EventEmitter {
  readonly handlers = new Map<string, ProtocolHandler>();
  permissionRequestHandler: PermissionRequestHandler | null = null;
  permissionCheckHandler: PermissionCheckHandler | null = null;
  devicePermissionHandler: ((details: unknown) => boolean) | null = null;

  readonly protocol = {
    handle: (scheme: string, handler: ProtocolHandler): void => {
      if (this.handlers.has(scheme)) throw new Error(`protocol.handle: ${scheme} is already handled`);
      this.handlers.set(scheme, handler);
      record('session.protocol.handle', { scheme });
    },
    isProtocolHandled: (scheme: string): boolean => this.handlers.has(scheme),
  };

  setPermissionRequestHandler(handler: PermissionRequestHandler | null): void {
    this.permissionRequestHandler = handler;
    record('session.setPermissionRequestHandler');
  }
  setPermissionCheckHandler(handler: PermissionCheckHandler | null): void {
    this.permissionCheckHandler = handler;
    record('session.setPermissionCheckHandler');
  }
  setDevicePermissionHandler(handler: ((details: unknown) => boolean) | null): void {
    this.devicePermissionHandler = handler;
    record('session.setDevicePermissionHandler');
  }

  /** Asks the permission request handler as Chromium does; no handler means Electron's default: granted. */
  requestPermission(permission: string): Promise<boolean> {
    const handler = this.permissionRequestHandler;
    if (!handler) return Promise.resolve(true);
    return new Promise((resolve) => handler(null, permission, resolve, {}));
  }
}

export const defaultSession = new Session();
export const session = { defaultSession, fromPartition: (): Session => defaultSession };
