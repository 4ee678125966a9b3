import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_SPEND_LIMIT_USD } from '../../../../shared/spending.ts';
import { type ApiError, call, toApiError } from '../../api.ts';
import { formatUsd } from '../../lib/format.ts';
import { ErrorMessage } from '../../ui/ErrorMessage.tsx';

/** Dollars to a hundredth of a cent (image prices go that low), 0 to the maximum; a comma counts as a decimal point. */
const parseUsd = (text: string): number | null => {
  const normalized = text.trim().replace(',', '.');
  if (!/^\d+(\.\d{1,4})?$/.test(normalized)) return null;
  const n = Number(normalized);
  return n <= MAX_SPEND_LIMIT_USD ? n : null;
};

/** Cents as cents ("1.00"), a fraction of a cent as given ("0.005"). */
const shown = (usd: number): string => (Number.isInteger(Math.round(usd * 1e6) / 1e4) ? usd.toFixed(2) : String(usd));

/** The price above which a batch asks before it is queued (Generate reads it at each press). */
export function SpendSettings() {
  const { t, i18n } = useTranslation();
  const [limit, setLimit] = useState('');
  const [saved, setSaved] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    call('settings.get_preferences', {}).then(
      (p) => setLimit(shown(p.spendLimitUsd)),
      (e: unknown) => setError(toApiError(e)),
    );
  }, []);

  const value = parseUsd(limit);
  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (value === null) return;
    setBusy(true);
    setError(null);
    setSaved(null);
    try {
      const prefs = await call('settings.set_spend_limit', { spendLimitUsd: value });
      setLimit(shown(prefs.spendLimitUsd));
      setSaved(prefs.spendLimitUsd);
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel settings-section" aria-labelledby="spend-settings-title">
      <h2 id="spend-settings-title" className="settings-section__title">
        {t('spendSettings.title')}
      </h2>
      <form className="settings-grid" onSubmit={(e) => void save(e)} noValidate>
        <div className="field">
          <label className="field__label" htmlFor="spend-limit-input">
            {t('spendSettings.limit')}
          </label>
          <input
            id="spend-limit-input"
            className="input input--number"
            data-testid="spend-limit-input"
            inputMode="decimal"
            value={limit}
            aria-invalid={limit !== '' && value === null}
            onChange={(e) => {
              setLimit(e.target.value);
              setSaved(null);
            }}
          />
          <p className="field__help">{t('spendSettings.limitHelp')}</p>
        </div>
        <div className="settings-grid__actions">
          <button type="submit" className="button button--primary button--small" data-testid="spend-limit-save" disabled={busy || value === null}>
            {t('common.save')}
          </button>
          {saved !== null && (
            <span className="feedback" role="status" data-testid="spend-limit-saved">
              {t('spendSettings.saved', { limit: formatUsd(saved, i18n.language) })}
            </span>
          )}
        </div>
      </form>
      {error && <ErrorMessage error={error} testId="spend-settings-error" />}
    </section>
  );
}
