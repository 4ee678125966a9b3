import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../src/shared/errors.ts';
import { placeExclusive, writePartial } from '../../src/main/core/transfer/exclusiveFile.ts';
import { MAX_STEM_BYTES, parseTemplate, promptSlug, renderFileStem, safeFileStem, stemWithCounter } from '../../src/shared/fileNames.ts';

const ID = '0f0e0d0c-0b0a-4908-8706-050403020100';
const sha = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');
const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const graphemesOf = (s: string) => [...segmenter.segment(s)].map((g) => g.segment);

/** RELIABILITY I6, written out independently of the implementation. */
const violations = (stem: string): string[] => {
  const found: string[] = [];
  if (stem === '') found.push('empty');
  if (/["*/:<>?\\|]/u.test(stem)) found.push('forbidden character');
  // oxlint-disable-next-line no-control-regex -- checking for control characters is the point
  if (/[\u0000-\u001F\u007F-\u009F]/u.test(stem)) found.push('control character');
  if (/[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u.test(stem)) found.push('bidi or mark character');
  if (/^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/iu.test((stem.split('.')[0] ?? '').trimEnd())) found.push('reserved name');
  if (/[. ]$/u.test(stem)) found.push('trailing dot or space');
  if (Buffer.byteLength(stem, 'utf8') > MAX_STEM_BYTES) found.push('too long');
  if (stem.normalize('NFC') !== stem) found.push('not NFC');
  if (!stem.isWellFormed()) found.push('ill-formed');
  return found;
};

const HOSTILE_PIECES = [
  'CON', 'nul', 'Com1', 'LPT9', 'aux', 'COM¹', '.', ' ', '..', '/', '\\', ':', '*', '?', '"', '<', '>', '|', '\u202E', '\u200F',
  '\u061C', '\u2066', '\u0000', '\u0085', '\u009F', '\t', '\n', 'é', 'e\u0301', 'ﬁ', '👨‍👩‍👧', '🏴󠁧󠁢󠁥󠁮󠁧󠁿', '\uD800', '\uDFFF', 'a'.repeat(97), '日本語',
  ' .png', '%2e%2e%2f', 'file:///x', 'C:\\x', '\\\\?\\C:\\', 'ﾟ', '\u00AD', '\uFEFF', '\uFFFD', '\u{E0001}', '\u{10FFFF}',
];
const hostileName = fc.array(fc.constantFrom(...HOSTILE_PIECES), { maxLength: 40 }).map((parts) => parts.join(''));
const anyName = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 300 }),
  hostileName,
  // Lone surrogates, which 'binary' never produces.
  fc.array(fc.integer({ min: 0xd700, max: 0xe000 }), { maxLength: 20 }).map((codes) => String.fromCharCode(...codes)),
);

describe('safeFileStem (RELIABILITY I6)', () => {
  it('10,000 generated names: every one compliant, and cut only between whole graphemes', () => {
    let checked = 0;
    fc.assert(
      fc.property(anyName, (raw) => {
        const stem = safeFileStem(raw, ID);
        expect(violations(stem), JSON.stringify(raw)).toEqual([]);
        // The cut version is a whole-grapheme prefix of the same name given unlimited room.
        const full = safeFileStem(raw, ID, Number.MAX_SAFE_INTEGER);
        const cut = graphemesOf(stem.startsWith('_') && !full.startsWith('_') ? stem.slice(1) : stem);
        const comparable = full !== ID && stem !== ID;
        expect(comparable ? graphemesOf(full).slice(0, cut.length) : cut, JSON.stringify(raw)).toEqual(cut);
        checked++;
      }),
      { numRuns: 10_000, seed: 4242 },
    );
    expect(checked).toBe(10_000);
  });

  it.each([
    ['', ID],
    ['   ', ID],
    ['...', ID],
    ['\u202E\u200F', ID],
    ['CON', '_CON'],
    ['nul.tar', '_nul.tar'],
    ['com1 ', '_com1'],
    ['LPT¹', '_LPT¹'],
    ['../../etc/passwd', '_.._etc_passwd'],
    ['C:\\Windows\\x', 'C__Windows_x'],
    ['a\u0000b\u0007c', 'abc'],
    ['line\nbreak\ttab', 'line break tab'],
    ['trailing dots...', 'trailing dots'],
    ['.hidden', 'hidden'],
    ['e\u0301', 'é'],
    ['family 👨‍👩‍👧 ok', 'family 👨‍👩‍👧 ok'],
    ['flag 🏴󠁧󠁢󠁥󠁮󠁧󠁿', 'flag 🏴󠁧󠁢󠁥󠁮󠁧󠁿'],
    ['rtl \u202Egnp.exe', 'rtl gnp.exe'],
  ])('%j → %j', (raw, expected) => {
    expect(safeFileStem(raw, ID)).toBe(expected);
  });

  it('cuts a long name of 4-byte emoji to at most 200 bytes without splitting one', () => {
    const stem = safeFileStem('🌅'.repeat(100), ID);
    expect(Buffer.byteLength(stem)).toBe(200);
    expect(stem).toBe('🌅'.repeat(50));
    const accented = safeFileStem('e\u0301'.repeat(150), ID);
    expect(Buffer.byteLength(accented)).toBeLessThanOrEqual(200);
    expect(accented).toBe('é'.repeat(100));
  });

  it('keeps the counter whole when the stem is at the byte limit', () => {
    const stem = safeFileStem('x'.repeat(300), ID);
    const counted = stemWithCounter(stem, 12);
    expect(counted.endsWith(' (12)')).toBe(true);
    expect(Buffer.byteLength(counted)).toBe(200);
    expect(stemWithCounter(stem, 1)).toBe(stem);
  });
});

