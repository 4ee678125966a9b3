import { useTranslation } from 'react-i18next';
import type { AccountStatus as Account } from '../../../shared/ipc/schemas/catalog.ts';
import type { SpendPeriod } from '../../../shared/ipc/schemas/spend.ts';
import { dateFormat, formatBalanceUsd, formatDiem, formatUsd } from '../lib/format.ts';

/** A note above the figures: offline, or something about the stored key the user should know before generating. */
function Notice({ tone, title, hint, testId, compact }: { tone: 'warn' | 'danger'; title: string; hint: string; testId: string; compact: boolean }) {
  // Folded sidebar: only the dot shows; its words stay for screen readers and as the tooltip.
  return (
    <p className={`warn-box account__notice account__notice--${tone}`} data-testid={testId} role="status" title={compact ? `${title}: ${hint}` : undefined}>
      <span className="account__notice-dot" aria-hidden="true" />
      <span>
        <span className="account__notice-title">{title}</span>
        <span className="account__notice-hint">{hint}</span>
      </span>
    </p>
  );
}

/** One ledger period: what was charged, and on a line of its own under it what may have been. */
function SpendFigure({ period, testId }: { period: SpendPeriod; testId: string }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  return (
    <>
      <dd data-testid={testId} data-charged={period.chargedUsd} data-possibly={period.possiblyChargedUsd}>
        {formatUsd(period.chargedUsd, lng)}
      </dd>
      {period.possiblyChargedUsd > 0 && (
        <dd className="account__possibly" data-testid={`${testId}-possibly`}>
          {t('account.possiblyCharged', { amount: formatUsd(period.possiblyChargedUsd, lng) })}
        </dd>
      )}
      {period.unpricedJobs > 0 && <dd className="account__possibly">{t('account.unpriced', { count: period.unpricedJobs })}</dd>}
    </>
  );
}

/**
 * The sidebar footer: what is left on the Venice account and its plan (asked when the key is saved and at each start,
 * so it shows before any image), the spend ledger (charged, and apart from it what may have been), and whether Venice
 * and the stored key work.
 */
export function AccountStatus({ account, compact = false }: { account: Account | null; compact?: boolean }) {
  const { t, i18n } = useTranslation();
  if (!account) return null;
  const lng = i18n.language;
  const known = account.balanceUsd !== null || account.balanceDiem !== null;
  const date = (value: number | string, style: 'short' | 'medium') =>
    dateFormat(lng, style === 'short' ? { dateStyle: 'short', timeStyle: 'short' } : { dateStyle: 'medium' }).format(new Date(value));
  const asOf = account.balanceAt === null ? null : date(account.balanceAt, 'short');
  const plan = account.account;

  return (
    <div className={`account${compact ? ' account--compact' : ''}`} data-testid="account-status" data-verification={account.verification ?? 'none'}>
      {!account.online && <Notice tone="warn" testId="offline-indicator" title={t('account.offline')} hint={t('account.offlineHint')} compact={compact} />}
      {account.verification === 'rejected' && (
        <Notice tone="danger" testId="key-rejected" title={t('account.keyRejected')} hint={t('account.keyRejectedHint')} compact={compact} />
      )}
      {account.verification === 'unverified' && (
        <Notice tone="warn" testId="key-unverified" title={t('account.keyUnverified')} hint={t('account.keyUnverifiedHint')} compact={compact} />
      )}
      <dl className="account__figures" title={t('account.ledgerHint')} hidden={compact}>
        <dt>{t('account.balance')}</dt>
        <dd data-testid="balance" className={known ? undefined : 'account__unknown'} title={asOf ? t('account.balanceAsOf', { date: asOf }) : undefined}>
          {known ? (
            <>
              {account.balanceUsd !== null && <span>{formatBalanceUsd(account.balanceUsd, lng)}</span>}{' '}
              {account.balanceDiem !== null && <span className="account__diem">{t('account.diem', { amount: formatDiem(account.balanceDiem, lng) })}</span>}
            </>
          ) : (
            <span className="muted">{t('account.balanceUnknown')}</span>
          )}
        </dd>
        {plan?.tier && (
          <>
            <dt>{t('account.plan')}</dt>
            <dd data-testid="account-tier">{t(`account.tiers.${plan.tier}`, { defaultValue: plan.tier })}</dd>
          </>
        )}
        {plan?.expiresAt && (
          <>
            <dt>{t('account.keyExpires')}</dt>
            <dd data-testid="key-expiry">{date(plan.expiresAt, 'medium')}</dd>
          </>
        )}
        <dt>{t('account.spentToday')}</dt>
        <SpendFigure period={account.spend.today} testId="spend-today" />
        <dt>{t('account.spentMonth')}</dt>
        <SpendFigure period={account.spend.month} testId="spend-month" />
        <dt>{t('account.spentAllTime')}</dt>
        <SpendFigure period={account.spend.allTime} testId="spend-all-time" />
      </dl>
    </div>
  );
}
