/**
 * Whether Venice was reachable the last time anything tried. The queue marks it offline when a request provably
 * never left the machine, and anything that reaches Venice (a generation, a catalogue refresh, the probe) marks it
 * online again; listeners (the queue's resume, account.changed) hear only real changes.
 */
export interface Connectivity {
  readonly online: boolean;
  markOnline(): void;
  markOffline(): void;
  subscribe(listener: (online: boolean) => void): () => void;
}

export const createConnectivity = (initiallyOnline = true): Connectivity => {
  let online = initiallyOnline;
  const listeners = new Set<(online: boolean) => void>();
  const set = (next: boolean): void => {
    if (next === online) return;
    online = next;
    for (const listener of listeners) listener(online);
  };
  return {
    get online() {
      return online;
    },
    markOnline: () => set(true),
    markOffline: () => set(false),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
};
