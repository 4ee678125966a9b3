import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { LanguageChoice } from '../../shared/ipc/schemas/settings.ts';
import { call } from './api.ts';
import { App } from './app/App.tsx';
import { initI18n } from './i18n/index.ts';
import { createQueryClient } from './queryClient.ts';
// A CSS import is how vite emits a stylesheet file (the CSP allows no inline <style>).
import './styles/index.css';

/** The stored choice decides the first paint's language; if it cannot be read, the OS language is a fine guess. */
const storedLanguage = async (): Promise<LanguageChoice> => {
  try {
    return (await call('settings.get_preferences', {})).language;
  } catch {
    return 'system';
  }
};

const start = async (): Promise<void> => {
  const language = await storedLanguage();
  await initI18n(language);
  const root = document.getElementById('root');
  if (!root) throw new Error('index.html has no #root element');
  createRoot(root).render(
    <StrictMode>
      <QueryClientProvider client={createQueryClient()}>
        <App initialLanguage={language} />
      </QueryClientProvider>
    </StrictMode>,
  );
};

void start();
