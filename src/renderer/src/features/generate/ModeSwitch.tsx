import { useTranslation } from 'react-i18next';
import type { FormMode } from './formValues.ts';

const MODES: readonly FormMode[] = ['simple', 'advanced'];

/** Simple (Venice's OpenAI-compatible route) or Advanced (its native route, every option). */
export function ModeSwitch({ mode, onChange }: { mode: FormMode; onChange: (mode: FormMode) => void }) {
  const { t } = useTranslation();
  return (
    <div className="segmented" role="group" aria-label={t('generate.modeLabel')}>
      {MODES.map((m) => (
        <button
          key={m}
          type="button"
          className="segmented__item"
          data-testid={`mode-${m}`}
          aria-pressed={mode === m}
          onClick={() => onChange(m)}
        >
          {t(`generate.modes.${m}`)}
        </button>
      ))}
    </div>
  );
}
