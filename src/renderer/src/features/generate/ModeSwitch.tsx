import { useTranslation } from 'react-i18next';
import { ChoiceButtons } from '../../ui/ChoiceButtons.tsx';
import type { FormMode } from './formValues.ts';

const MODES: readonly FormMode[] = ['simple', 'advanced'];

/** Simple (Venice's OpenAI-compatible route) or Advanced (its native route, every option). */
export function ModeSwitch({ mode, onChange }: { mode: FormMode; onChange: (mode: FormMode) => void }) {
  const { t } = useTranslation();
  return (
    <ChoiceButtons
      label={t('generate.modeLabel')}
      choices={MODES}
      value={mode}
      onChange={onChange}
      labelOf={(m) => t(`generate.modes.${m}`)}
      testIdOf={(m) => `mode-${m}`}
      className="segmented"
      itemClassName={() => 'segmented__item'}
    />
  );
}
