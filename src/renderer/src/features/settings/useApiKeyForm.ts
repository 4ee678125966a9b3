import { type FormEvent, useRef, useState } from 'react';
import { type ApiError, call, toApiError } from '../../api.ts';
import type { KeyStatusState } from '../../hooks/useKeyStatus.ts';

export type KeyFeedback = 'saved' | 'savedUnverified' | 'rejected' | 'removed' | 'keyEmpty' | null;

/**
 * Saving and removing the key. The key is write-only: it lives in an uncontrolled password field (never in React
 * state), is read once on submit, and the field is then cleared and remounted (`fieldGeneration`) so no DOM node
 * keeps the value.
 */
export function useApiKeyForm({ update }: Pick<KeyStatusState, 'update'>) {
  const input = useRef<HTMLInputElement>(null);
  const [fieldGeneration, setFieldGeneration] = useState(0);
  const [busy, setBusy] = useState(false);
  const [confirmingRemove, setConfirmingRemove] = useState(false);
  const [feedback, setFeedback] = useState<KeyFeedback>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const takeKey = (): string | null => {
    const el = input.current;
    if (!el || busy) return null;
    const apiKey = el.value;
    el.value = '';
    setFieldGeneration((g) => g + 1);
    setError(null);
    return apiKey;
  };

  const save = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const apiKey = takeKey();
    if (apiKey === null) return;
    if (apiKey.trim() === '') return setFeedback('keyEmpty');
    setFeedback(null);
    setBusy(true);
    try {
      const saved = await call('settings.set_api_key', { apiKey });
      update(saved);
      setFeedback(saved.verification === 'unverified' ? 'savedUnverified' : 'saved');
      setConfirmingRemove(false);
    } catch (err) {
      const failure = toApiError(err);
      // Venice refused the key when asked: it was not stored, which the generic "rejected" text does not say.
      if (failure.code === 'AUTH_REJECTED') setFeedback('rejected');
      else setError(failure);
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    setBusy(true);
    setError(null);
    setFeedback(null);
    try {
      update(await call('settings.clear_api_key', {}));
      setFeedback('removed');
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(false);
      setConfirmingRemove(false);
    }
  };

  const askToRemove = (asking: boolean) => {
    if (asking) setFeedback(null);
    setConfirmingRemove(asking);
  };

  return { input, fieldGeneration, busy, confirmingRemove, feedback, error, save, remove, askToRemove };
}
