import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { LanguageChoice, StartView } from '../../shared/ipc/schemas/settings.ts';
import { call } from './api.ts';
import { App } from './app/App.tsx';
import { askFirstPageEarly } from './features/library/earlyFirstPage.ts';
import { dismissPrepaint, dismissPrepaintOnInput } from './features/library/prepaint.ts';
import { openingQuery } from './features/library/query.ts';
import { prefetchFirstScreen } from './features/library/useThumbPrefetch.ts';
import { initI18n } from './i18n/index.ts';
import { createQueryClient } from './queryClient.ts';
// A CSS import is how vite emits a stylesheet file (the CSP allows no inline <style>).
import './styles/index.css';

/**
 * The stored choices decide the first paint: its language and its view. If they cannot be read, the OS language is a
 * fine guess, and Generate the view.
 */
const storedChoices = async (): Promise<{ language: LanguageChoice; startView: StartView }> => {
  try {
    const { language, startView } = await call('settings.get_preferences', {});
    return { language, startView };
  } catch {
    return { language: 'system', startView: 'generate' };
  }
};

const start = async (): Promise<void> => {
  // The prepaint main's HTML painted (features/library/prepaint.ts) goes at the user's first move at the latest.
  dismissPrepaintOnInput();
  const { language, startView } = await storedChoices();
  if (startView !== 'library') dismissPrepaint();
  // Opening on the Library, its first page is asked for now, and that page's thumbnails are fetched the moment it
  // comes, not once the grid has rendered its tiles (on a cold start they are read from disk about 100 ms sooner); a
  // page gone stale meanwhile only warms a few images for nothing.
  if (startView === 'library') askFirstPageEarly(openingQuery()).then((page) => prefetchFirstScreen(page.items), () => {});
  await initI18n(language);
  const root = document.getElementById('root');
  if (!root) throw new Error('index.html has no #root element');
  createRoot(root).render(
    <StrictMode>
      <QueryClientProvider client={createQueryClient()}>
        <App initialLanguage={language} startView={startView} />
      </QueryClientProvider>
    </StrictMode>,
  );
};

void start();
