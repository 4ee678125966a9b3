import { useCallback, useRef, useState } from 'react';
import { type ApiError, call, toApiError } from '../../api.ts';
import { type PendingSpend, useSpendGuard } from '../generate/useSpendGuard.ts';
import { type DraftGap, DEFAULT_SETTINGS, defaultModel, type Draft, draftOf, inputLimit, type IterateLaunch, type IterateMode, type IterateSettings } from './iterateSettings.ts';
import { type Downscale, useDownscale } from './useDownscale.ts';
import { type Inputs, useInputs } from './useInputs.ts';
import { type IterateCatalogState, useIterateCatalog } from './useIterateCatalog.ts';
import { type PreparedState, usePrepared } from './usePrepared.ts';

type SendState = { state: 'idle' } | { state: 'sending' } | { state: 'queued'; priceUsd: number | null } | { state: 'failed'; error: ApiError };

export interface IterateForm {
  mode: IterateMode;
  setMode: (mode: IterateMode) => void;
  /** With the model filled in: the one chosen, else a sensible default from the catalogue. */
  settings: IterateSettings;
  change: (patch: Partial<IterateSettings>) => void;
  inputs: Inputs;
  /** A smaller copy of an input too large for Venice, offered on its refusal. */
  downscale: Downscale;
  /** How many inputs are sent (the rest are listed as not used). */
  limit: number;
  catalog: IterateCatalogState;
  gap: DraftGap | null;
  prepared: PreparedState;
  send: SendState;
  submit: () => void;
  /** A send above the spending limit, waiting for the user's answer (the same question Generate asks). */
  pendingSpend: PendingSpend | null;
  confirmSpend: () => void;
  cancelSpend: () => void;
  dismissSend: () => void;
}

/** The panel's state: one launch's form, its inputs, main's check of the draft, and sending it to the queue. */
export const useIterateForm = (launch: IterateLaunch): IterateForm => {
  const [mode, setModeState] = useState<IterateMode>(launch.mode);
  const [chosen, setChosen] = useState<IterateSettings>({ ...DEFAULT_SETTINGS, ...launch.settings });
  const inputs = useInputs(launch.ids);
  const downscale = useDownscale(inputs);
  const catalog = useIterateCatalog();
  const [send, setSend] = useState<SendState>({ state: 'idle' });
  const sendingRef = useRef(false);
  const spendGuard = useSpendGuard();

  const models = catalog.catalog?.models ?? [];
  const settings = chosen.model === '' ? { ...chosen, model: defaultModel(models, mode) } : chosen;
  const limit = inputLimit(mode, models.find((m) => m.id === settings.model));
  const built = draftOf(mode, inputs.ids.slice(0, limit), settings);
  const draft: Draft | null = typeof built === 'string' ? null : built;
  const prepared = usePrepared(draft);

  const change = useCallback((patch: Partial<IterateSettings>) => {
    setChosen((s) => ({ ...s, ...patch }));
    setSend({ state: 'idle' });
  }, []);
  const setMode = useCallback((next: IterateMode) => {
    setModeState(next);
    setSend({ state: 'idle' });
  }, []);
  const submit = () => {
    // Only what main has just checked is sent: a draft still being checked, or refused, waits. From the press on,
    // reading the spend limit and the queueing are one submission: a second press meanwhile (a double click) must not
    // queue a second paid job, so a ref closes the form in the same tick.
    if (draft === null || prepared.state !== 'ready' || sendingRef.current || send.state === 'sending' || spendGuard.pending) return;
    sendingRef.current = true;
    setSend({ state: 'sending' });
    let queued = false;
    const queue = async () => {
      queued = true;
      setSend({ state: 'sending' });
      try {
        const { priceUsd } = await call('iterate.queue', { draft });
        setSend({ state: 'queued', priceUsd });
      } catch (e) {
        setSend({ state: 'failed', error: toApiError(e) });
      }
    };
    void spendGuard.guard(prepared.prepared.priceUsd, queue).finally(() => {
      sendingRef.current = false;
      // The spend question is up instead: nothing is being sent until it is answered.
      if (!queued) setSend({ state: 'idle' });
    });
  };
  return {
    mode,
    setMode,
    settings,
    change,
    inputs,
    downscale,
    limit,
    catalog,
    gap: typeof built === 'string' ? built : null,
    prepared,
    send,
    submit,
    pendingSpend: spendGuard.pending,
    confirmSpend: spendGuard.confirm,
    cancelSpend: spendGuard.cancel,
    dismissSend: () => setSend({ state: 'idle' }),
  };
};
