import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { formatUsd } from '../../lib/format.ts';
import type { PendingSpend } from './useSpendGuard.ts';

/** "The estimated price, $3.36, is above your limit of $1.00": nothing is queued until the user says so. */
interface Props {
  pending: PendingSpend;
  onConfirm: () => void;
  onCancel: () => void;
  /** The spending answer's words when it is not "Generate for $…" (an edit: "Edit for $…"); given the total. */
  yesLabel?: (total: string) => string;
}

export function SpendConfirm({ pending, onConfirm, onCancel, yesLabel }: Props) {
  const { t, i18n } = useTranslation();
  const cancel = useRef<HTMLButtonElement>(null);
  // The question takes focus, on the harmless answer: Enter must not spend by accident.
  useEffect(() => cancel.current?.focus(), []);
  const total = formatUsd(pending.totalUsd, i18n.language);
  return (
    <div className="confirm" role="alertdialog" aria-labelledby="spend-confirm-text" data-testid="spend-confirm">
      <p id="spend-confirm-text">{t('generate.spendConfirm', { total, limit: formatUsd(pending.limitUsd, i18n.language) })}</p>
      <div className="confirm__actions">
        <button type="button" className="button button--primary" data-testid="spend-confirm-yes" onClick={onConfirm}>
          {yesLabel ? yesLabel(total) : t('generate.spendConfirmYes', { total })}
        </button>
        <button ref={cancel} type="button" className="button button--ghost" data-testid="spend-confirm-no" onClick={onCancel}>
          {t('generate.spendConfirmNo')}
        </button>
      </div>
    </div>
  );
}
