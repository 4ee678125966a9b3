import { useCallback, useState } from 'react';
import { type ApiError, call, toApiError } from '../../api.ts';
import type { Inputs } from './useInputs.ts';

/** The copy last put in place of an input, said beside the price so the user knows what will be sent. */
interface DownscaledCopy {
  id: string;
  position: number;
  width: number;
  height: number;
}

export interface Downscale {
  /** Makes a smaller copy of the input at `index` (main, sharp; nothing is sent to Venice) and puts it there. */
  run: (index: number) => void;
  busy: boolean;
  error: ApiError | null;
  done: DownscaledCopy | null;
  /** The last copy made, a new object each time (the panel moves the keyboard focus to it once). */
  made: DownscaledCopy | null;
}

/**
 * The offer on an input too large for Venice: one click makes the copy and swaps it in at the same position, which
 * changes the draft, so the form checks it again (usePrepared) and shows the price.
 */
export const useDownscale = (inputs: Inputs): Downscale => {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [made, setMade] = useState<DownscaledCopy | null>(null);
  const { ids, replace } = inputs;
  const run = useCallback(
    (index: number) => {
      const id = ids[index];
      if (id === undefined) return;
      setBusy(true);
      setError(null);
      call('iterate.downscale_input', { id }).then(
        (copy) => {
          replace(id, copy.id);
          setMade({ id: copy.id, position: index + 1, width: copy.width, height: copy.height });
          setBusy(false);
        },
        (e: unknown) => {
          setError(toApiError(e));
          setBusy(false);
        },
      );
    },
    [ids, replace],
  );
  // Said only while the copy is still among the inputs.
  const done = made !== null && ids.includes(made.id) ? made : null;
  return { run, busy, error, done, made };
};
