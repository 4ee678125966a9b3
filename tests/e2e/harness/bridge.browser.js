// Loaded before the renderer's module script by the e2e harness only. It defines the same `window.api` the
// Electron preload defines ({ request, on }), but carries it over a WebSocket to a harness that runs the real core.
(() => {
  // oxlint-disable-next-line unicorn/consistent-function-scoping -- a classic script: its outer scope is window
  const toBase64 = (bytes) => {
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
    return btoa(binary);
  };
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
  // JSON cannot carry bytes (a dropped file, images.import_file): they travel as { __bytes: base64 }, which the
  // harness turns back into a Uint8Array. Electron's IPC needs none of this: it uses structured clone.
  const encodeBytes = (value) => {
    if (value instanceof Uint8Array) return { __bytes: toBase64(value) };
    if (value instanceof ArrayBuffer) return { __bytes: toBase64(new Uint8Array(value)) };
    if (Array.isArray(value)) return value.map(encodeBytes);
    if (value === null || typeof value !== 'object') return value;
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encodeBytes(v)]));
  };
  const api = {
    async request(route, input) {
      await opened;
      // After the app process quits, late refreshes get the same answer a stopped app gives, not a send on a dead socket.
      if (socket.readyState !== WebSocket.OPEN) return { ok: false, error: { code: 'INTERNAL', message: 'The app stopped.' } };
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        socket.send(JSON.stringify({ type: 'request', id, route, input: encodeBytes(input) }));
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
