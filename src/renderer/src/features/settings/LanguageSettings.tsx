import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGE_CHOICES, type LanguageChoice } from '../../../../shared/languages.ts';
import { type ApiError, call, toApiError } from '../../api.ts';
import { applyLanguageChoice, systemLanguages } from '../../i18n/index.ts';
import { bestSystemLanguage } from '../../i18n/language.ts';
import { ErrorMessage } from '../../ui/ErrorMessage.tsx';

const isLanguageChoice = (s: string): s is LanguageChoice => (LANGUAGE_CHOICES as readonly string[]).includes(s);

export function LanguageSettings({ initialChoice }: { initialChoice: LanguageChoice }) {
  const { t } = useTranslation();
  const [choice, setChoice] = useState<LanguageChoice>(initialChoice);
  const [error, setError] = useState<ApiError | null>(null);

  // Applied first so the switch feels instant; persisting can fail (e.g. a locked DB) without undoing it for this session.
  const change = async (next: LanguageChoice) => {
    setChoice(next);
    setError(null);
    await applyLanguageChoice(next);
    try {
      await call('settings.set_language', { language: next });
    } catch (e) {
      setError(toApiError(e));
    }
  };

  const systemName = t(`languages.${bestSystemLanguage(systemLanguages())}`);

  return (
    <section className="panel settings-section" aria-labelledby="language-section-title">
      <h2 id="language-section-title" className="settings-section__title">
        {t('settings.languageSection')}
      </h2>
      <div className="field">
        <label className="field__label" htmlFor="language-select">
          {t('settings.languageLabel')}
        </label>
        <select
          id="language-select"
          className="select select--narrow"
          data-testid="language-select"
          value={choice}
          aria-describedby="language-help"
          onChange={(e) => isLanguageChoice(e.target.value) && void change(e.target.value)}
        >
          <option value="system">{t('settings.languageSystem', { language: systemName })}</option>
          <option value="en" lang="en">
            {t('languages.en')}
          </option>
          <option value="de" lang="de">
            {t('languages.de')}
          </option>
        </select>
        <p id="language-help" className="field__help">
          {t('settings.languageHelp')}
        </p>
      </div>
      {error && <ErrorMessage error={error} testId="language-error" />}
    </section>
  );
}
