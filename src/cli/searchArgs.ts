import type { ParseArgsOptionsConfig } from 'node:util';
import { ASPECTS, IMAGE_KINDS, type ImageQuery, SORTS, zImageQuery } from '../shared/ipc/schemas/imageQuery.ts';
import { IMAGE_FORMATS } from '../shared/venice.ts';
import { HELP_FLAG, invalid, JSON_FLAG, parse } from './argParsing.ts';

/** `lagoon search`'s flags, turned into the library's own ImageQuery and checked by its schema. */

export const DEFAULT_SEARCH_LIMIT = 50;

const SEARCH_FLAGS = {
  ...HELP_FLAG,
  ...JSON_FLAG,
  model: { type: 'string', multiple: true },
  from: { type: 'string' },
  to: { type: 'string' },
  aspect: { type: 'string' },
  format: { type: 'string', multiple: true },
  favorites: { type: 'boolean' },
  'min-rating': { type: 'string' },
  tag: { type: 'string', multiple: true },
  blurred: { type: 'boolean' },
  kind: { type: 'string' },
  'has-versions': { type: 'boolean' },
  trash: { type: 'boolean' },
  sort: { type: 'string' },
  limit: { type: 'string' },
} as const satisfies ParseArgsOptionsConfig;

export type SearchArgs = { help: true } | { help: false; json: boolean; query: ImageQuery; limit: number };

const oneOfOptional = <T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T | undefined => {
  if (value === undefined || (allowed as readonly string[]).includes(value)) return value as T | undefined;
  throw invalid(`--${flag} must be one of ${allowed.join(', ')}; got "${value}".`);
};

const wholeNumber = (flag: string, raw: string, min: number, max: number): number => {
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(n) || n < min || n > max) {
    throw invalid(`--${flag} must be a whole number ${max === Number.MAX_SAFE_INTEGER ? `of ${min} or more` : `from ${min} to ${max}`}; got "${raw}".`);
  }
  return n;
};

/** node:util gives repeatable flags as arrays; our Parsed type only knows single strings. */
const many = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})?$/;

/**
 * A calendar date means that day on the user's clock, so `--to 2024-05-01` takes in all of May 1st; a date and
 * time means that instant (local time unless it carries Z or an offset).
 */
const parseDate = (flag: 'from' | 'to', raw: string): number => {
  const day = DATE_ONLY.exec(raw);
  if (day) {
    const [year, month, date] = [Number(day[1]), Number(day[2]), Number(day[3])];
    const start = new Date(year, month - 1, date);
    if (start.getFullYear() === year && start.getMonth() === month - 1 && start.getDate() === date) {
      const next = new Date(year, month - 1, date + 1).getTime();
      return flag === 'from' ? start.getTime() : next - 1;
    }
  } else if (DATE_TIME.test(raw)) {
    const ms = Date.parse(raw);
    if (Number.isFinite(ms) && ms >= 0) return ms;
  }
  throw invalid(`--${flag} must be a date like 2024-05-01 or a date and time like 2024-05-01T18:30; got "${raw}".`);
};

const EXCLUDED_WORD_RE = /^-[^-]/u;
const takesValue = (arg: string): boolean => {
  const option = (SEARCH_FLAGS as ParseArgsOptionsConfig)[arg.slice(2)];
  return arg.startsWith('--') && !arg.includes('=') && option?.type === 'string';
};

/**
 * `lagoon search coral -dusk`: a word with one leading dash is a word left out (the search syntax), not a short
 * option, unless it is -h. It is set aside before the flags are parsed, and what follows a flag that takes a value
 * stays that flag's value.
 */
const splitExcluded = (args: string[]): { flags: string[]; excluded: string[] } => {
  const flags: string[] = [];
  const excluded: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      flags.push(...args.slice(i));
      break;
    }
    if (EXCLUDED_WORD_RE.test(arg) && arg !== '-h' && !takesValue(args[i - 1] ?? '')) excluded.push(arg);
    else flags.push(arg);
  }
  return { flags, excluded };
};

/** Positionals are the search words (quoted or not); the flags narrow and order the results. */
export const parseSearch = (args: string[]): SearchArgs => {
  const { flags, excluded } = splitExcluded(args);
  const { values, positionals } = parse('search', flags, SEARCH_FLAGS);
  if (values.help) return { help: true };
  const text = [...positionals, ...excluded].join(' ').trim();
  const sort = oneOfOptional('sort', values.sort, SORTS);
  const aspect = oneOfOptional('aspect', values.aspect, ASPECTS);
  const kind = oneOfOptional('kind', values.kind, IMAGE_KINDS);
  const models = many(values.model);
  const tags = many(values.tag);
  const formats = many(values.format).map((f) => oneOfOptional('format', f, IMAGE_FORMATS)!);
  const minRating = values['min-rating'] === undefined ? undefined : wholeNumber('min-rating', values['min-rating'], 1, 5);
  const createdFrom = values.from === undefined ? undefined : parseDate('from', values.from);
  const createdTo = values.to === undefined ? undefined : parseDate('to', values.to);
  if (createdFrom !== undefined && createdTo !== undefined && createdFrom > createdTo) {
    throw invalid(`--from (${values.from}) is after --to (${values.to}).`);
  }
  const candidate: ImageQuery = {
    ...(text ? { text } : {}),
    ...(models.length ? { models: [...new Set(models)] } : {}),
    ...(createdFrom !== undefined ? { createdFrom } : {}),
    ...(createdTo !== undefined ? { createdTo } : {}),
    ...(aspect ? { aspect } : {}),
    ...(formats.length ? { formats: [...new Set(formats)] } : {}),
    ...(values.favorites ? { favorite: true } : {}),
    ...(minRating !== undefined ? { minRating } : {}),
    ...(tags.length ? { tags: [...new Set(tags.map((t) => t.trim()))] } : {}),
    ...(values.blurred ? { blurred: true } : {}),
    ...(kind ? { kind } : {}),
    ...(values['has-versions'] ? { hasVersions: true } : {}),
    ...(values.trash ? { inTrash: true } : {}),
    ...(sort ? { sort } : {}),
  };
  const checked = zImageQuery.safeParse(candidate);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    const where = issue?.path.length ? ` (${issue.path.join('.')})` : '';
    throw invalid(`lagoon search: that search cannot be run${where}: ${issue?.message ?? 'invalid'}. Run "lagoon search --help" for the options.`);
  }
  const limit = values.limit === undefined ? DEFAULT_SEARCH_LIMIT : wholeNumber('limit', values.limit, 1, Number.MAX_SAFE_INTEGER);
  return { help: false, json: values.json === true, query: checked.data, limit };
};
