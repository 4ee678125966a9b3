import type { LagoonApi } from '../../../src/shared/ipc/contract.ts';

// Renderer hooks tested in happy-dom are type-checked with the node config, which has no DOM lib: this declares the
// one browser global they reach (the preload's bridge), as the renderer's env.d.ts does for the browser build.
declare global {
  var window: { readonly api: LagoonApi };
}
