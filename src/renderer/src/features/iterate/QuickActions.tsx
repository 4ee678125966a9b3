import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RouteInput } from '../../../../shared/ipc/contract.ts';
import { type ApiError, call, toApiError } from '../../api.ts';
import { formatUsd } from '../../lib/format.ts';
import { ErrorMessage } from '../../ui/ErrorMessage.tsx';
import { useIterateLauncher } from './iterateLauncher.ts';
import type { IterateMode } from './iterateSettings.ts';
import { useIterateCatalog } from './useIterateCatalog.ts';

type Draft = RouteInput<'iterate.queue'>['draft'];

/**
 * One-click operations on the open image: upscale 2× and remove the background. Each is checked by main (input
 * bounds, price) and queued like a generation; the queue panel follows it and the result appears under "Versions".
 */
export function QuickActions({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const prices = useIterateCatalog().catalog?.prices;
  // The price is on the button, so it is known before anything is sent.
  const priced = (label: string, usd: number | null | undefined): string => (usd == null ? label : `${label} · ${formatUsd(usd, i18n.language)}`);
  const [state, setState] = useState<{ queued: string | null; error: ApiError | null; busy: boolean }>({ queued: null, error: null, busy: false });
  const input = [{ kind: 'library' as const, id }];
  const launch = useIterateLauncher();
  const section = useRef<HTMLElement>(null);
  // The form opens beside the library, so the viewer (a modal dialog, which would keep it inert) closes first.
  const openForm = (mode: IterateMode) => {
    section.current?.closest('dialog')?.close();
    launch({ mode, ids: [id] });
  };
  const queue = (label: string, draft: Draft) => {
    setState({ queued: null, error: null, busy: true });
    call('iterate.queue', { draft }).then(
      ({ priceUsd }) => setState({ queued: priceUsd === null ? label : `${label} · ${formatUsd(priceUsd, i18n.language)}`, error: null, busy: false }),
      (e: unknown) => setState({ queued: null, error: toApiError(e), busy: false }),
    );
  };
  return (
    <section ref={section} className="quick-actions" data-testid="quick-actions">
      <div className="viewer__actions">
        <button type="button" className="button button--small" data-testid="action-edit" onClick={() => openForm('edit')}>
          {t('iterate.editForm')}
        </button>
        <button type="button" className="button button--small" data-testid="action-combine" onClick={() => openForm('combine')}>
          {t('iterate.combineForm')}
        </button>
        <button type="button" className="button button--small" data-testid="action-upscale-options" onClick={() => openForm('upscale')}>
          {t('iterate.upscaleForm')}
        </button>
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
