import {
  ADJECTIVES, CAMERA, COLORS, FOREIGN_PROMPTS, FORMAT_WEIGHTS, LIGHTING, MODEL_WEIGHTS, NEGATIVE, PLACES, QUALITY, SIZES, STYLE_PRESETS,
  STYLES, SUBJECTS, TAGS,
} from './syntheticWords.ts';

/** mulberry32: tiny, fast, and the same library on every machine for a given seed. */
export const createRandom = (seed: number) => {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number): number => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  const weighted = <T>(items: ReadonlyArray<readonly [T, number]>): T => {
    const total = items.reduce((sum, [, w]) => sum + w, 0);
    let r = next() * total;
    for (const [item, w] of items) if ((r -= w) < 0) return item;
    return items[items.length - 1]![0];
  };
  const hex = (chars: number): string => {
    let out = '';
    while (out.length < chars) out += ((next() * 4294967296) >>> 0).toString(16).padStart(8, '0');
    return out.slice(0, chars);
  };
  return { next, int, pick, weighted, hex, chance: (p: number): boolean => next() < p };
};
export type Random = ReturnType<typeof createRandom>;

export interface SyntheticRow {
  id: string;
  createdAt: number;
  prompt: string;
  model: string;
  endpoint: 'openai' | 'native';
  requestJson: string;
  responseJson: string;
  format: 'png' | 'jpeg' | 'webp';
  width: number;
  height: number;
  byteSize: number;
  sha256: string;
  blurred: 0 | 1;
  priceUsd: number | null;
  favorite: 0 | 1;
  rating: number;
  trashedAt: number | null;
  tags: string[];
  collections: number[];
}

export const LIBRARY_END_MS = Date.UTC(2026, 10, 1);
const LIBRARY_SPAN_MS = 2 * 365 * 24 * 3600 * 1000;
export const COLLECTION_COUNT = 8;

