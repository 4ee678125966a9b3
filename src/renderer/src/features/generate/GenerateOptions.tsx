import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { IMAGE_SIZES, type ImageSize, MODERATION_LEVELS, dimensionsForSize } from '../../../../shared/veniceFacts.ts';
import type { SimpleValues } from './formValues.ts';
import { FormatSelect } from './FormatSelect.tsx';

interface Props {
  value: SimpleValues;
  onChange: (value: SimpleValues) => void;
  /** Fields placed before the options (the model picker). */
  children?: ReactNode;
}

const isOneOf = <T extends string>(list: readonly T[], s: string): s is T => (list as readonly string[]).includes(s);

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
      <div className="field">
        <label className="field__label" htmlFor="size-select">
          {t('generate.sizeLabel')}
        </label>
        <select
          id="size-select"
          className="select"
          data-testid="size-select"
          value={value.size}
          onChange={(e) => isOneOf(IMAGE_SIZES, e.target.value) && onChange({ ...value, size: e.target.value })}
        >
          {IMAGE_SIZES.map((size) => (
            <option key={size} value={size}>
              {sizeLabel(size)}
            </option>
          ))}
        </select>
      </div>
      <FormatSelect value={value.outputFormat} describedBy="format-help" onChange={(outputFormat) => onChange({ ...value, outputFormat })} />
      <p id="format-help" className="field__help field--wide options__help">
        {t('generate.formatHelp')}
      </p>
      <div className="field field--wide">
        <label className="field__label" htmlFor="moderation-select">
          {t('generate.moderationLabel')}
        </label>
        <select
          id="moderation-select"
          className="select"
          data-testid="moderation-select"
          value={value.moderation}
          aria-describedby="moderation-help"
          onChange={(e) => isOneOf(MODERATION_LEVELS, e.target.value) && onChange({ ...value, moderation: e.target.value })}
        >
          {MODERATION_LEVELS.map((level) => (
            <option key={level} value={level}>
              {t(`generate.moderation.${level}`)}
            </option>
          ))}
        </select>
        <p id="moderation-help" className="field__help">
          {t('generate.moderationHelp')}
        </p>
      </div>
    </div>
  );
}
