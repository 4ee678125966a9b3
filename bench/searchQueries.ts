import type { ImageQuery } from '../src/shared/ipc/schemas/library.ts';
import { createRandom, LIBRARY_END_MS, type Random } from './syntheticRows.ts';
import { MODEL_WEIGHTS, TAGS } from './syntheticWords.ts';

const DAY = 86_400_000;

/** Words people search their own prompts for; a prefix of one is what search-as-you-type sends mid-word. */
const TERMS = [
  'lighthouse', 'dragon', 'castle', 'fox', 'samurai', 'robot', 'astronaut', 'portrait', 'forest', 'neon', 'cyberpunk', 'watercolor',
  'sunset', 'golden', 'fog', 'rain', 'city', 'cat', 'owl', 'ramen', 'cathedral', 'ship', 'mountain', 'village', 'ghibli', 'mucha',
  'hokusai', 'cinematic', 'bokeh', 'macro', 'moonlight', 'aurora', 'steampunk', 'pixel', 'anime', 'oil', 'ink', 'glass', 'crystal',
  'volcano', 'glacier', 'tiger', 'whale', 'phoenix', 'knight', 'witch', 'viking', 'detailed', 'realistic', 'octane', 'teal', 'crimson',
];
/** Pairs that occur together in the synthetic prompts, and some that rarely do. */
const PAIRS = [
  'red fox', 'neon city', 'golden hour', 'oil painting', 'snow leopard', 'space station', 'cherry blossom', 'bamboo forest',
  'pirate ship', 'old fisherman', 'tea ceremony', 'rainy alley', 'film grain', 'volumetric fog', 'studio lighting', 'koi pond',
  'dragon moonlight', 'castle fog', 'robot watercolor', 'astronaut nebula', 'cat windowsill', 'lighthouse storm', 'samurai neon',
];
const FOREIGN = ['Leuchtturm', 'Märchenwald', 'café', 'néons', 'château', 'playa', 'atardecer', 'gato', '東京', '桜', 'ночной', 'Hütte'];
const MISSES = ['xylophone', 'zebra crossing', 'quasar'];
/** What the search syntax adds: other forms of a word (plurals, German), OR, words left out. */
const SYNTAX = [
  'lighthouses', 'castles', 'dragons', 'foxes', 'mountains', 'cities', 'Leuchttürme', 'Hütten', 'foxes OR owls',
  'cabin OR lighthouse', 'castle -fog', 'portrait -anime', 'dragon OR phoenix -moonlight', '-cyberpunk',
];

const prefix = (random: Random, word: string): string => word.slice(0, Math.min(word.length, 3 + random.int(word.length - 2)));

const models = (random: Random): string[] => {
  const first = random.weighted(MODEL_WEIGHTS);
  const second = random.weighted(MODEL_WEIGHTS);
  return random.chance(0.3) && second !== first ? [first, second] : [first];
};

const dateRange = (random: Random): Pick<ImageQuery, 'createdFrom' | 'createdTo'> => {
  switch (random.int(4)) {
    case 0: return { createdFrom: LIBRARY_END_MS - 7 * DAY };
    case 1: return { createdFrom: LIBRARY_END_MS - 30 * DAY };
    case 2: {
      const start = LIBRARY_END_MS - (30 + random.int(700)) * DAY;
      return { createdFrom: start, createdTo: start + 30 * DAY };
    }
    default: return { createdFrom: LIBRARY_END_MS - 365 * DAY, createdTo: LIBRARY_END_MS - 180 * DAY };
  }
};

const searchText = (random: Random): string => {
  const r = random.next();
  if (r < 0.45) return prefix(random, random.pick(TERMS));
  if (r < 0.8) {
    const pair = random.pick(PAIRS);
    // Typing the second word: its prefix.
    return random.chance(0.5) ? pair : pair.replace(/(\S+)$/, (w) => prefix(random, w));
  }
  if (r < 0.88) return random.pick(SYNTAX);
  if (r < 0.97) return random.pick(FOREIGN);
  return random.pick(MISSES);
};

/** One query of the mix: what the library's search box, filter bar and sort menu send while someone looks for an image. */
const makeQuery = (random: Random): ImageQuery => {
  const r = random.next();
  if (r < 0.35) return { text: searchText(random) };
  if (r < 0.5) return { text: searchText(random), models: models(random) };
  if (r < 0.6) return { text: searchText(random), ...dateRange(random) };
  if (r < 0.66) return { text: searchText(random), favorite: true };
  if (r < 0.72) return { text: searchText(random), minRating: 3 + random.int(3), sort: 'rating' };
  if (r < 0.76) return { text: searchText(random), sort: 'oldest' };
  if (r < 0.8) return { text: searchText(random), tags: [random.pick(TAGS.slice(0, 12))] };
  if (r < 0.83) return { text: searchText(random), aspect: random.pick(['square', 'landscape', 'portrait'] as const), formats: ['png'] };
  if (r < 0.86) return { models: models(random), sort: random.pick(['newest', 'rating'] as const) };
  if (r < 0.89) return { favorite: true, ...(random.chance(0.5) ? dateRange(random) : {}) };
  if (r < 0.92) return { minRating: 4, sort: 'rating' };
  if (r < 0.95) return { tags: [random.pick(TAGS)], ...(random.chance(0.3) ? { models: models(random) } : {}) };
  if (r < 0.97) return { ...dateRange(random), sort: 'oldest' };
  if (r < 0.975) return { blurred: true };
  if (r < 0.98) return random.chance(0.5) ? { text: searchText(random), kind: 'original' } : { kind: random.pick(['edit', 'upscale'] as const) };
  if (r < 0.985) return { hasVersions: true };
  return { inTrash: true };
};

/** The bench's fixed mix (same queries every run), at least 200 of them. */
export const searchQueryMix = (count = 240, seed = 44): ImageQuery[] => {
  const random = createRandom(seed);
  return Array.from({ length: count }, () => makeQuery(random));
};

/** Which kind a query is, for the per-kind breakdown in the report. */
export const queryKind = (q: ImageQuery): string => {
  const text = q.text?.trim();
  const syntax = text === undefined ? null : / OR /u.test(text) ? 'or' : /(^|\s)-/u.test(text) ? 'word-left-out' : null;
  const parts = [text === undefined ? 'filters-only' : (syntax ?? (text.includes(' ') ? 'two-terms' : 'one-term'))];
  for (const key of ['models', 'createdFrom', 'favorite', 'minRating', 'tags', 'aspect', 'blurred', 'kind', 'hasVersions', 'inTrash'] as const) {
    if (q[key] !== undefined) parts.push(key === 'createdFrom' ? 'dates' : key);
  }
  if (q.sort && q.sort !== 'newest') parts.push(`sort-${q.sort}`);
  return parts.join('+');
};
