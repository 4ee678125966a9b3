import { useTranslation } from 'react-i18next';
import { IMAGE_FORMATS, type ImageFormat } from '../../../../shared/veniceFacts.ts';
import { SelectField } from '../../ui/SelectField.tsx';

/** The output-format field, the same in the simple form and the advanced panel. */
export function FormatSelect({ value, onChange, describedBy }: { value: ImageFormat; onChange: (format: ImageFormat) => void; describedBy?: string }) {
  const { t } = useTranslation();
  return (
    <SelectField
      id="format-select"
      label={t('generate.formatLabel')}
      value={value}
      options={IMAGE_FORMATS.map((format) => ({ value: format, label: t(`generate.formats.${format}`) }))}
      aria-describedby={describedBy}
      onChange={onChange}
    />
  );
}
