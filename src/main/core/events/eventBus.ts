import type { EventName, EventPayload } from '../../../shared/ipc/contract.ts';

export type EventListener = <E extends EventName>(name: E, payload: EventPayload<E>) => void;

/** Main-side fan-out of contract events to whoever carries them (Electron windows, the e2e bridge). */
export interface EventBus {
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void;
  subscribe(listener: EventListener): () => void;
}

export const createEventBus = (): EventBus => {
  const listeners = new Set<EventListener>();
  return {
    emit(name, payload) {
      for (const listener of listeners) listener(name, payload);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
};
