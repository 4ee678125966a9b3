import { type ReactNode, useCallback, useState } from 'react';
import type { ImageDetail } from '../../shared/ipc/schemas/images.ts';
import type { LanguageChoice } from '../../shared/ipc/schemas/settings.ts';
import { GenerateView, type ReuseRequest } from './components/GenerateView.tsx';
import { LibraryView } from './components/LibraryView.tsx';
import { SettingsView } from './components/SettingsView.tsx';
import { Sidebar, VIEWS, type View } from './components/Sidebar.tsx';
import { useAccount } from './hooks/useAccount.ts';
import { useKeyStatus } from './hooks/useKeyStatus.ts';

/*
 * data-testid attributes the e2e specs rely on (keep them stable):
 *   nav-generate, nav-library, nav-settings       sidebar buttons (aria-current="page" on the active one)
 *   view-generate, view-library, view-settings    the view containers (all stay mounted; inactive ones are `hidden`)
 *   account-status, balance, spend-today, offline-indicator   sidebar footer (offline-indicator only while offline)
 * Generate (form)
 *   mode-simple, mode-advanced (aria-pressed), prompt-input, prompt-counter ("n / <model limit>"), prompt-too-long,
 *   prompt-history (menu button), prompt-history-list, prompt-history-item, prompt-history-empty,
 *   model-select (both forms; '' = Venice default in the simple form), models-refresh, models-error, models-empty,
 *   models-fetched, model-card (data-model-id), model-traits, model-price, model-offline, model-deprecated,
 *   model-use-replacement, model-unknown, price-estimate (data-price = total USD), generate-button,
 *   generate-error (data-error-code=<ErrorCode>; every ErrorMessage carries data-error-code), no-key-notice,
 *   no-key-open-settings, generate-key-error (the key status could not be read, e.g. KEYCHAIN_UNAVAILABLE)
 *   simple: size-select, format-select, moderation-select
 *   advanced: advanced-panel, negative-prompt-input, width-input, height-input, size-help, aspect-select,
 *   resolution-select, quality-select, seed-lock, seed-input, seed-random, seed-random-note, variants-select,
 *   steps-input, cfg-input, style-select, format-select, safe-mode-toggle, hide-watermark-toggle,
 *   field-message (data-field, data-severity=error|warning)
 * Generate (result and queue)
 *   generate-busy (data-status of the job it reports), generate-result (data-image-id), generate-result-prompt,
 *   result-variant (data-image-id, aria-pressed), blurred-badge
 *   queue, queue-summary, queue-cancel-all, queue-empty, queue-load-error, queue-action-error, queue-show-more,
 *   queue-item (data-job-id, data-status), queue-status, queue-prompt, queue-thumb (data-image-id), queue-error
 *   (data-error-code), queue-charged, queue-cancel, queue-retry, queue-retry-confirm, queue-retry-cancel
 * Library
 *   grid, grid-item (one per image, data-image-id), blurred-badge (in a blurred grid item), library-empty,
 *   library-loading, library-error, library-count
 *   viewer (data-image-id), viewer-prompt, viewer-model, viewer-size, viewer-format, viewer-route, viewer-seed,
 *   viewer-price, viewer-bytes, viewer-close, viewer-error, viewer-reuse, blurred-badge (in the viewer)
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
  const account = useAccount();
  const [reuseRequest, setReuseRequest] = useState<ReuseRequest | null>(null);

  const openSettingsForKey = useCallback(() => {
    setView('settings');
    setKeyFocusRequest((n) => n + 1);
  }, []);
  const goToGenerate = useCallback(() => setView('generate'), []);
  const reuseSettings = useCallback((image: ImageDetail) => {
    setReuseRequest((r) => ({ image, nonce: (r?.nonce ?? 0) + 1 }));
    setView('generate');
  }, []);

  // Views stay mounted so a prompt being written, a generation in flight and the library's scroll position all
  // survive switching views.
  const panes: Record<View, ReactNode> = {
    generate: <GenerateView keyStatus={keyStatus} onOpenSettings={openSettingsForKey} reuseRequest={reuseRequest} />,
    library: <LibraryView onGoToGenerate={goToGenerate} onReuse={reuseSettings} />,
    settings: <SettingsView keyStatus={keyStatus} keyFocusRequest={keyFocusRequest} initialLanguage={initialLanguage} />,
  };

  return (
    <div className="app">
      <Sidebar current={view} onSelect={setView} account={account} />
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
