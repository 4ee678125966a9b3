import { useEffect, useState } from 'react';
import type { ImageDetail } from '../../../shared/ipc/schemas/images.ts';
import { type ApiError, call, toApiError } from '../api.ts';

export interface ImageDetailState {
  detail: ImageDetail | null;
  error: ApiError | null;
}

/** Full metadata for one image; the answer for an id the viewer has already left is dropped. */
export const useImageDetail = (id: string | null): ImageDetailState => {
  const [state, setState] = useState<ImageDetailState & { id: string | null }>({ id: null, detail: null, error: null });

  useEffect(() => {
    if (id === null) return;
    let current = true;
    call('images.get', { id }).then(
      (detail) => current && setState({ id, detail, error: null }),
      (e: unknown) => current && setState({ id, detail: null, error: toApiError(e) }),
    );
    return () => {
      current = false;
    };
  }, [id]);

  return state.id === id ? { detail: state.detail, error: state.error } : { detail: null, error: null };
};
