import { useTranslation } from 'react-i18next';
import type { LanguageChoice } from '../../../../shared/ipc/schemas/settings.ts';
import type { KeyStatusState } from '../../hooks/useKeyStatus.ts';
import { ApiKeySettings } from './ApiKeySettings.tsx';
import { ConnectionNotice } from './ConnectionNotice.tsx';
import { LanguageSettings } from './LanguageSettings.tsx';
import { LibrarySettings } from './LibrarySettings.tsx';
import { SpendSettings } from './SpendSettings.tsx';
import { ViewHeader } from '../../ui/ViewHeader.tsx';

interface Props {
  /** Shown: the view stays mounted, hidden, while another is. */
  active: boolean;
  keyStatus: KeyStatusState;
  keyFocusRequest: number;
  initialLanguage: LanguageChoice;
}

export function SettingsView({ active, keyStatus, keyFocusRequest, initialLanguage }: Props) {
  const { t } = useTranslation();
  return (
    <section className="view view--narrow" aria-labelledby="settings-title">
      <ViewHeader id="settings-title" title={t('settings.title')} />
      <ConnectionNotice />
      <ApiKeySettings keyStatus={keyStatus} focusRequest={keyFocusRequest} />
      <LanguageSettings initialChoice={initialLanguage} />
      <SpendSettings />
      <LibrarySettings active={active} />
    </section>
  );
}
