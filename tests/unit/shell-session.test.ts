import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it, vi } from 'vitest';
import { installSessionGuards } from '../../src/main/shell/sessionGuards.ts';

/**
 * The permission names Electron itself declares for the request and check handlers, read from the installed
 * electron.d.ts so a permission added by an Electron upgrade is covered without editing this test.
 */
const declaredPermissions = (handlerName: string): string[] => {
  const dts = readFileSync(createRequire(import.meta.url).resolve('electron/electron.d.ts'), 'utf8');
  const line = dts.split('\n').find((l) => l.includes(`${handlerName}(handler:`));
  if (!line) throw new Error(`${handlerName} not found in electron.d.ts`);
  const permissionUnion = line.slice(line.indexOf('permission:'), line.indexOf('callback') > 0 ? line.indexOf('callback') : line.indexOf('requestingOrigin'));
  return [...new Set([...permissionUnion.matchAll(/'([^']+)'/g)].map((m) => m[1] as string))];
};

// Named in RELIABILITY §1 item 5; listed by hand too so a parsing slip cannot empty the table.
const NAMED = ['media', 'geolocation', 'notifications', 'midi', 'midiSysex', 'pointerLock', 'fullscreen', 'openExternal',
  'clipboard-read', 'clipboard-sanitized-write', 'hid', 'serial', 'usb', 'fileSystem', 'idle-detection', 'window-management'];

const REQUEST_PERMISSIONS = [...new Set([...declaredPermissions('setPermissionRequestHandler'), ...NAMED])];
const CHECK_PERMISSIONS = [...new Set([...declaredPermissions('setPermissionCheckHandler'), ...NAMED])];

type RequestHandler = (wc: unknown, permission: string, callback: (granted: boolean) => void, details: unknown) => void;
type CheckHandler = (wc: unknown, permission: string, origin: string, details: unknown) => boolean;
type DeviceHandler = (details: unknown) => boolean;

const installOnFakeSession = () => {
  const captured: { request?: RequestHandler; check?: CheckHandler; device?: DeviceHandler } = {};
  const session = {
    setPermissionRequestHandler: vi.fn<(h: RequestHandler) => void>((h) => void (captured.request = h)),
    setPermissionCheckHandler: vi.fn<(h: CheckHandler) => void>((h) => void (captured.check = h)),
    setDevicePermissionHandler: vi.fn<(h: DeviceHandler) => void>((h) => void (captured.device = h)),
  };
  installSessionGuards(session as never);
  return { session, captured };
};

describe('installSessionGuards', () => {
  it('reads the full permission lists from electron.d.ts', () => {
    expect(REQUEST_PERMISSIONS.length).toBeGreaterThanOrEqual(40);
    expect(CHECK_PERMISSIONS.length).toBeGreaterThanOrEqual(40);
    expect(REQUEST_PERMISSIONS).toContain('window-management');
  });

  it('installs each handler exactly once', () => {
    const { session } = installOnFakeSession();
    expect(session.setPermissionRequestHandler).toHaveBeenCalledTimes(1);
    expect(session.setPermissionCheckHandler).toHaveBeenCalledTimes(1);
    expect(session.setDevicePermissionHandler).toHaveBeenCalledTimes(1);
  });

  it.each(REQUEST_PERMISSIONS)('denies the request for %s, answering exactly once', (permission) => {
    const { captured } = installOnFakeSession();
    const callback = vi.fn<(granted: boolean) => void>();
    captured.request?.({}, permission, callback, { requestingUrl: 'lagoon://app/index.html', isMainFrame: true });
    expect(callback).toHaveBeenCalledTimes(1);
    expect(callback).toHaveBeenCalledWith(false);
  });

  it.each(CHECK_PERMISSIONS)('fails the check for %s, even from the app origin', (permission) => {
    const { captured } = installOnFakeSession();
    expect(captured.check?.({}, permission, 'lagoon://app', { isMainFrame: true, requestingUrl: 'lagoon://app/index.html' })).toBe(false);
  });

  it.each(['hid', 'serial', 'usb'])('refuses %s devices', (deviceType) => {
    const { captured } = installOnFakeSession();
    expect(captured.device?.({ deviceType, origin: 'lagoon://app', device: { deviceId: '1' } })).toBe(false);
  });

  it('grants nothing for names it has never heard of', () => {
    const { captured } = installOnFakeSession();
    const callback = vi.fn<(granted: boolean) => void>();
    captured.request?.({}, 'some-future-permission', callback, {});
    expect(callback).toHaveBeenCalledWith(false);
    expect(captured.check?.({}, 'some-future-permission', 'lagoon://app', {})).toBe(false);
  });
});
