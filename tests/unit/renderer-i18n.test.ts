import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../src/shared/errors.ts';
import { bestSystemLanguage, resolveLanguage } from '../../src/renderer/src/i18n/language.ts';

/** The renderer's catalogs are plain JSON: these checks keep English and German complete and in step. */
const I18N_DIR = resolve(import.meta.dirname, '../../src/renderer/src/i18n');
const RENDERER_SRC = resolve(import.meta.dirname, '../../src/renderer/src');

type Catalog = { [key: string]: string | Catalog };
const load = (lng: string): Catalog => JSON.parse(readFileSync(join(I18N_DIR, `${lng}.json`), 'utf8')) as Catalog;
const en = load('en');
const de = load('de');

const flatten = (catalog: Catalog, prefix = ''): Map<string, string> =>
  new Map(
    Object.entries(catalog).flatMap(([key, value]) =>
      typeof value === 'string' ? [[prefix + key, value] as const] : [...flatten(value, `${prefix}${key}.`)],
    ),
  );
const EN = flatten(en);
const DE = flatten(de);

const placeholders = (s: string): string[] => [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1] ?? '').toSorted();

const letters = (s: string): string => s.replace(/\{\{\s*\w+\s*\}\}/g, '').replace(/[^\p{L}]/gu, '');

/** i18next resolves `key` with a count to `key_one` / `key_other`; the bare key then need not exist. */
const hasKey = (catalog: Map<string, string>, key: string): boolean =>
  catalog.has(key) || (catalog.has(`${key}_one`) && catalog.has(`${key}_other`));

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(e.name) ? [full] : [];
  });

describe('renderer i18n catalogs', () => {
  it('English and German have exactly the same keys, none empty', () => {
    expect([...DE.keys()].toSorted()).toEqual([...EN.keys()].toSorted());
    const empty = [...EN, ...DE].filter(([, text]) => text.trim() === '').map(([key]) => key);
    expect(empty).toEqual([]);
  });

  it('every translation uses the same placeholders as the English one', () => {
    const mismatched = [...EN].filter(([key, text]) => placeholders(DE.get(key) ?? '').join() !== placeholders(text).join());
    expect(mismatched.map(([key]) => key)).toEqual([]);
  });

  it('has a message for every error code in both languages', () => {
    const missing = ERROR_CODES.filter((code) => !EN.get(`errors.${code}`) || !DE.get(`errors.${code}`));
    expect(missing).toEqual([]);
  });

  it('the German catalog is actually translated, not a copy of the English one', () => {
    // Strings that are the same in both languages by nature (names, numbers, "System", "Format") may repeat.
    const same = [...EN].filter(([key, text]) => DE.get(key) === text && letters(text).length > 8);
    expect(same.map(([key]) => key)).toEqual([]);
  });

  it('every literal key the components pass to t() exists in the catalog', () => {
    const used = sourceFiles(RENDERER_SRC).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([\w.]+)'/g)].map((m) => ({ file, key: m[1] ?? '' })),
    );
    expect(used.length).toBeGreaterThan(40);
    const missing = used.filter(({ key }) => !hasKey(EN, key));
    expect(missing).toEqual([]);
  });
});

describe('language choice', () => {
  it('picks the first OS language we have a catalog for', () => {
    expect(bestSystemLanguage(['de-AT', 'en-US'])).toBe('de');
    expect(bestSystemLanguage(['fr-FR', 'de-DE', 'en'])).toBe('de');
    expect(bestSystemLanguage(['en_GB', 'de'])).toBe('en');
    expect(bestSystemLanguage(['DE'])).toBe('de');
  });

  it('falls back to English when no OS language is supported', () => {
    expect(bestSystemLanguage(['fr-FR', 'ja'])).toBe('en');
    expect(bestSystemLanguage([])).toBe('en');
    expect(bestSystemLanguage(['dev', 'deu'])).toBe('en');
  });

  it('an explicit choice wins over the OS languages', () => {
    expect(resolveLanguage('de', ['en-US'])).toBe('de');
    expect(resolveLanguage('en', ['de-DE'])).toBe('en');
    expect(resolveLanguage('system', ['de-CH'])).toBe('de');
  });
});
