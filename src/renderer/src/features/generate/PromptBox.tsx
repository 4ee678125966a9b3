import type { ReactNode, RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { promptLength } from '../../../../shared/veniceFacts.ts';
import { Field } from '../../ui/Field.tsx';

interface Props {
  value: string;
  onChange: (value: string) => void;
  /** The limit for the chosen route and model, in Unicode code points. */
  max: number;
  /** Shown in the label row (the recent-prompts menu). */
  tools?: ReactNode;
  inputRef?: RefObject<HTMLTextAreaElement | null>;
}

export function PromptBox({ value, onChange, max, tools, inputRef }: Props) {
  const { t } = useTranslation();
  const length = promptLength(value);
  const over = length - max;

  return (
    <Field
      id="prompt-input"
      label={t('generate.promptLabel')}
      className="field--prompt"
      tools={
        <div className="field__tools">
          {tools}
          <span
            id="prompt-counter"
            className={over > 0 ? 'counter counter--over' : 'counter'}
            data-testid="prompt-counter"
            aria-label={t('generate.counterLabel', { count: length, max })}
          >
            {t('generate.counter', { count: length, max })}
          </span>
        </div>
      }
    >
      <textarea
        ref={inputRef}
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
    </Field>
  );
}
