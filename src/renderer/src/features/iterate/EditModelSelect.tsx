import { useTranslation } from 'react-i18next';
import type { EditModelInfo } from '../../../../shared/iterate.ts';
import { dateFormat, formatUsd } from '../../lib/format.ts';
import { SelectField } from '../../ui/SelectField.tsx';
import type { IterateMode } from './iterateSettings.ts';

interface Props {
  models: readonly EditModelInfo[];
  mode: IterateMode;
  value: string;
  onChange: (id: string) => void;
}

/** The deprecation of the chosen model, with its replacement to switch to, as the generate model card words it. */
function Deprecation({ model, models, onChange }: { model: EditModelInfo; models: readonly EditModelInfo[]; onChange: (id: string) => void }) {
  const { t, i18n } = useTranslation();
  const { deprecation } = model;
  if (!deprecation) return null;
  const date = deprecation.date === null ? null : dateFormat(i18n.language, { dateStyle: 'medium' }).format(new Date(deprecation.date));
  const replacement = models.find((m) => m.id === deprecation.replacement && !m.offline);
  return (
    <p className="field__warning" data-testid="iterate-model-deprecated">
      {date === null ? t('models.deprecated') : t('models.deprecatedOn', { date })}{' '}
      {replacement && (
        <button type="button" className="link-button" data-testid="iterate-model-replacement" onClick={() => onChange(replacement.id)}>
          {t('models.switchTo', { name: replacement.name })}
        </button>
      )}
    </p>
  );
}

/** The edit model, from Venice's inpaint list: price per edit, offline ones shown and not choosable, deprecations told. */
export function EditModelSelect({ models, mode, value, onChange }: Props) {
  const { t, i18n } = useTranslation();
  const selected = models.find((m) => m.id === value);
  const label = (m: EditModelInfo): string => {
    const price = m.priceUsd === null ? '' : t('models.optionPrice', { price: formatUsd(m.priceUsd, i18n.language) });
    const state = m.offline ? t('models.optionOffline') : m.deprecation ? t('models.optionDeprecated') : '';
    const single = mode === 'combine' && !m.combineImages ? t('iterate.form.oneImageOnly') : '';
    return [m.name, price, state, single].filter(Boolean).join(' · ');
  };
  return (
    <SelectField
      id="iterate-model"
      className="field--wide"
      label={t('models.label')}
      value={value}
      options={[
        ...(value === '' ? [{ value: '', label: t('models.choose') }] : []),
        ...models.map((m) => ({ value: m.id, label: label(m), disabled: m.id !== value && (m.offline || (mode === 'combine' && !m.combineImages)) })),
      ]}
      unlisted={(id) => t('models.notInListOption', { id })}
      onChange={onChange}
    >
      {selected?.offline && (
        <p className="field__warning" data-testid="iterate-model-offline">
          {t('models.offline')}
        </p>
      )}
      {selected && <Deprecation model={selected} models={models} onChange={onChange} />}
      {models.length === 0 && (
        <p className="field__help" data-testid="iterate-models-empty">
          {t('models.empty')}
        </p>
      )}
    </SelectField>
  );
}
