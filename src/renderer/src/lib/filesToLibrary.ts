import { type ApiError, call, toApiError } from '../api.ts';
import { cutUnits } from './text.ts';

/**
 * Files picked, dropped or pasted as inputs become library images first (the page names library images only, so main
 * reads what it checks). One at a time, so a large drop never sits in memory twice. A file that fails is told to
 * `onError` and left out; the ids of the others come back in order.
 */
export const filesToLibrary = async (files: readonly File[], fallbackName: string, onError: (e: ApiError) => void): Promise<string[]> => {
  const ids: string[] = [];
  for (const file of files) {
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      ids.push((await call('iterate.add_file', { name: cutUnits(file.name.toWellFormed(), 255) || fallbackName, bytes })).id);
    } catch (e) {
      onError(toApiError(e));
    }
  }
  return ids;
};
