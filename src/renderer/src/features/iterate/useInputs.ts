import { useCallback, useState } from 'react';
import type { ApiError } from '../../api.ts';
import { filesToLibrary } from '../../lib/filesToLibrary.ts';

export interface Inputs {
  ids: readonly string[];
  /** Adds library images at the end; `only` keeps just the newest (edit and upscale take one image). */
  add: (ids: readonly string[], only: boolean) => void;
  remove: (index: number) => void;
  /** Puts `next` where `previous` is (same position): a smaller copy in place of an input too large for Venice. */
  replace: (previous: string, next: string) => void;
  /** Moves the input at `from` to `to` (0 is the base). */
  move: (from: number, to: number) => void;
  /** Files picked, dropped or pasted: each imported into the library first, then added. */
  addFiles: (files: readonly File[], only: boolean) => Promise<void>;
  importing: boolean;
  importError: ApiError | null;
}

/** Venice's largest `images[]` (the contract's bound): a "Select all" of thousands lists no more than this. */
const MAX_LISTED = 16;
const unique = (ids: readonly string[]): string[] => [...new Set(ids)].slice(0, MAX_LISTED);

/** The form's inputs, as library ids in the user's order. */
export const useInputs = (initial: readonly string[]): Inputs => {
  const [ids, setIds] = useState<readonly string[]>(() => unique(initial));
  const [importing, setImporting] = useState(false);
  const [importError, setImportError] = useState<ApiError | null>(null);

  const add = useCallback((more: readonly string[], only: boolean) => {
    if (more.length === 0) return;
    setIds((current) => (only ? [more.at(-1) ?? ''] : unique([...current, ...more])));
  }, []);
  const remove = useCallback((index: number) => setIds((current) => current.filter((_, i) => i !== index)), []);
  const replace = useCallback((previous: string, next: string) => setIds((current) => unique(current.map((id) => (id === previous ? next : id)))), []);
  const move = useCallback((from: number, to: number) => {
    setIds((current) => {
      if (to < 0 || to >= current.length || from === to) return current;
      const next = [...current];
      const [moved] = next.splice(from, 1);
      if (moved !== undefined) next.splice(to, 0, moved);
      return next;
    });
  }, []);

  const addFiles = useCallback(
    async (files: readonly File[], only: boolean) => {
      setImporting(true);
      setImportError(null);
      const added = await filesToLibrary(files, 'pasted image', setImportError);
      add(added, only);
      setImporting(false);
    },
    [add],
  );

  return { ids, add, remove, replace, move, addFiles, importing, importError };
};
