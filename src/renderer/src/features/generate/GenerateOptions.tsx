import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { IMAGE_SIZES, type ImageSize, MODERATION_LEVELS, dimensionsForSize } from '../../../../shared/veniceFacts.ts';
import { SelectField } from '../../ui/SelectField.tsx';
import type { SimpleValues } from './formValues.ts';
import { FormatSelect } from './FormatSelect.tsx';

interface Props {
  value: SimpleValues;
  onChange: (value: SimpleValues) => void;
  /** Fields placed before the options (the model picker). */
  children?: ReactNode;
}

export function GenerateOptions({ value, onChange, children }: Props) {
  const { t } = useTranslation();

  const sizeLabel = (size: ImageSize): string => {
    if (size === 'auto') return t('generate.sizeAuto');
    const { width, height } = dimensionsForSize(size);
    return t('generate.sizeOption', { width, height });
  };

  return (
    <div className="options">
      {children}
      <SelectField
        id="size-select"
        label={t('generate.sizeLabel')}
        value={value.size}
        options={IMAGE_SIZES.map((size) => ({ value: size, label: sizeLabel(size) }))}
        onChange={(size) => onChange({ ...value, size })}
      />
      <FormatSelect value={value.outputFormat} describedBy="format-help" onChange={(outputFormat) => onChange({ ...value, outputFormat })} />
      <p id="format-help" className="field__help field--wide options__help">
        {t('generate.formatHelp')}
      </p>
      <SelectField
        id="moderation-select"
        className="field--wide"
        label={t('generate.moderationLabel')}
        value={value.moderation}
        options={MODERATION_LEVELS.map((level) => ({ value: level, label: t(`generate.moderation.${level}`) }))}
        aria-describedby="moderation-help"
        onChange={(moderation) => onChange({ ...value, moderation })}
      >
        <p id="moderation-help" className="field__help">
          {t('generate.moderationHelp')}
        </p>
      </SelectField>
    </div>
  );
}
