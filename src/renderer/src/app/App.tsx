import { type ReactNode, useCallback, useEffect, useState } from 'react';
import type { ImageDetail } from '../../../shared/ipc/schemas/images.ts';
import type { LanguageChoice, StartView } from '../../../shared/ipc/schemas/settings.ts';
import { GenerateView, type ReuseRequest } from '../features/generate/GenerateView.tsx';
import { onReferencesSent } from '../features/generate/referenceInbox.ts';
import { DropOverlay } from '../features/transfer/DropOverlay.tsx';
import { IterateLauncherContext } from '../features/iterate/iterateLauncher.ts';
import { IteratePanel } from '../features/iterate/IteratePanel.tsx';
import type { IterateLaunch } from '../features/iterate/iterateSettings.ts';
import { iterateModeOf, reuseLaunch } from '../features/iterate/reuseIterate.ts';
import { LibraryHealthNotice } from './LibraryHealthNotice.tsx';
import { LibraryView } from '../features/library/LibraryView.tsx';
import { SettingsView } from '../features/settings/SettingsView.tsx';
import { Sidebar } from './Sidebar.tsx';
import { VIEWS, type View } from './views.ts';
import { useMountedViews } from './useMountedViews.ts';
import { useRememberedView } from './useRememberedView.ts';
import { TransferStatus } from '../features/transfer/TransferStatus.tsx';
import { useAccount } from './useAccount.ts';
import { useCollapsible } from '../hooks/useCollapsible.ts';
import { useFileDrop } from '../features/transfer/useFileDrop.ts';
import { useKeyStatus } from '../hooks/useKeyStatus.ts';
import { useTransfers } from '../features/transfer/useTransfers.ts';
import type { ShortcutId } from '../shortcuts/registry.ts';
import { ShortcutsDialog } from '../shortcuts/ShortcutsDialog.tsx';
import { useAppShortcuts } from '../shortcuts/useAppShortcuts.ts';

