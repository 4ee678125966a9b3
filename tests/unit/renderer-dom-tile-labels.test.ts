// @vitest-environment happy-dom
import { cleanup, render } from '@testing-library/react';
import { createInstance } from 'i18next';
import { createElement } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { GridTile } from '../../src/renderer/src/features/library/GridTile.tsx';
import { tileLabels } from '../../src/renderer/src/features/library/tileLabels.ts';
import de from '../../src/renderer/src/i18n/de.json';
import en from '../../src/renderer/src/i18n/en.json';
import { summary } from './helpers/rendererBridge.ts';

// The grid translates what its tiles say once per language; each tile must still say exactly what i18next would.

const translator = async (lng: string, resources = { en: { translation: en }, de: { translation: de } }) => {
  const i18n = createInstance();
  await i18n.init({ resources, lng, fallbackLng: 'en', interpolation: { escapeValue: false }, initAsync: false });
  return i18n.t;
};

// Prompts that a replace()-based slot would mangle ($&, $1), that look like i18next's own syntax, or hold the
// characters around the slot.
const PROMPTS = ['a red fox', 'price $& and $1', '{{prompt}} twice', 'Bild: ein Fuchs', '', 'ünïcödé 🦊 ∞'];

afterEach(cleanup);

const noop = () => undefined;

/** A German tile, selected or not. */
const tile = async (selected: boolean, over = {}) => {
  const labels = tileLabels(await translator('de'));
  return render(
    createElement(GridTile, {
      item: summary('img1', { prompt: 'ein Fuchs', favorite: true, ...over }),
      index: 0,
      selected,
      cursor: false,
      flinging: false,
      caption: 'none',
      ranges: undefined,
      retentionDays: null,
      now: 0,
      onClick: noop,
      onOpen: noop,
      onDragStart: noop,
      labels,
    }),
  );
};

describe('tileLabels', () => {
  for (const lng of ['en', 'de']) {
    it(`says what i18next says for every prompt, blurred or not (${lng})`, async () => {
      const t = await translator(lng);
      const labels = tileLabels(t);
      for (const prompt of PROMPTS) {
        expect(labels.open(prompt, false)).toBe(t('library.open', { prompt }));
        expect(labels.open(prompt, true)).toBe(t('library.openBlurred', { prompt, badge: t('blurred.badge') }));
      }
      expect(labels.hint).toBe(t('library.tileHint'));
      expect(labels.favorite).toBe(t('library.favorite'));
      expect(labels.fileMissing).toBe(t('library.fileMissing'));
      for (const count of [1, 2, 3, 4, 5]) expect(labels.rating[count]).toBe(t('rating.label', { count }));
      // One star and several are different words in both languages: the plural forms were looked up, not copied.
      expect(labels.rating[1]).not.toBe(labels.rating[2]!.replace('2', '1'));
    });
  }

  it('falls back to translating each label when a translation names the prompt twice or not at all', async () => {
    const t = await translator('xx', {
      xx: { translation: { library: { open: '{{prompt}} — {{prompt}}', openBlurred: 'A blurred image' } }, blurred: { badge: 'B' } },
    } as never);
    const labels = tileLabels(t);
    expect(labels.open('fox', false)).toBe('fox — fox');
    expect(labels.open('fox', true)).toBe('A blurred image');
  });
});

describe('GridTile', () => {

  it('is named and titled from the grid’s labels, in the grid’s language', async () => {
    const { getByTestId, getByRole } = await tile(false);
    const item = getByTestId('grid-item');
    expect(item.getAttribute('aria-label')).toBe('Bild: ein Fuchs');
    expect(item.getAttribute('title')).toBe(de.library.tileHint);
    expect(getByRole('img', { name: de.library.favorite })).toBeTruthy();
  });

  it('names its stars in the grid’s language, by the rating’s plural', async () => {
    const { getByRole } = await tile(false, { rating: 1 });
    expect(getByRole('img', { name: (await translator('de'))('rating.label', { count: 1 }) }).getAttribute('data-rating')).toBe('1');
    cleanup();
    const three = await tile(false, { rating: 3 });
    expect(three.getByRole('img', { name: (await translator('de'))('rating.label', { count: 3 }) }).getAttribute('data-rating')).toBe('3');
  });

  it('carries its check mark only while selected', async () => {
    expect((await tile(false)).container.querySelector('.tile__check')).toBeNull();
    cleanup();
    expect((await tile(true)).container.querySelector('.tile__check')).not.toBeNull();
  });

  it('says a missing file in the grid’s language', async () => {
    const { getByTestId } = await tile(false, { fileMissing: true });
    expect(getByTestId('file-missing').textContent).toBe(de.library.fileMissing);
  });
});
