import { useTranslation } from 'react-i18next';
import { IMAGE_FORMATS, type ImageFormat } from '../../../../shared/veniceFacts.ts';

const isImageFormat = (s: string): s is ImageFormat => (IMAGE_FORMATS as readonly string[]).includes(s);

/** The output-format field, the same in the simple form and the advanced panel. */
export function FormatSelect({ value, onChange, describedBy }: { value: ImageFormat; onChange: (format: ImageFormat) => void; describedBy?: string }) {
  const { t } = useTranslation();
  return (
    <div className="field">
      <label className="field__label" htmlFor="format-select">
        {t('generate.formatLabel')}
      </label>
      <select
        id="format-select"
        className="select"
        data-testid="format-select"
        value={value}
        aria-describedby={describedBy}
        onChange={(e) => isImageFormat(e.target.value) && onChange(e.target.value)}
      >
        {IMAGE_FORMATS.map((format) => (
          <option key={format} value={format}>
            {t(`generate.formats.${format}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
