import { useCallback, useState } from 'react';
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
  const queue = async (sent: Draft) => {
    try {
      const { priceUsd } = await call('iterate.queue', { draft: sent });
      setSend({ state: 'queued', priceUsd });
    } catch (e) {
      setSend({ state: 'failed', error: toApiError(e) });
    }
  };
  const submit = () => {
    // Only what main has just checked is sent: a draft still being checked, or refused, waits.
    if (draft === null || prepared.state !== 'ready') return;
    setSend({ state: 'idle' });
    void spendGuard.submit(prepared.prepared.priceUsd, () => queue(draft));
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
    // From the press until main has answered (the question aside), the form shows it is sending.
    send: spendGuard.busy ? { state: 'sending' } : send,
    submit,
    pendingSpend: spendGuard.pending,
    confirmSpend: spendGuard.confirm,
    cancelSpend: spendGuard.cancel,
    dismissSend: () => setSend({ state: 'idle' }),
  };
};
