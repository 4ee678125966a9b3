import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_SPEND_LIMIT_USD } from '../../../../shared/spending.ts';
import { call, toApiError } from '../../api.ts';
import { useBusyCall } from '../../hooks/useBusyCall.ts';
import { formatUsd } from '../../lib/format.ts';
import { ErrorMessage } from '../../ui/ErrorMessage.tsx';
import { SettingsNumberField, SettingsSaveRow, SettingsSection } from './SettingsParts.tsx';

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
  const { busy, error, setError, run } = useBusyCall<'save'>();

  useEffect(() => {
    call('settings.get_preferences', {}).then(
      (p) => setLimit(shown(p.spendLimitUsd)),
      (e: unknown) => setError(toApiError(e)),
    );
  }, [setError]);

  const value = parseUsd(limit);
  const save = (e: FormEvent) => {
    e.preventDefault();
    if (value === null) return;
    setSaved(null);
    void run('save', () => call('settings.set_spend_limit', { spendLimitUsd: value }), (prefs) => {
      setLimit(shown(prefs.spendLimitUsd));
      setSaved(prefs.spendLimitUsd);
    });
  };

  return (
    <SettingsSection id="spend-settings-title" title={t('spendSettings.title')}>
      <form className="settings-grid" onSubmit={save} noValidate>
        <SettingsNumberField
          id="spend-limit"
          label={t('spendSettings.limit')}
          help={t('spendSettings.limitHelp')}
          inputMode="decimal"
          value={limit}
          valid={value !== null}
          onChange={(text) => {
            setLimit(text);
            setSaved(null);
          }}
        />
        <SettingsSaveRow
          testId="spend-limit-save"
          savedTestId="spend-limit-saved"
          disabled={busy !== null || value === null}
          savedText={saved === null ? null : t('spendSettings.saved', { limit: formatUsd(saved, i18n.language) })}
        />
      </form>
      {error && <ErrorMessage error={error} testId="spend-settings-error" />}
    </SettingsSection>
  );
}
