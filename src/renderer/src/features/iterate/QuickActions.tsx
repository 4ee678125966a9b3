import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RouteInput, RouteOutput } from '../../../../shared/ipc/contract.ts';
import { type ApiError, call, toApiError } from '../../api.ts';
import { formatUsd } from '../../lib/format.ts';
import { ErrorMessage } from '../../ui/ErrorMessage.tsx';

type Draft = RouteInput<'iterate.queue'>['draft'];

/**
 * One-click operations on the open image: upscale 2× and remove the background. Each is checked by main (input
 * bounds, price) and queued like a generation; the queue panel follows it and the result appears under "Versions".
 */
/** The prices of the one-click operations, from the cached catalogue (refreshed when a day old). */
const usePrices = (): RouteOutput<'iterate.catalog'>['prices'] => {
  const [prices, setPrices] = useState<RouteOutput<'iterate.catalog'>['prices']>(null);
  useEffect(() => {
    let current = true;
    call('iterate.catalog', { refresh: true }).then(
      (catalog) => current && setPrices(catalog.prices),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, []);
  return prices;
};

export function QuickActions({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const prices = usePrices();
  // The price is on the button, so it is known before anything is sent.
  const priced = (label: string, usd: number | null | undefined): string => (usd == null ? label : `${label} · ${formatUsd(usd, i18n.language)}`);
  const [state, setState] = useState<{ queued: string | null; error: ApiError | null; busy: boolean }>({ queued: null, error: null, busy: false });
  const input = [{ kind: 'library' as const, id }];
  const queue = (label: string, draft: Draft) => {
    setState({ queued: null, error: null, busy: true });
    call('iterate.queue', { draft }).then(
      ({ priceUsd }) => setState({ queued: priceUsd === null ? label : `${label} · ${formatUsd(priceUsd, i18n.language)}`, error: null, busy: false }),
      (e: unknown) => setState({ queued: null, error: toApiError(e), busy: false }),
    );
  };
  return (
    <section className="quick-actions" data-testid="quick-actions">
      <div className="viewer__actions">
        <button type="button" className="button button--small" disabled={state.busy} data-testid="action-upscale" onClick={() => queue(t('iterate.upscale2x'), { endpoint: 'upscale', prompt: '', inputs: input, scale: 2 })}>
          {priced(t('iterate.upscale2x'), prices?.upscale2x)}
        </button>
        <button
          type="button"
          className="button button--small"
          disabled={state.busy}
          data-testid="action-remove-background"
          onClick={() => queue(t('iterate.removeBackground'), { endpoint: 'remove-background', prompt: '', inputs: input })}
        >
          {priced(t('iterate.removeBackground'), prices?.removeBackground)}
        </button>
      </div>
      {state.queued && (
        <p className="muted" role="status" data-testid="action-queued">
          {t('iterate.queued', { what: state.queued })}
        </p>
      )}
      {state.error && <ErrorMessage error={state.error} compact testId="action-error" onDismiss={() => setState((s) => ({ ...s, error: null }))} />}
    </section>
  );
}
