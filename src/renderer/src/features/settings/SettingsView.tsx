import { useTranslation } from 'react-i18next';
import type { LanguageChoice } from '../../../../shared/ipc/schemas/settings.ts';
import type { KeyStatusState } from '../../hooks/useKeyStatus.ts';
import { ApiKeySettings } from './ApiKeySettings.tsx';
import { ConnectionNotice } from './ConnectionNotice.tsx';
import { LanguageSettings } from './LanguageSettings.tsx';
import { LibrarySettings } from './LibrarySettings.tsx';
import { SpendSettings } from './SpendSettings.tsx';

interface Props {
  keyStatus: KeyStatusState;
  keyFocusRequest: number;
  initialLanguage: LanguageChoice;
}

export function SettingsView({ keyStatus, keyFocusRequest, initialLanguage }: Props) {
  const { t } = useTranslation();
  return (
    <section className="view view--narrow" aria-labelledby="settings-title">
      <header className="view__header">
        <h1 id="settings-title" className="view__title">
          {t('settings.title')}
        </h1>
      </header>
      <ConnectionNotice />
      <ApiKeySettings keyStatus={keyStatus} focusRequest={keyFocusRequest} />
      <LanguageSettings initialChoice={initialLanguage} />
      <SpendSettings />
      <LibrarySettings />
    </section>
  );
}
