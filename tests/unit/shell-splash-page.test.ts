import { describe, expect, it } from 'vitest';
import { splashLanguage, splashPage, splashUrl } from '../../src/main/shell/splashPage.ts';

describe('the migration splash page', () => {
  it('says which step of how many, in English or German by the system locale', () => {
    expect(splashLanguage('de-AT')).toBe('de');
    expect(splashLanguage('en-GB')).toBe('en');
    expect(splashLanguage('fr-FR')).toBe('en');
    expect(splashPage({ step: 2, steps: 3, name: 'search' }, 'en')).toContain('Step 2 of 3');
    const german = splashPage({ step: 1, steps: 2, name: 'search' }, 'de');
    expect(german).toContain('Schritt 1 von 2');
    expect(german).toContain('<html lang="de">');
  });

  it('has no script and forbids any by its own policy', () => {
    const html = splashPage({ step: 1, steps: 1, name: 'search' }, 'en');
    expect(html).not.toMatch(/<script/iu);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
  });

  it('escapes the migration name it carries', () => {
    const html = splashPage({ step: 1, steps: 1, name: '"><img src=x onerror=alert(1)>' }, 'en');
    expect(html).not.toContain('<img');
    expect(html).toContain('data-migration="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"');
  });

  it('travels as a data: URL that decodes back to the page', () => {
    const step = { step: 1, steps: 2, name: 'position-counts' };
    const url = splashUrl(step, 'en');
    expect(url.startsWith('data:text/html;charset=utf-8,')).toBe(true);
    expect(decodeURIComponent(url.slice(url.indexOf(',') + 1))).toBe(splashPage(step, 'en'));
  });
});
