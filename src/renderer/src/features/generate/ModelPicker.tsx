import { useTranslation } from 'react-i18next';
import type { ModelInfo } from '../../../../shared/models.ts';
import { dateFormat, formatUsd } from '../../lib/format.ts';
import { priceRange } from './prices.ts';
import type { CatalogState } from './useCatalog.ts';
import { ErrorMessage } from '../../ui/ErrorMessage.tsx';
import { SelectField } from '../../ui/SelectField.tsx';
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

  // The simple form may leave the model to Venice (''); the advanced one asks for a choice while none is made.
  const firstOptions = allowDefault
    ? [{ value: '', label: defaultModel ? t('models.veniceDefaultNamed', { name: defaultModel.name }) : t('models.veniceDefault') }]
    : value === ''
      ? [{ value: '', label: t('models.choose') }]
      : [];
  const fetchedAt = catalog?.fetchedAt ?? null;
  const fetched = fetchedAt === null ? null : dateFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(fetchedAt);

  return (
    <SelectField
      id="model-select"
      className="field--wide model-picker"
      label={t('models.label')}
      tools={
        <button type="button" className="link-button" data-testid="models-refresh" onClick={refresh} disabled={refreshing}>
          {refreshing ? <span className="spinner" aria-hidden="true" /> : null}
          {refreshing ? t('models.refreshing') : t('models.refresh')}
        </button>
      }
      value={value}
      options={[...firstOptions, ...models.map((m) => ({ value: m.id, label: optionLabel(m), disabled: m.offline && m.id !== value }))]}
      unlisted={(id) => t('models.notInListOption', { id })}
      onChange={onChange}
    >
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
    </SelectField>
  );
}
