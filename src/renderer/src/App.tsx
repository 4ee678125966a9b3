import { type ReactNode, useCallback, useState } from 'react';
import type { LanguageChoice } from '../../shared/ipc/schemas/settings.ts';
import { GenerateView } from './components/GenerateView.tsx';
import { LibraryView } from './components/LibraryView.tsx';
import { SettingsView } from './components/SettingsView.tsx';
import { Sidebar, VIEWS, type View } from './components/Sidebar.tsx';
import { useKeyStatus } from './hooks/useKeyStatus.ts';

/*
 * data-testid attributes the e2e specs rely on (keep them stable):
 *   nav-generate, nav-library, nav-settings       sidebar buttons (aria-current="page" on the active one)
 *   view-generate, view-library, view-settings    the view containers (all stay mounted; inactive ones are `hidden`)
 * Generate
 *   prompt-input, prompt-counter ("n / 1500"), prompt-too-long, size-select, format-select, moderation-select
 *   generate-button, generate-busy (while waiting), generate-result (data-image-id), generate-result-prompt
 *   generate-error (data-error-code=<ErrorCode>; every ErrorMessage carries data-error-code), no-key-notice,
 *   no-key-open-settings, generate-key-error (the key status could not be read, e.g. KEYCHAIN_UNAVAILABLE)
 * Library
 *   grid, grid-item (one per image, data-image-id), library-empty, library-loading, library-error, library-count
 *   viewer (data-image-id), viewer-prompt, viewer-model, viewer-size, viewer-format, viewer-bytes, viewer-close, viewer-error
 * Settings
 *   key-input, key-save, key-remove, key-remove-confirm, key-remove-cancel,
 *   key-status (data-present="true|false|unknown"), key-status-error, key-feedback, key-error,
 *   language-select (values system|en|de), language-error
 */

interface Props {
  initialLanguage: LanguageChoice;
}

export function App({ initialLanguage }: Props) {
  const [view, setView] = useState<View>('generate');
  const [keyFocusRequest, setKeyFocusRequest] = useState(0);
  const keyStatus = useKeyStatus();

  const openSettingsForKey = useCallback(() => {
    setView('settings');
    setKeyFocusRequest((n) => n + 1);
  }, []);
  const goToGenerate = useCallback(() => setView('generate'), []);

  // Views stay mounted so a prompt being written, a generation in flight and the library's scroll position all
  // survive switching views.
  const panes: Record<View, ReactNode> = {
    generate: <GenerateView keyStatus={keyStatus} onOpenSettings={openSettingsForKey} />,
    library: <LibraryView onGoToGenerate={goToGenerate} />,
    settings: <SettingsView keyStatus={keyStatus} keyFocusRequest={keyFocusRequest} initialLanguage={initialLanguage} />,
  };

  return (
    <div className="app">
      <Sidebar current={view} onSelect={setView} />
      <main className="main" data-scroll-root>
        {VIEWS.map((v) => (
          <div key={v} className="main__pane" data-testid={`view-${v}`} hidden={v !== view}>
            {panes[v]}
          </div>
        ))}
      </main>
    </div>
  );
}
