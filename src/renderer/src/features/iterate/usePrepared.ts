import { useEffect, useState } from 'react';
import type { RouteOutput } from '../../../../shared/ipc/contract.ts';
import { type ApiError, call, toApiError } from '../../api.ts';
import type { Draft } from './iterateSettings.ts';

type Prepared = RouteOutput<'iterate.prepare'>;

export type PreparedState =
  | { state: 'idle' }
  | { state: 'checking' }
  | { state: 'ready'; prepared: Prepared }
  | { state: 'refused'; error: ApiError };

/** Typing settles before main reads the inputs again. */
const SETTLE_MS = 250;

/**
 * Main's check of the draft as it stands: the price and an upscale's result size, or why it would be refused (an
 * input outside Venice's bounds, a model that cannot combine). Checking sends nothing to Venice.
 */
export const usePrepared = (draft: Draft | null): PreparedState => {
  const key = draft === null ? '' : JSON.stringify(draft);
  const [result, setResult] = useState<{ key: string; value: PreparedState }>({ key: '', value: { state: 'idle' } });
  useEffect(() => {
    if (key === '') return undefined;
    let current = true;
    const timer = setTimeout(() => {
      call('iterate.prepare', { draft: JSON.parse(key) as Draft }).then(
        (prepared) => current && setResult({ key, value: { state: 'ready', prepared } }),
        (e: unknown) => current && setResult({ key, value: { state: 'refused', error: toApiError(e) } }),
      );
    }, SETTLE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [key]);
  if (key === '') return { state: 'idle' };
  return result.key === key ? result.value : { state: 'checking' };
};
