import type { LibraryHealth } from '../../../shared/ipc/schemas/library.ts';
import { useMainState } from '../hooks/useMainState.ts';

/** What the launch check of the library found; null until main first answers. */
export const useLibraryHealth = (): LibraryHealth | null => useMainState('library.health', 'library.health');
