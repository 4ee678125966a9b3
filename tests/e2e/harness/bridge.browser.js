// Loaded before the renderer's module script by the e2e harness only. It defines the same `window.api` the
// Electron preload defines ({ request, on }), but carries it over a WebSocket to a harness that runs the real core.
(() => {
  const socket = new WebSocket(`ws://${location.host}/__harness/ws`);
  const opened = new Promise((resolve, reject) => {
    socket.addEventListener('open', resolve, { once: true });
    socket.addEventListener('error', reject, { once: true });
  });
  const pending = new Map();
  const listeners = new Map();
  let nextId = 1;
  socket.addEventListener('message', (message) => {
    const frame = JSON.parse(message.data);
    if (frame.type === 'reply') {
      pending.get(frame.id)?.(frame.result);
      pending.delete(frame.id);
    } else if (frame.type === 'event') {
      for (const listener of listeners.get(frame.name) ?? []) listener(frame.payload);
    }
  });
  socket.addEventListener('close', () => {
    for (const resolve of pending.values()) resolve({ ok: false, error: { code: 'INTERNAL', message: 'The app stopped.' } });
    pending.clear();
  });
  const api = {
    async request(route, input) {
      await opened;
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        socket.send(JSON.stringify({ type: 'request', id, route, input }));
      });
    },
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
  };
  Object.defineProperty(window, 'api', { value: Object.freeze(api), writable: false, configurable: false });
})();
