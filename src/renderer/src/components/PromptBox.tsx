import { useTranslation } from 'react-i18next';
import { PROMPT_MAX_CHARS, promptLength } from '../../../shared/veniceFacts.ts';

interface Props {
  value: string;
  onChange: (value: string) => void;
}

export function PromptBox({ value, onChange }: Props) {
  const { t } = useTranslation();
  const length = promptLength(value);
  const over = length - PROMPT_MAX_CHARS;

  return (
    <div className="field">
      <div className="field__label-row">
        <label className="field__label" htmlFor="prompt-input">
          {t('generate.promptLabel')}
        </label>
        <span
          id="prompt-counter"
          className={over > 0 ? 'counter counter--over' : 'counter'}
          data-testid="prompt-counter"
          aria-label={t('generate.counterLabel', { count: length, max: PROMPT_MAX_CHARS })}
        >
          {t('generate.counter', { count: length, max: PROMPT_MAX_CHARS })}
        </span>
      </div>
      <textarea
        id="prompt-input"
        className="textarea"
        data-testid="prompt-input"
        dir="auto"
        rows={7}
        value={value}
        placeholder={t('generate.promptPlaceholder')}
        aria-invalid={over > 0}
        aria-describedby={over > 0 ? 'prompt-counter prompt-too-long' : 'prompt-counter'}
        onChange={(e) => onChange(e.target.value)}
      />
      {over > 0 && (
        <p id="prompt-too-long" className="field__error" data-testid="prompt-too-long">
          {t('generate.tooLong', { over })}
        </p>
      )}
    </div>
  );
}
