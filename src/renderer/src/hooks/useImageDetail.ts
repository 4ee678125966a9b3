import { useCallback, useEffect, useState } from 'react';
import type { ImageDetail } from '../../../shared/ipc/schemas/images.ts';
import { type ApiError, call, toApiError } from '../api.ts';

export interface ImageDetailState {
  detail: ImageDetail | null;
  error: ApiError | null;
  /** Ask again (after tags or collections changed). */
  reload: () => void;
}

type Answer = { id: string | null; detail: ImageDetail | null; error: ApiError | null };

/** Full metadata for one image; the answer for an id the viewer has already left is dropped. */
export const useImageDetail = (id: string | null): ImageDetailState => {
  const [state, setState] = useState<Answer>({ id: null, detail: null, error: null });

  const fetchDetail = useCallback((wanted: string, isCurrent: () => boolean) => {
    call('images.get', { id: wanted }).then(
      (detail) => isCurrent() && setState({ id: wanted, detail, error: null }),
      (e: unknown) => isCurrent() && setState({ id: wanted, detail: null, error: toApiError(e) }),
    );
  }, []);

  useEffect(() => {
    if (id === null) return;
    let current = true;
    fetchDetail(id, () => current);
    return () => {
      current = false;
    };
  }, [id, fetchDetail]);

  // A reload's answer is kept only while the same image is still the one shown.
  const reload = useCallback(() => {
    if (id !== null) fetchDetail(id, () => true);
  }, [id, fetchDetail]);

  return state.id === id ? { detail: state.detail, error: state.error, reload } : { detail: null, error: null, reload };
};