const uuidV4 = (random: Random): string => {
  const h = random.hex(32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[random.int(4)]}${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

/** Prompt lengths as people write them: a few terse ones, most a sentence or two, a long tail of boilerplate-heavy ones. */
const targetLength = (random: Random): number => {
  const r = random.next();
  if (r < 0.2) return 30 + random.int(50);
  if (r < 0.7) return 80 + random.int(170);
  return 250 + random.int(350);
};

const fragment = (random: Random): string => {
  switch (random.int(7)) {
    case 0: return random.pick(STYLES);
    case 1: return random.pick(LIGHTING);
    case 2: return random.pick(CAMERA);
    case 3: {
      const first = random.int(COLORS.length);
      return `${COLORS[first]} and ${COLORS[(first + 1 + random.int(COLORS.length - 1)) % COLORS.length]} tones`;
    }
    case 4: return `${random.pick(ADJECTIVES)} atmosphere`;
    default: return random.pick(QUALITY);
  }
};

/** 'a lighthouse' → 'a weathered lighthouse', 'an ancient lighthouse' (sometimes). */
const withAdjective = (random: Random, subject: string): string => {
  const match = /^(an?) (.*)$/.exec(subject);
  if (!match || !random.chance(0.6)) return subject;
  const adjective = random.pick(ADJECTIVES);
  return `${/^[aeiou]/.test(adjective) ? 'an' : 'a'} ${adjective} ${match[2]}`;
};

const makePrompt = (random: Random): string => {
  if (random.chance(0.05)) {
    const base = random.pick(FOREIGN_PROMPTS);
    return random.chance(0.5) ? base : `${base}, ${random.pick(QUALITY)}, ${random.pick(CAMERA)}`;
  }
  const target = targetLength(random);
  let prompt = withAdjective(random, random.pick(SUBJECTS));
  if (random.chance(0.7)) prompt += ` ${random.pick(PLACES)}`;
  if (random.chance(0.3)) prompt += `, ${random.pick(COLORS)} ${random.pick(['sky', 'light', 'water', 'cloak', 'eyes', 'flowers'])}`;
  while (prompt.length < target) {
    const next = fragment(random);
    if (!prompt.includes(next)) prompt += `, ${next}`;
  }
  if (prompt.length > 600) prompt = prompt.slice(0, prompt.lastIndexOf(',', 600));
  return prompt.charAt(0).toUpperCase() + prompt.slice(1);
};

/** Users iterate: a new prompt is often a tweak of one of their recent ones. */
const nextPrompt = (random: Random, recent: string[]): string => {
  if (recent.length && random.chance(0.3)) {
    const base = random.pick(recent);
    return base.length < 560 && random.chance(0.6) ? `${base}, ${fragment(random)}` : base;
  }
  const prompt = makePrompt(random);
  recent.push(prompt);
  if (recent.length > 40) recent.shift();
  return prompt;
};

const RATING_WEIGHTS: ReadonlyArray<readonly [number, number]> = [[1, 5], [2, 10], [3, 30], [4, 35], [5, 20]];
const VARIANT_WEIGHTS: ReadonlyArray<readonly [number, number]> = [[1, 55], [2, 15], [3, 5], [4, 25]];
// Tags follow a Zipf-like curve: the first few are on most tagged images.
const TAG_WEIGHTS = TAGS.map((tag, i) => [tag, 1 / (i + 1)] as const);

interface Job {
  prompt: string;
  model: string;
  endpoint: 'openai' | 'native';
  request: Record<string, unknown>;
  format: SyntheticRow['format'];
  width: number;
  height: number;
}

const makeJob = (random: Random, recent: string[]): Job => {
  const prompt = nextPrompt(random, recent);
  const model = random.weighted(MODEL_WEIGHTS);
  const format = random.weighted(FORMAT_WEIGHTS);
  const [width, height] = random.weighted(SIZES.map(([w, h, weight]) => [[w, h] as const, weight] as const));
  if (random.chance(0.6)) {
    const request = { prompt, model, size: `${width}x${height}`, output_format: format, n: 1, moderation: 'auto', response_format: 'b64_json' };
    return { prompt, model, endpoint: 'openai', request, format, width, height };
  }
  const request: Record<string, unknown> = { model, prompt, width, height, format, seed: random.int(999_999_999), safe_mode: random.chance(0.7) };
  if (random.chance(0.4)) request.negative_prompt = Array.from({ length: 2 + random.int(5) }, () => random.pick(NEGATIVE)).join(', ');
  if (random.chance(0.3)) request.style_preset = random.pick(STYLE_PRESETS);
  if (random.chance(0.3)) Object.assign(request, { steps: 20 + random.int(30), cfg_scale: 3 + random.int(8) });
  return { prompt, model, endpoint: 'native', request, format, width, height };
};

/**
 * Rows in the order the app would have written them: jobs of 1–4 variants spread over two years, oldest first.
 * Deterministic for a seed, so every run of the bench searches the same library.
 */
export function* syntheticRows(count: number, seed = 4): Generator<SyntheticRow> {
  const random = createRandom(seed);
  const recent: string[] = [];
  const meanGap = LIBRARY_SPAN_MS / (count / 2);
  let time = LIBRARY_END_MS - LIBRARY_SPAN_MS;
  let made = 0;
  while (made < count) {
    const job = makeJob(random, recent);
    const variants = Math.min(count - made, random.weighted(VARIANT_WEIGHTS));
    time += Math.max(1000, Math.round(-Math.log(1 - random.next()) * meanGap));
    const requestJson = JSON.stringify(job.request);
    for (let v = 0; v < variants; v++) {
      const createdAt = time + v * 137;
      const blurred = random.chance(0.02) ? 1 : 0;
      const headers = { 'x-venice-model-id': job.model, 'x-venice-is-blurred': String(blurred === 1), 'cf-ray': random.hex(16) };
      const response = { created: Math.floor(createdAt / 1000), durationMs: 1500 + random.int(9000), headers, flags: { blurred: blurred === 1 } };
      const tags = random.chance(0.3) ? [...new Set(Array.from({ length: 1 + random.int(3) }, () => random.weighted(TAG_WEIGHTS)))] : [];
      const collections = random.chance(0.03) ? [random.int(COLLECTION_COUNT)] : [];
      yield {
        id: uuidV4(random),
        createdAt,
        prompt: job.prompt,
        model: job.model,
        endpoint: job.endpoint,
        requestJson,
        responseJson: JSON.stringify(job.endpoint === 'native' ? { ...response, variant: v, variants } : response),
        format: job.format,
        width: job.width,
        height: job.height,
        byteSize: 200_000 + random.int(2_000_000),
        sha256: random.hex(64),
        blurred,
        priceUsd: random.chance(0.8) ? [0.01, 0.02, 0.04, 0.08][random.int(4)]! : null,
        favorite: random.chance(0.05) ? 1 : 0,
        rating: random.chance(0.2) ? random.weighted(RATING_WEIGHTS) : 0,
        trashedAt: random.chance(0.01) ? createdAt + random.int(30) * 86_400_000 : null,
        tags,
        collections,
      };
    }
    made += variants;
  }
}
