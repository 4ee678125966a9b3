import { useTranslation } from 'react-i18next';
import type { ModelInfo } from '../../../../shared/models.ts';
import { formatUsd } from '../../lib/format.ts';
import { priceRange } from './prices.ts';
import type { CatalogState } from './useCatalog.ts';
import { ErrorMessage } from '../../ui/ErrorMessage.tsx';
import { ModelCard } from './ModelCard.tsx';

interface Props {
  catalogState: CatalogState;
  value: string;
  onChange: (id: string) => void;
  /** The simple form may leave the choice to Venice: '' then means Venice's default model. */
  defaultModel?: ModelInfo | undefined;
  allowDefault?: boolean;
}

export function ModelPicker({ catalogState, value, onChange, defaultModel, allowDefault = false }: Props) {
  const { t, i18n } = useTranslation();
  const { catalog, refreshing, error, refresh } = catalogState;
  const models = catalog?.models ?? [];
  const selected = models.find((m) => m.id === value);
  const shown = value === '' ? defaultModel : selected;

  const optionLabel = (m: ModelInfo): string => {
    const range = priceRange(m);
    const price =
      range === null
        ? ''
        : range.min === range.max
          ? t('models.optionPrice', { price: formatUsd(range.min, i18n.language) })
          : t('models.optionPriceFrom', { price: formatUsd(range.min, i18n.language) });
    const state = m.offline ? t('models.optionOffline') : m.deprecation ? t('models.optionDeprecated') : '';
    return [m.name, price, state].filter(Boolean).join(' · ');
  };

  const fetchedAt = catalog?.fetchedAt ?? null;
  const fetched = fetchedAt === null ? null : new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(fetchedAt);

  return (
    <div className="field field--wide model-picker">
      <div className="field__label-row">
        <label className="field__label" htmlFor="model-select">
          {t('models.label')}
        </label>
        <button type="button" className="link-button" data-testid="models-refresh" onClick={refresh} disabled={refreshing}>
          {refreshing ? <span className="spinner" aria-hidden="true" /> : null}
          {refreshing ? t('models.refreshing') : t('models.refresh')}
        </button>
      </div>
      <select id="model-select" className="select" data-testid="model-select" value={value} onChange={(e) => onChange(e.target.value)}>
        {allowDefault && (
          <option value="">{defaultModel ? t('models.veniceDefaultNamed', { name: defaultModel.name }) : t('models.veniceDefault')}</option>
        )}
        {!allowDefault && value === '' && <option value="">{t('models.choose')}</option>}
        {models.map((m) => (
          <option key={m.id} value={m.id} disabled={m.offline && m.id !== value}>
            {optionLabel(m)}
          </option>
        ))}
        {value !== '' && !selected && <option value={value}>{t('models.notInListOption', { id: value })}</option>}
      </select>
      {shown ? (
        <ModelCard model={shown} models={models} onChoose={onChange} />
      ) : (
        value !== '' && (
          <p className="field__warning" data-testid="model-unknown">
            {t('models.unknown', { id: value })}
          </p>
        )
      )}
      {catalog && models.length === 0 && !refreshing && (
        <p className="field__help" data-testid="models-empty">
          {t('models.empty')}
        </p>
      )}
      {error && <ErrorMessage error={error} testId="models-error" compact />}
      <p className="field__help" data-testid="models-fetched">
        {fetched ? t('models.fetchedAt', { date: fetched }) : t('models.neverFetched')}
      </p>
    </div>
  );
}
