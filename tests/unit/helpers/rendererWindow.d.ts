import type { LagoonApi } from '../../../src/shared/ipc/contract.ts';

// Renderer hooks tested in happy-dom are type-checked with the node config, which has no DOM lib: this declares the
// browser globals they reach (the preload's bridge, as the renderer's env.d.ts does for the browser build, and the
// media queries a folding panel follows).
interface MediaQueryListLike {
  readonly matches: boolean;
  addEventListener(type: 'change', listener: () => void): void;
  removeEventListener(type: 'change', listener: () => void): void;
}

declare global {
  var window: { readonly api: LagoonApi; matchMedia(query: string): MediaQueryListLike };
}
