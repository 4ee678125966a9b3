import { type FormEvent, type KeyboardEvent, useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PROMPT_MAX_CHARS, promptLength } from '../../../shared/veniceFacts.ts';
import type { ApiError } from '../api.ts';
import { useGenerate } from '../hooks/useGenerate.ts';
import type { KeyStatusState } from '../hooks/useKeyStatus.ts';
import { ErrorMessage } from './ErrorMessage.tsx';
import { type GenerateOptionValues, GenerateOptions } from './GenerateOptions.tsx';
import { GenerateResult } from './GenerateResult.tsx';
import { NoKeyNotice } from './NoKeyNotice.tsx';
import { PromptBox } from './PromptBox.tsx';

const isMac = /Mac|iPhone|iPad/.test(navigator.userAgent);

/** Ctrl/Cmd+Enter from any field submits, the way chat and prompt boxes usually work. */
const submitOnModEnter = (e: KeyboardEvent<HTMLFormElement>) => {
  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
    e.preventDefault();
    e.currentTarget.requestSubmit();
  }
};

const DEFAULT_OPTIONS: GenerateOptionValues = { size: 'auto', outputFormat: 'png', moderation: 'auto' };

interface Props {
  keyStatus: KeyStatusState;
  onOpenSettings: () => void;
}

export function GenerateView({ keyStatus, onOpenSettings }: Props) {
  const { t } = useTranslation();
  const [prompt, setPrompt] = useState('');
  const [options, setOptions] = useState<GenerateOptionValues>(DEFAULT_OPTIONS);
  const { refresh: refreshKeyStatus } = keyStatus;
  // A key removed behind our back (or never stored) turns the form into the first-run notice.
  const onError = useCallback(
    (error: ApiError) => {
      if (error.code === 'KEY_MISSING') refreshKeyStatus();
    },
    [refreshKeyStatus],
  );
  const { busy, startedAt, result, error, generate, dismissError } = useGenerate(onError);

  const canSubmit = !busy && prompt.trim().length > 0 && promptLength(prompt) <= PROMPT_MAX_CHARS && prompt.isWellFormed();

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (canSubmit) void generate({ prompt: prompt.trim(), ...options });
  };

  const noKey = keyStatus.status?.present === false;
  const shortcut = t(isMac ? 'generate.shortcutMac' : 'generate.shortcutOther');

  return (
    <section className="view" aria-labelledby="generate-title">
      <header className="view__header">
        <h1 id="generate-title" className="view__title">
          {t('generate.title')}
        </h1>
        <p className="view__subtitle">{t('generate.subtitle')}</p>
      </header>

      {keyStatus.error && <ErrorMessage error={keyStatus.error} testId="generate-key-error" onOpenSettings={onOpenSettings} />}

      {noKey ? (
        <NoKeyNotice onOpenSettings={onOpenSettings} />
      ) : (
        <div className="generate">
          <form className="panel generate__form" onSubmit={submit} onKeyDown={submitOnModEnter} noValidate>
            <PromptBox value={prompt} onChange={setPrompt} />
            <GenerateOptions value={options} onChange={setOptions} />
            {error && <ErrorMessage error={error} testId="generate-error" onOpenSettings={onOpenSettings} onDismiss={dismissError} />}
            <div className="generate__actions">
              <button type="submit" className="button button--primary button--large" data-testid="generate-button" disabled={!canSubmit}>
                {busy ? (
                  <>
                    <span className="spinner" aria-hidden="true" />
                    {t('generate.busy')}
                  </>
                ) : (
                  t('generate.submit')
                )}
              </button>
              <span className="muted shortcut-hint">{t('generate.shortcutHint', { shortcut })}</span>
            </div>
          </form>
          <GenerateResult busySince={startedAt} result={result} />
        </div>
      )}
    </section>
  );
}
