import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LanguageChoice } from '../../../../shared/languages.ts';
import { type ApiError, call, toApiError } from '../../api.ts';
import { applyLanguageChoice, systemLanguages } from '../../i18n/index.ts';
import { bestSystemLanguage } from '../../i18n/language.ts';
import { ErrorMessage } from '../../ui/ErrorMessage.tsx';
import { SelectField } from '../../ui/SelectField.tsx';

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
      <SelectField
        id="language-select"
        selectClassName="select--narrow"
        label={t('settings.languageLabel')}
        value={choice}
        options={[
          { value: 'system', label: t('settings.languageSystem', { language: systemName }) },
          { value: 'en', label: t('languages.en'), lang: 'en' },
          { value: 'de', label: t('languages.de'), lang: 'de' },
        ]}
        aria-describedby="language-help"
        onChange={(next) => void change(next)}
      >
        <p id="language-help" className="field__help">
          {t('settings.languageHelp')}
        </p>
      </SelectField>
      {error && <ErrorMessage error={error} testId="language-error" />}
    </section>
  );
}
