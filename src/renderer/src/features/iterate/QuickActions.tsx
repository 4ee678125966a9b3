import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RouteInput } from '../../../../shared/ipc/contract.ts';
import { type ApiError, call, toApiError } from '../../api.ts';
import { formatUsd } from '../../lib/format.ts';
import { ErrorMessage } from '../../ui/ErrorMessage.tsx';
import { SpendConfirm } from '../generate/SpendConfirm.tsx';
import { useSpendGuard } from '../generate/useSpendGuard.ts';
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
  const [state, setState] = useState<{ queued: string | null; error: ApiError | null }>({ queued: null, error: null });
  const spendGuard = useSpendGuard();
  // Which button the spend question answers ("Upscale for $…" or "Remove the background for $…").
  const [asked, setAsked] = useState<'upscale' | 'removeBackground'>('upscale');
  const input = [{ kind: 'library' as const, id }];
  const launch = useIterateLauncher();
  const section = useRef<HTMLElement>(null);
  // The form opens beside the library, so the viewer (a modal dialog, which would keep it inert) closes first.
  const openForm = (mode: IterateMode) => {
    section.current?.closest('dialog')?.close();
    launch({ mode, ids: [id] });
  };
  // A paid send like any other: one at a time, and the spend question when its price is above the limit.
  const queue = (label: string, draft: Draft, usd: number | null | undefined) => {
    setAsked(draft.endpoint === 'upscale' ? 'upscale' : 'removeBackground');
    setState({ queued: null, error: null });
    void spendGuard.submit(usd ?? null, () =>
      call('iterate.queue', { draft }).then(
        ({ priceUsd }) => setState({ queued: priced(label, priceUsd), error: null }),
        (e: unknown) => setState({ queued: null, error: toApiError(e) }),
      ),
    );
  };
  const idle = !spendGuard.busy && spendGuard.pending === null;
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
        <button
          type="button"
          className="button button--small"
          disabled={!idle}
          data-testid="action-upscale"
          onClick={() => queue(t('iterate.upscale2x'), { endpoint: 'upscale', prompt: '', inputs: input, scale: 2 }, prices?.upscale2x)}
        >
          {priced(t('iterate.upscale2x'), prices?.upscale2x)}
        </button>
        <button
          type="button"
          className="button button--small"
          disabled={!idle}
          data-testid="action-remove-background"
          onClick={() => queue(t('iterate.removeBackground'), { endpoint: 'remove-background', prompt: '', inputs: input }, prices?.removeBackground)}
        >
          {priced(t('iterate.removeBackground'), prices?.removeBackground)}
        </button>
      </div>
      {spendGuard.pending && (
        <SpendConfirm
          pending={spendGuard.pending}
          onConfirm={spendGuard.confirm}
          onCancel={spendGuard.cancel}
          yesLabel={(total) => t(`iterate.form.spendYes.${asked}`, { total })}
        />
      )}
      {state.queued && (
        <p className="muted" role="status" data-testid="action-queued">
          {t('iterate.queued', { what: state.queued })}
        </p>
      )}
      {state.error && <ErrorMessage error={state.error} compact testId="action-error" onDismiss={() => setState((s) => ({ ...s, error: null }))} />}
    </section>
  );
}
