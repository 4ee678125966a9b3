import { describe, expect, it } from 'vitest';
import { isAppNavigation, isAppUrl, isTrustedSender } from '../../src/main/core/ipc/senderCheck.ts';

/** The app's own documents: the only URLs a trusted frame may have and the only navigation targets allowed. */
const ACCEPTED = [
  'lagoon://app/index.html',
  'lagoon://app/',
  'lagoon://app',
  'lagoon://app/index.html?view=library#top',
  'lagoon://app/media/image/0d9a6c1e-6d2b-4b6e-9d57-0c8c0b1b8f00',
  // The scheme is case-insensitive and the parser lowercases it; the host is what has to match.
  'LAGOON://app/index.html',
  // Dot segments are resolved by the parser; what the path may reach is the protocol handler's business.
  'lagoon://app/../../etc/passwd',
  // An empty port is the default port.
  'lagoon://app:/index.html',
];

const REJECTED = [
  // other schemes and origins
  'https://evil.example/',
  'http://127.0.0.1:5173/index.html',
  'https://app/',
  'file:///etc/passwd',
  'file:///work/main/out/renderer/index.html',
  'javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'blob:lagoon://app/0d9a6c1e-6d2b-4b6e-9d57-0c8c0b1b8f00',
  'about:blank',
  'about:srcdoc',
  'chrome://gpu',
  'devtools://devtools/bundled/inspector.html',
  'chrome-extension://abcdef/index.html',
  'view-source:lagoon://app/index.html',
  'lagoonx://app/',
  'lagoo://app/',
  // look-alike hosts
  'lagoon://app.evil.com/',
  'lagoon://evil.com/app/',
  'lagoon://evil/',
  'lagoon://app./',
  'lagoon://apps/',
  'lagoon://ap/',
  'lagoon://аpp/', // Cyrillic 'а'
  'lagoon://xn--pp-8cd/', // its punycode
  'lagoon://app%2eevil.com/',
  'lagoon://%61pp/',
  'lagoon://[::1]/',
  // userinfo and ports
  'lagoon://app@evil/',
  'lagoon://user@app/',
  'lagoon://user:pass@app/',
  'lagoon://evil.com\\@app/',
  'lagoon://app\\@evil/',
  'lagoon://app:8080/',
  'lagoon://app:0/',
  // hostless forms
  'lagoon:app/index.html',
  'lagoon:/app/index.html',
  'lagoon:///app/index.html',
  // upper-case host: Node keeps an opaque host's case and Chromium never reports one (decision in senderCheck.ts)
  'LAGOON://APP/',
  'lagoon://APP/index.html',
  // whitespace and control characters, which the URL parser would otherwise strip silently
  ' lagoon://app/index.html',
  'lagoon://app/index.html ',
  '\tlagoon://app/',
  'lagoon://ap\np/',
  'lagoon://app/\u0000',
  '\u0000lagoon://app/',
  // not URLs at all
  '',
  'app',
  '//app/index.html',
  '/index.html',
  'lagoon',
];

describe('isAppUrl / isAppNavigation', () => {
  it('covers at least 30 URLs', () => {
    expect(ACCEPTED.length + REJECTED.length).toBeGreaterThanOrEqual(30);
  });

  it.each(ACCEPTED)('accepts %j', (url) => {
    expect(isAppNavigation(url)).toBe(true);
    expect(isTrustedSender({ url, parent: null, detached: false })).toBe(true);
  });

  it.each(REJECTED)('rejects %j', (url) => {
    expect(isAppNavigation(url)).toBe(false);
    expect(isTrustedSender({ url, parent: null, detached: false })).toBe(false);
  });

  it('rejects values that are not strings', () => {
    for (const value of [undefined, null, 42, {}, ['lagoon://app/'], new URL('lagoon://app/')]) {
      expect(isAppUrl(value)).toBe(false);
    }
  });

  it('does not rely on origin, which Node reports as "null" for this scheme', () => {
    expect(new URL('lagoon://app/').origin).toBe('null');
    expect(new URL('lagoon://evil/').origin).toBe('null');
    expect(isAppNavigation('lagoon://evil/')).toBe(false);
  });
});

describe('isTrustedSender', () => {
  const good = { url: 'lagoon://app/index.html', parent: null };

  it('accepts the app top frame, with or without the detached flag present', () => {
    expect(isTrustedSender(good)).toBe(true);
    expect(isTrustedSender({ ...good, detached: false })).toBe(true);
  });

  it.each([
    ['null frame', null],
    ['undefined frame', undefined],
    ['iframe (parent set)', { ...good, parent: { url: 'lagoon://app/index.html', parent: null } }],
    ['iframe of any truthy parent', { ...good, parent: {} }],
    ['parent undefined instead of null', { url: good.url, parent: undefined }],
    ['detached frame', { ...good, detached: true }],
    ['other origin', { ...good, url: 'https://evil.example/' }],
    ['file://', { ...good, url: 'file:///etc/passwd' }],
    ['look-alike host', { ...good, url: 'lagoon://app.evil/' }],
    ['url missing', { parent: null } as unknown as { url: string; parent: null }],
  ])('rejects %s', (_name, frame) => {
    expect(isTrustedSender(frame)).toBe(false);
  });
});
