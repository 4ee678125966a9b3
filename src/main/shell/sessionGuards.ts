import type { Session } from 'electron';

/**
 * Electron grants every permission request unless a handler says otherwise (security checklist item 5). Lagoon
 * needs none: no camera, notifications, clipboard reads, HID/USB/serial, fullscreen requests or external
 * protocols. Drag-out and the clipboard write for "copy image" happen in main, not through web permissions.
 */
export function installSessionGuards(
  session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'>,
): void {
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}