/*
 * data-testid attributes the e2e specs rely on (keep them stable):
 *   nav-generate, nav-library, nav-settings       sidebar buttons (aria-current="page" on the active one)
 *   sidebar (data-collapsed), sidebar-toggle      the sidebar folded to icons or not (aria-expanded on the toggle)
 *   view-generate, view-library, view-settings    the view containers (all stay mounted; inactive ones are `hidden`)
 *   account-status (data-verification=verified|unverified|rejected|none), balance, account-tier, key-expiry,
 *   spend-today, spend-month, spend-all-time (data-charged, data-possibly USD; + -possibly note when above 0),
 *   offline-indicator, key-unverified, key-rejected   sidebar footer (the notices only while they apply)
 * Generate (form)
 *   mode-simple, mode-advanced (aria-pressed), prompt-input, prompt-counter ("n / <model limit>"), prompt-too-long,
 *   prompt-history (menu button), prompt-history-list, prompt-history-item, prompt-history-empty,
 *   model-select (both forms; '' = Venice default in the simple form), models-refresh, models-error, models-empty,
 *   models-fetched, model-card (data-model-id), model-traits, model-price, model-offline, model-deprecated,
 *   model-use-replacement, model-unknown, price-estimate (data-price = total USD), generate-button,
 *   spend-confirm (a batch above the spending limit; + spend-confirm-yes, spend-confirm-no),
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
 *   queue, queue-summary, queue-cancel-all, queue-paused (circuit breaker countdown), queue-empty, queue-load-error, queue-action-error, queue-show-more,
 *   queue-item (data-job-id, data-status), queue-status, queue-prompt, queue-thumb (data-image-id), queue-error
 *   (data-error-code), queue-charged, queue-cancel, queue-retry, queue-retry-confirm, queue-retry-cancel
 * Library (issue 4)
 *   nav: lib-nav-toggle (aria-expanded; folds the library's own nav away), lib-nav-all, lib-nav-favorites, lib-nav-trash (aria-current="page" on the active one), library-title,
 *   collection-create, collection-name-input (+ collection-name-input-save), collection-item (data-collection-id),
 *   collection-rename, collection-delete, collection-delete-confirm, saved-search-item (data-search-id),
 *   saved-search-delete, save-search, save-search-name (+ save-search-name-save)
 *   toolbar: search-input, filter-toggle (aria-expanded), filter-count, sort-select (newest|oldest|rating),
 *   thumb-size-slider (96–320), result-count (data-count), select-all, import-files-button, import-folder-button
 *   filters-panel: filter-model, filter-date-from, filter-date-to (date fields in the UI's language: role=group, spinbutton segments, a calendar button), filter-aspect, filter-format, filter-rating,
 *   filter-tag, filter-collection, filter-blurred (any|only|hide), filter-favorites, filter-clear
 *   grid (role=listbox, data-columns), grid-item (data-image-id, data-selected, aria-selected; click selects,
 *   Ctrl/Cmd-click toggles, Shift-click ranges, double-click or Enter opens), grid-item-prompt (caption with <mark>
 *   matches while searching text), trashed-at (caption in the trash), file-missing, blurred-badge, library-empty,
 *   no-results, clear-search, trash-empty-state, library-loading, library-error, library-action-error
 *   bulk-bar (data-count), bulk-count, bulk-clear, bulk-favorite (aria-pressed), bulk-rate (buttons data-rating
 *   1–5), bulk-rate-clear, bulk-tag (+ bulk-tag-input, bulk-tag-input-submit), bulk-collection
 *   (+ bulk-collection-option, bulk-collection-new name field + bulk-collection-new-save), bulk-uncollect, bulk-compare
 *   (enabled with exactly two selected), bulk-export, bulk-trash, bulk-restore and bulk-delete-forever (+ bulk-delete-forever-confirm) (trash view only)
 *   trash-bar, trash-retention, trash-empty, trash-empty-confirm, trash-empty-cancel, trash-emptied
 *   viewer (data-image-id), viewer-stage (data-scale), viewer-prompt (with <mark>), viewer-previous, viewer-next,
 *   viewer-zoom (data-zoom=fit|scale), viewer-zoom-in, viewer-zoom-out, viewer-zoom-fit, viewer-zoom-100,
 *   viewer-zoom-level, viewer-favorite (aria-pressed), viewer-rating (data-rating; buttons data-rating 1–5),
 *   viewer-reuse, viewer-copy-prompt, viewer-copy-image, viewer-reveal, viewer-feedback (data-feedback),
 *   viewer-compare (aria-pressed), compare-view, compare-left, compare-right (data-image-id), viewer-trash,
 *   viewer-restore, viewer-tags, viewer-tag (data-tag), viewer-tag-remove, viewer-tag-input (+ -submit),
 *   viewer-collections, viewer-collection, viewer-add-collection, viewer-details, viewer-model, viewer-size,
 *   viewer-format, viewer-route, viewer-seed, viewer-price, viewer-bytes, viewer-trashed, viewer-request (pairs
 *   with data-field), viewer-close, viewer-error, viewer-action-error, blurred-badge (in the viewer)
 *   export-dialog, export-template, export-token (data-token), export-template-error, export-preview,
 *   export-strip, export-sidecar, export-zip, export-confirm, export-cancel, export-error, export-progress
 * Anywhere
 *   shortcuts-dialog ("?"), shortcut (data-shortcut=<id>, one row per registry entry), shortcuts-close
 *   drop-overlay (files dragged over the window), transfer-progress (data-operation, data-done, data-total),
 *   transfer-result (data-operation, data-done, data-skipped, data-failed), transfer-dismiss, transfer-error
 *   library-health (data-state: damaged | ok), library-health-quarantined, library-health-dismiss
 * Iterate panel (edit, combine, upscale)
 *   action-edit, action-combine, action-upscale-options (viewer), bulk-combine (bulk bar), iterate-panel (data-mode),
 *   iterate-close, iterate-mode-edit|combine|upscale (aria-pressed), iterate-inputs, iterate-input (data-image-id;
 *   iterate-input-earlier, iterate-input-later, iterate-input-remove), iterate-too-many, iterate-drop,
 *   iterate-add-files, iterate-file-input, iterate-import-error, iterate-prompt, iterate-model (+ iterate-model-offline,
 *   iterate-model-deprecated, iterate-model-replacement), iterate-aspect, iterate-resolution, iterate-format,
 *   iterate-safe-mode, iterate-enhance, iterate-scale-2|4, iterate-creativity, iterate-gap (data-gap), iterate-checking,
 *   iterate-price (data-price), iterate-result-size (data-width, data-height), iterate-clamped, iterate-refused
 *   (data-problem), iterate-send, iterate-queued, iterate-error; viewer-enhanced-prompt (under viewer-prompt)
 * Settings
 *   key-input, key-save, key-remove, key-remove-confirm, key-remove-cancel,
 *   key-status (data-present="true|false|unknown", data-verification=verified|unverified|rejected|none),
 *   key-status-error, key-feedback (data-feedback=saved|savedUnverified|rejected|removed|keyEmpty), key-error,
 *   spend-limit-input, spend-limit-save, spend-limit-saved, spend-settings-error,
 *   language-select (values system|en|de), language-error,
 *   retention-input, backups-input, library-prefs-save, library-prefs-saved, backup-now, backup-result,
 *   check-library, check-result (data-ok), library-settings-error
 */

interface Props {
  initialLanguage: LanguageChoice;
  /** The view the user was last in (of Generate and Library), where the window opens. */
  startView: StartView;
}

/**
 * What Venice said of the key can change after it was saved (the next request verifies an unverified one, the check
 * at start finds a revoked one): the key status Settings and Generate read follows it.
 */
const useKeyStatusFollows = (verification: unknown, refreshKeyStatus: () => void): void => {
  useEffect(() => {
    if (verification !== undefined) refreshKeyStatus();
  }, [verification, refreshKeyStatus]);
};

