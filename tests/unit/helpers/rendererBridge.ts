import type { ImageSummary } from '../../../src/shared/ipc/schemas/images.ts';

type Answer = { ok: true; data: unknown } | { ok: false; error: { code: string; message: string } };
type Handler = (input: never) => unknown;

interface Pending {
  route: string;
  input: unknown;
  resolve: (answer: Answer) => void;
}

/**
 * The preload's `window.api` for renderer hook tests in happy-dom: routes answer through handlers, or are held until
 * the test releases them (to make answers cross), and events are emitted by the test. The hooks run unchanged.
 */
export class FakeBridge {
  readonly calls: { route: string; input: unknown }[] = [];
  private readonly handlers = new Map<string, Handler>();
  private readonly held = new Set<string>();
  private readonly pending: Pending[] = [];
  private readonly listeners = new Map<string, Set<(payload: unknown) => void>>();

  install(): this {
    Object.defineProperty(testWindow(), 'api', {
      configurable: true,
      value: {
        request: (route: string, input: unknown) => this.request(route, input),
        on: (event: string, listener: (payload: unknown) => void) => {
          const set = this.listeners.get(event) ?? new Set();
          set.add(listener);
          this.listeners.set(event, set);
          return () => set.delete(listener);
        },
      },
    });
    return this;
  }

  /** Answers `route` with what `handler` returns (a thrown error becomes a failed answer). */
  handle<T>(route: string, handler: (input: T) => unknown): this {
    this.handlers.set(route, handler as Handler);
    return this;
  }

  /** Holds every later call to `route` until `release` is called for it. */
  hold(route: string): void {
    this.held.add(route);
  }

  /** Answers the held call number `index` (in call order) of `route` through its handler. */
  release(route: string, index = 0): void {
    const calls = this.pending.filter((p) => p.route === route);
    const call = calls[index];
    if (!call) throw new Error(`no held call ${index} of ${route}`);
    this.pending.splice(this.pending.indexOf(call), 1);
    call.resolve(this.answer(route, call.input));
  }

  emit(event: string, payload: unknown): void {
    for (const listener of this.listeners.get(event) ?? []) listener(payload);
  }

  private request(route: string, input: unknown): Promise<Answer> {
    this.calls.push({ route, input });
    if (this.held.has(route)) return new Promise((resolve) => this.pending.push({ route, input, resolve }));
    return Promise.resolve(this.answer(route, input));
  }

  private answer(route: string, input: unknown): Answer {
    const handler = this.handlers.get(route);
    if (!handler) return { ok: false, error: { code: 'INTERNAL', message: `no handler for ${route}` } };
    try {
      return { ok: true, data: handler(input as never) };
    } catch (e) {
      return { ok: false, error: { code: 'INTERNAL', message: String(e) } };
    }
  }
}

// The node tsconfig has no DOM types; in happy-dom the page's window is a global like any other.
const testWindow = (): object => (globalThis as unknown as { window: object }).window;

/** Takes `window.api` away again after a test. */
export const uninstallBridge = (): void => {
  Reflect.deleteProperty(testWindow(), 'api');
};

export const summary = (id: string, over: Partial<ImageSummary> = {}): ImageSummary => ({
  id,
  createdAt: 1_700_000_000_000,
  prompt: `prompt ${id}`,
  model: 'venice-sd35',
  width: 1024,
  height: 1024,
  format: 'png',
  blurred: false,
  favorite: false,
  rating: 0,
  trashedAt: null,
  fileMissing: false,
  ...over,
});
