/**
 * The two Electron channels; everything else is multiplexed over them by route name. Kept free of imports so the
 * sandboxed preload can bundle it: a sandboxed preload may load only electron, events, timers and url, not zod.
 */
export const IPC_REQUEST_CHANNEL = 'lagoon:request';
export const IPC_EVENT_CHANNEL = 'lagoon:event';
