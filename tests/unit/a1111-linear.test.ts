import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildA1111Parameters, parseA1111Parameters, type A1111Parameters } from '../../src/main/core/transfer/a1111.ts';
import { scanA1111Pairs } from '../../src/main/core/transfer/a1111Pairs.ts';

/**
 * The linear A1111 parser against the regex parser it replaced (kept here verbatim as the oracle). The oracle is
 * quadratic, so it only ever sees short inputs; the hostile long ones are checked on their output.
 */
const OLD_PARAM = /\s*(\w[\w \-/]+):\s*("(?:\\.|[^\\"])+"|[^,]*)(?:,|$)/gu;

const oldUnquote = (value: string): string => {
  if (!value.startsWith('"') || !value.endsWith('"')) return value;
  try {
    const parsed: unknown = JSON.parse(value);
    return typeof parsed === 'string' ? parsed : value;
  } catch {
    return value;
  }
};

function oldParse(text: string): A1111Parameters {
  const lines = text.trim().split('\n');
  let last = lines.pop() ?? '';
  if ([...last.matchAll(OLD_PARAM)].length < 3) {
    lines.push(last);
    last = '';
  }
  let prompt = '';
  let negativePrompt = '';
  let inNegative = false;
  for (const raw of lines) {
    let line = raw.trim();
    if (line.startsWith('Negative prompt:')) {
      inNegative = true;
      line = line.slice('Negative prompt:'.length).trim();
    }
    if (inNegative) negativePrompt += (negativePrompt === '' ? '' : '\n') + line;
    else prompt += (prompt === '' ? '' : '\n') + line;
  }
  const params: Record<string, string> = {};
  for (const match of last.matchAll(OLD_PARAM)) {
    const [, key, value] = match;
    if (key !== undefined && value !== undefined) params[key.trim()] = oldUnquote(value.trim());
  }
  return { prompt, negativePrompt, params };
}

/** Text made of the pieces the grammar turns on, so the generator reaches keys, quotes, escapes and near-misses. */
const PIECES = ['Steps', 'CFG scale', 'Seed', 'a', 'Z9', '_', ' ', '  ', '\t', '\n', '\r', '\u00a0', '\u2028', ':', ': ', ',', ', ', '"', '\\', '\\"', '\\\r', '\\\u2028', ': "', ': "a,', ',\\\r', '", ', '-', '/', 'x-y/z', '🌅', '\ud800', 'é', '{}', '1024x768', 'Negative prompt:'];
const pieceText = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((parts) => parts.join(''));
const anyText = fc.oneof(pieceText, fc.string({ maxLength: 60 }), fc.string({ unit: 'binary', maxLength: 40 }));

const words = fc.string({ minLength: 1, maxLength: 30 });
const built = fc
  .record({
    prompt: words,
    negativePrompt: fc.option(words, { nil: undefined }),
    steps: fc.option(fc.integer({ min: 1, max: 150 }), { nil: undefined }),
    sampler: fc.option(words, { nil: undefined }),
    cfgScale: fc.option(fc.double({ min: 0, max: 30, noNaN: true }), { nil: undefined }),
    seed: fc.option(fc.integer({ min: 0 }), { nil: undefined }),
    width: fc.integer({ min: 1, max: 4096 }),
    height: fc.integer({ min: 1, max: 4096 }),
    model: fc.option(words, { nil: undefined }),
    extra: fc.array(fc.tuple(fc.constantFrom('Style preset', 'Hires upscale', 'Lora hashes'), words), { maxLength: 3 }),
  })
  .map(buildA1111Parameters);

const oldPairs = (line: string) => [...line.matchAll(OLD_PARAM)].map((m) => ({ key: m[1], value: m[2] }));

describe('A1111 parameters in linear time', () => {
  it('finds exactly the pairs the regex found, on any short line', () => {
    fc.assert(fc.property(anyText, (line) => {
      expect(scanA1111Pairs(line)).toEqual(oldPairs(line));
    }), { numRuns: 3000 });
  });

  it.each([
    'Seed: "a,\\\r", Steps: 2, Size: 1x1',
    'Seed: "a,\\\u2028b", Steps: 2, Size: 1x1',
    'A: "", B: "\\"", C: "x\\\\", D: "y"z, E',
    'a:b,  -x: 1, /y: 2,x : 3, x_-/ y: 4',
  ])('agrees with the regex on the near miss %j', (line) => {
    expect(scanA1111Pairs(line)).toEqual(oldPairs(line));
  });

  it('parses what A1111 writes exactly as before', () => {
    fc.assert(fc.property(built, (text) => {
      expect(parseA1111Parameters(text)).toEqual(oldParse(text));
    }), { numRuns: 2000 });
  });

  it('parses any short text exactly as before', () => {
    const multiLine = fc.array(anyText, { maxLength: 4 }).map((lines) => lines.join('\n'));
    fc.assert(fc.property(multiLine, (text) => {
      expect(parseA1111Parameters(text)).toEqual(oldParse(text));
    }), { numRuns: 2000 });
  });

  it('reads a real A1111 line with quoted values', () => {
    const text = 'a heron\nNegative prompt: blurry\nSteps: 20, Sampler: DPM++ 2M, CFG scale: 7, Seed: 42, Size: 512x768, Lora hashes: "a: 1, b: 2", Version: v1.9';
    expect(parseA1111Parameters(text)).toEqual({
      prompt: 'a heron',
      negativePrompt: 'blurry',
      params: { Steps: '20', Sampler: 'DPM++ 2M', 'CFG scale': '7', Seed: '42', Size: '512x768', 'Lora hashes': 'a: 1, b: 2', Version: 'v1.9' },
    });
  });

  // These took 19 s (200 kB) and minutes (1 MB) with the regex: they must now simply finish with the right answer.
  it.each([200_000, 1_000_000])('takes a %i-character word without a colon as the prompt', (size) => {
    const word = 'a'.repeat(size);
    expect(parseA1111Parameters(word)).toEqual({ prompt: word, negativePrompt: '', params: {} });
  });

  it('reads a 1 MB line of near-miss keys and open quotes as prompt text', () => {
    const line = 'Key word-with/slash '.repeat(25_000) + 'a: "' + '\\"'.repeat(100_000);
    const parsed = parseA1111Parameters(line);
    expect(parsed.prompt).toBe(line);
    expect(parsed.params).toEqual({});
  });

  it('reads 30,000 pairs with open quotes', () => {
    const line = Array.from({ length: 30_000 }, (_, i) => `k${i}: "x\\`).join(', ');
    const parsed = parseA1111Parameters(`prompt\n${line}`);
    expect(Object.keys(parsed.params)).toHaveLength(30_000);
    expect(parsed.params.k7).toBe('"x\\');
  });
});