/** The iterate panel sits beside every view; each launch is a fresh form (keyed by its nonce). */
const useIterateLaunch = () => {
  const [iterateLaunch, setIterateLaunch] = useState<(IterateLaunch & { nonce: number }) | null>(null);
  const launchIterate = useCallback((launch: IterateLaunch) => setIterateLaunch((l) => ({ ...launch, nonce: (l?.nonce ?? 0) + 1 })), []);
  const closeIterate = useCallback(() => setIterateLaunch(null), []);
  return { iterateLaunch, launchIterate, closeIterate };
};

const VIEW_SHORTCUTS: Partial<Record<ShortcutId, View>> = { showGenerate: 'generate', showLibrary: 'library', showSettings: 'settings' };

export function App({ initialLanguage, startView }: Props) {
  const [view, setView] = useState<View>(startView);
  useRememberedView(view, startView);
  const [keyFocusRequest, setKeyFocusRequest] = useState(0);
  const keyStatus = useKeyStatus();
  const account = useAccount();
  useKeyStatusFollows(account?.verification, keyStatus.refresh);
  const [reuseRequest, setReuseRequest] = useState<ReuseRequest | null>(null);
  const transfers = useTransfers();
  const { importFiles } = transfers;
  const dropping = useFileDrop(useCallback((files: File[], ignored: number) => void importFiles(files, ignored), [importFiles]));
  const [showShortcuts, setShowShortcuts] = useState(false);
  // Folds to icons by itself below 1000 px until the user chooses (then remembered).
  const [sidebarCollapsed, toggleSidebar] = useCollapsible('lagoon.sidebar', 1000);
  const [searchFocusRequest, setSearchFocusRequest] = useState(0);

  useAppShortcuts((id) => {
    const target = VIEW_SHORTCUTS[id];
    if (target) setView(target);
    else if (id === 'help') setShowShortcuts(true);
    else if (id === 'focusSearch') {
      // Search lives in the library: go there and put the caret in the field.
      setView('library');
      setSearchFocusRequest((n) => n + 1);
    }
  });

  const openSettingsForKey = useCallback(() => {
    setView('settings');
    setKeyFocusRequest((n) => n + 1);
  }, []);
  const goToGenerate = useCallback(() => setView('generate'), []);
  // "Use as reference" in the viewer adds the image to the Generate form, which is shown.
  useEffect(() => onReferencesSent(() => setView('generate')), []);
  const { iterateLaunch, launchIterate, closeIterate } = useIterateLaunch();
  const reuseSettings = useCallback(
    (image: ImageDetail) => {
      const mode = iterateModeOf(image.endpoint);
      if (mode) {
        // An edit, combination or upscale refills its own form, with its inputs, not the generate form.
        reuseLaunch(image, mode).then(launchIterate, () => launchIterate({ mode, ids: [] }));
        return;
      }
      setReuseRequest((r) => ({ image, nonce: (r?.nonce ?? 0) + 1 }));
      setView('generate');
    },
    [launchIterate],
  );

  // Views stay mounted once shown (useMountedViews) so a prompt being written, a generation in flight and the
  // library's scroll position all survive switching views.
  const mounted = useMountedViews(view);
  const panes: Record<View, ReactNode> = {
    generate: (
      <GenerateView
        keyStatus={keyStatus}
        onOpenSettings={openSettingsForKey}
        reuseRequest={reuseRequest}
        queuePausedUntil={account?.queuePausedUntil ?? null}
      />
    ),
    library: (
      <LibraryView active={view === 'library'} onGoToGenerate={goToGenerate} onReuse={reuseSettings} transfers={transfers} searchFocusRequest={searchFocusRequest} />
    ),
    settings: <SettingsView active={view === 'settings'} keyStatus={keyStatus} keyFocusRequest={keyFocusRequest} initialLanguage={initialLanguage} />,
  };

  return (
    <IterateLauncherContext value={launchIterate}>
      <div className={iterateLaunch ? 'app app--iterating' : 'app'}>
        <Sidebar current={view} onSelect={setView} account={account} collapsed={sidebarCollapsed} onToggle={toggleSidebar} />
        <main className="main" data-scroll-root>
          {VIEWS.map((v) => (
            <div key={v} className={v === 'library' ? 'main__pane main__pane--fill' : 'main__pane'} data-testid={`view-${v}`} hidden={v !== view}>
              {mounted.has(v) && panes[v]}
            </div>
          ))}
        </main>
        {iterateLaunch && <IteratePanel key={iterateLaunch.nonce} launch={iterateLaunch} onClose={closeIterate} />}
        <TransferStatus transfers={transfers} />
        <LibraryHealthNotice />
        {dropping && <DropOverlay />}
        {showShortcuts && <ShortcutsDialog onClose={() => setShowShortcuts(false)} />}
      </div>
    </IterateLauncherContext>
  );
}
