import { escapeXml } from '../core/transfer/xmpDom.ts';

/**
 * The page of the window shown while a library is upgraded before the app opens (migrationSplash.ts). A static
 * page with no script: each step loads it again as a data: URL, and an indeterminate bar moves by CSS alone. Its
 * few words live here in the languages the app speaks rather than in the renderer's catalogues: the splash shows
 * before the renderer, its translations and the database holding the user's language choice are open, so it
 * follows the system's language.
 */

export interface SplashStep {
  step: number;
  steps: number;
  name: string;
}

interface SplashWords {
  title: string;
  step: (s: SplashStep) => string;
  reassure: string;
}

const WORDS: Record<'en' | 'de', SplashWords> = {
  en: {
    title: 'Updating your library',
    step: ({ step, steps }) => `Step ${step} of ${steps}`,
    reassure: 'A large library can take a minute or two. Your images are safe; if Lagoon is closed now, the update goes on from here next time.',
  },
  de: {
    title: 'Deine Bibliothek wird aktualisiert',
    step: ({ step, steps }) => `Schritt ${step} von ${steps}`,
    reassure: 'Bei einer großen Bibliothek kann das ein, zwei Minuten dauern. Deine Bilder sind sicher; wird Lagoon jetzt beendet, geht es beim nächsten Start hier weiter.',
  },
};

/** The language of the splash for a system locale such as "de-AT"; English for any the app does not speak. */
export const splashLanguage = (locale: string): 'en' | 'de' => (locale.toLowerCase().startsWith('de') ? 'de' : 'en');

const STYLE = `
  html, body { margin: 0; height: 100%; background: #0b1e2d; color: #e6eef5; font: 14px/1.45 system-ui, sans-serif; }
  main { box-sizing: border-box; height: 100%; padding: 24px 28px; display: flex; flex-direction: column; gap: 10px; justify-content: center; }
  h1 { margin: 0; font-size: 17px; font-weight: 600; }
  p { margin: 0; }
  .muted { color: #a9bccb; font-size: 13px; }
  .bar { position: relative; height: 6px; border-radius: 3px; background: #1d3447; overflow: hidden; }
  .bar::after { content: ''; position: absolute; inset: 0 auto 0 0; width: 35%; border-radius: 3px; background: #4fd1c5; animation: slide 1.4s ease-in-out infinite; }
  @keyframes slide { from { transform: translateX(-100%); } to { transform: translateX(290%); } }
  @media (prefers-reduced-motion: reduce) { .bar::after { animation: none; width: 100%; opacity: 0.5; } }
`;

/** The whole page for one step, in the given language. */
export const splashPage = (step: SplashStep, language: 'en' | 'de'): string => {
  const words = WORDS[language];
  return `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeXml(words.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>${escapeXml(words.title)}</h1>
<p data-step="${step.step}" data-steps="${step.steps}" data-migration="${escapeXml(step.name)}">${escapeXml(words.step(step))}</p>
<div class="bar" role="progressbar" aria-label="${escapeXml(words.title)}" aria-valuemin="0" aria-valuemax="${step.steps}" aria-valuenow="${step.step - 1}"></div>
<p class="muted">${escapeXml(words.reassure)}</p>
</main>
</body>
</html>`;
};

/** The page as the URL a window loads. */
export const splashUrl = (step: SplashStep, language: 'en' | 'de'): string => `data:text/html;charset=utf-8,${encodeURIComponent(splashPage(step, language))}`;
