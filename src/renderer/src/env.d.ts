import type { LagoonApi } from '../../shared/ipc/contract.ts';

declare global {
  interface Window {
    /** Put there by the preload (Electron) or the e2e bridge; the renderer's only way to reach main. */
    readonly api: LagoonApi;
  }
}