describe('file-name templates', () => {
  const fields = {
    id: ID,
    createdAt: new Date(2025, 0, 2, 3, 4, 5).getTime(),
    prompt: 'A lagoon at dawn, 🌅 — "misty" <calm> water/sky',
    model: 'venice-sd35',
    width: 1024,
    height: 768,
    seed: 42,
  };

  it('fills every field, in local time and with a prompt slug', () => {
    const stem = renderFileStem(parseTemplate('{date}_{time}_{prompt}_{seed}_{model}_{w}x{h}_{id}'), fields);
    expect(stem).toBe(`2025-01-02_03-04-05_A-lagoon-at-dawn-🌅-misty-calm-water-sky_42_venice-sd35_1024x768_${ID}`);
  });

  it('drops the separator next to an empty field', () => {
    expect(renderFileStem(parseTemplate('{date}_{seed}_{prompt}'), { ...fields, seed: null, prompt: 'dawn' })).toBe('2025-01-02_dawn');
    expect(renderFileStem(parseTemplate('{seed}-{prompt}'), { ...fields, seed: null, prompt: 'dawn' })).toBe('dawn');
  });

  it('turns separators typed into a template into plain characters', () => {
    expect(renderFileStem(parseTemplate('../{prompt}/x'), { ...fields, prompt: 'dawn' })).toBe('_dawn_x');
  });

  it('falls back to the id when nothing usable is left', () => {
    expect(renderFileStem(parseTemplate('{prompt}'), { ...fields, prompt: '!!! ???' })).toBe(ID);
  });

  it('refuses an unknown field or an empty template', () => {
    expect(() => parseTemplate('{date}_{nope}')).toThrow(AppError);
    expect(() => parseTemplate('')).toThrow(AppError);
  });

  it('limits the prompt slug to a few words', () => {
    const slug = promptSlug('word '.repeat(100));
    expect(graphemesOf(slug).length).toBeLessThanOrEqual(60);
    expect(slug.endsWith('-')).toBe(false);
  });
});

describe('placing files without overwriting (RELIABILITY I7)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'lagoon-place-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const hashes = () =>
    Object.fromEntries(readdirSync(dir).map((name) => [name, sha(readFileSync(join(dir, name)))]));

  // A thousand durable writes (each fsynced) take 15 s on a quiet 2-core machine: the limit leaves room for a busy one.
  it('1,000 collision trials: 0 overwrites, every new file complete under a fresh "name (n)"', { timeout: 90_000 }, async () => {
    const taken = fc.sample(fc.integer({ min: 0, max: 5 }), { numRuns: 1000, seed: 7 });
    // What every file in the folder must still contain at the end: user files and earlier exports alike.
    const expected = new Map<string, string>();
    for (const [trial, count] of taken.entries()) {
      const stem = `image ${trial % 7}`;
      // Pre-existing files the export must step around: "stem", "stem (2)", …
      for (let n = 1; n <= count; n++) {
        const name = `${stemWithCounter(stem, n)}.png`;
        if (expected.has(name)) continue;
        const content = `user file ${trial}-${n}`;
        writeFileSync(join(dir, name), content);
        expected.set(name, sha(content));
      }
      const content = Buffer.from(`export ${trial} ${randomUUID()}`);
      const partial = await writePartial(dir, content);
      const [name] = await placeExclusive(dir, stem, [{ partialPath: partial, suffix: '.png' }]);
      expect(expected.has(name!), `trial ${trial} reused ${name}`).toBe(false);
      expected.set(name!, sha(content));
    }
    const onDisk = hashes();
    const overwritten = [...expected].filter(([name, hash]) => onDisk[name] !== hash);
    expect(overwritten).toEqual([]);
    expect(Object.keys(onDisk).toSorted()).toEqual([...expected.keys()].toSorted());
  });

  it('moves an image and its sidecar on together when only the sidecar name is taken', async () => {
    writeFileSync(join(dir, 'pair.png.json'), 'older sidecar');
    const image = await writePartial(dir, Buffer.from('image'));
    const sidecar = await writePartial(dir, Buffer.from('{}'));
    const names = await placeExclusive(dir, 'pair', [
      { partialPath: image, suffix: '.png' },
      { partialPath: sidecar, suffix: '.png.json' },
    ]);
    expect(names).toEqual(['pair (2).png', 'pair (2).png.json']);
    expect(readdirSync(dir).toSorted()).toEqual(['pair (2).png', 'pair (2).png.json', 'pair.png.json']);
    expect(readFileSync(join(dir, 'pair.png.json'), 'utf8')).toBe('older sidecar');
  });

  it.each(['EXDEV', 'EPERM', 'ENOTSUP'])('without hard links (%s) it reserves the name and renames, still never overwriting', async (code) => {
    writeFileSync(join(dir, 'fat.png'), 'user file');
    const failingLink = () => Promise.reject(Object.assign(new Error(code), { code }));
    const partial = await writePartial(dir, Buffer.from('exported'));
    const [name] = await placeExclusive(dir, 'fat', [{ partialPath: partial, suffix: '.png' }], { fs: { link: failingLink } });
    expect(name).toBe('fat (2).png');
    expect(readFileSync(join(dir, 'fat.png'), 'utf8')).toBe('user file');
    expect(readFileSync(join(dir, 'fat (2).png'), 'utf8')).toBe('exported');
    expect(readdirSync(dir).toSorted()).toEqual(['fat (2).png', 'fat.png']);
  });

  it('refuses a name that is not a single path component', async () => {
    const partial = await writePartial(dir, Buffer.from('x'));
    await expect(placeExclusive(dir, '../escape', [{ partialPath: partial, suffix: '.png' }])).rejects.toThrow(AppError);
    expect(readdirSync(dir)).toEqual([]);
  });
});
