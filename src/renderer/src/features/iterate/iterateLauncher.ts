import { createContext, useContext } from 'react';
import type { IterateLaunch } from './iterateSettings.ts';

/**
 * Opens the iterate panel from anywhere below the app (the viewer, the bulk bar) without threading a callback
 * through every view in between. The app provides it; the default does nothing (a component rendered alone).
 */
export const IterateLauncherContext = createContext<(launch: IterateLaunch) => void>(() => undefined);

export const useIterateLauncher = (): ((launch: IterateLaunch) => void) => useContext(IterateLauncherContext);
