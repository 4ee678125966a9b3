import { AppError } from './errors.ts';
import type { ImageFormat } from './venice.ts';

/**
 * File names built from prompts and user templates, safe on Windows, macOS and Linux (RELIABILITY I6). Everything
 * that reaches the disk goes through `safeFileStem`, so a template, a prompt or a model id can never smuggle a path
 * separator, a device name or an invisible character into a name. The one place names are made: main writes with
 * it, the export dialog previews with it and the CLI exports through main, so the preview is the name written.
 * Plain JavaScript only (TextEncoder, Intl), as it runs in the renderer too.
 */

/** Leaves room for " (99999)", the extension and a ".json" sidecar suffix inside ext4's 255-byte NAME_MAX. */
export const MAX_STEM_BYTES = 200;
export const DEFAULT_TEMPLATE = '{date}_{time}_{prompt}';
export const TEMPLATE_TOKENS = ['date', 'time', 'prompt', 'seed', 'model', 'id', 'w', 'h'] as const;
export type TemplateToken = (typeof TEMPLATE_TOKENS)[number];
/** The template's length limit: the IPC schema, the export dialog's field and `parseTemplate` all use this one. */
export const MAX_TEMPLATE_CHARS = 200;
/** The prompt is only part of a name: a few words say which image it is, the rest belongs in the metadata. */
const PROMPT_SLUG_GRAPHEMES = 60;

export const EXTENSIONS: Readonly<Record<ImageFormat, string>> = { png: 'png', jpeg: 'jpg', webp: 'webp' };

// Made on first use: building a Segmenter loads ICU's break rules (tens of milliseconds), which every process that
// imports this file would otherwise pay at start, `lagoon search` included, though only naming a file needs it.
let segmenter: Intl.Segmenter | undefined;
const graphemes = (): Intl.Segmenter => (segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' }));
const utf8 = new TextEncoder();
const utf8Length = (s: string): number => utf8.encode(s).byteLength;

/** Characters Windows forbids in names; '/' and '\' are also the separators of every OS. */
const FORBIDDEN = /["*/:<>?\\|]/gu;
/** Whitespace-like controls become spaces (so words stay apart) before the other controls are dropped. */
const WHITESPACE_LIKE = /[\t\n\v\f\r\u0085\u2028\u2029\p{Zs}]/gu;
// oxlint-disable-next-line no-control-regex -- removing C0/C1 controls from names is the point
const CONTROLS = /[\u0000-\u001F\u007F-\u009F]/gu;
/**
 * Format (bidi overrides, LRM/RLM/ALM, zero-width), unassigned, private-use and surrogate code points, plus U+FFFD
 * (what an ill-formed string decays to). Inside an emoji only ZWJ and tag characters survive (see `cleanGrapheme`).
 */
const INVISIBLE = /[\p{Cf}\p{Cn}\p{Co}\p{Cs}\uFFFD]/gu;
const INVISIBLE_CHAR = /^[\p{Cf}\p{Cn}\p{Co}\p{Cs}\uFFFD]$/u;
/** What joins an emoji sequence (ZWJ, and the tag characters of subdivision flags); both are format characters. */
const EMOJI_JOINER = /^[\u200D\u{E0020}-\u{E007F}]$/u;
const PICTOGRAPHIC = /\p{Extended_Pictographic}/u;
/** Device names Windows reserves whatever the extension or case ("nul.png", "Com1.tar.gz"). */
const RESERVED = /^(con|prn|aux|nul|conin\$|conout\$|com[0-9¹²³]|lpt[0-9¹²³])$/iu;

const cleanGrapheme = (g: string): string => {
  if (PICTOGRAPHIC.test(g)) return [...g].filter((c) => !INVISIBLE_CHAR.test(c) || EMOJI_JOINER.test(c)).join('');
  return g.replace(INVISIBLE, '');
};

const trimEnds = (s: string): string => s.replace(/^[\s.]+/u, '').replace(/[\s.]+$/u, '');

/** Cuts to at most `maxBytes` of UTF-8 without splitting a grapheme (an emoji, a letter with its accents). */
const cutToBytes = (s: string, maxBytes: number): string => {
  if (utf8Length(s) <= maxBytes) return s;
  let out = '';
  let used = 0;
  for (const { segment } of graphemes().segment(s)) {
    const size = utf8Length(segment);
    if (used + size > maxBytes) break;
    out += segment;
    used += size;
  }
  return out;
};

const isReserved = (stem: string): boolean => RESERVED.test((stem.split('.')[0] ?? '').trimEnd());

/**
 * A name stem (no extension) that every mainstream file system accepts and that cannot name anything but a plain
 * file in the folder it is joined to. Empty results fall back to `fallback` (an image id), itself made safe.
 */
export function safeFileStem(raw: string, fallback: string, maxBytes = MAX_STEM_BYTES): string {
  let s = raw.toWellFormed().normalize('NFC').replace(WHITESPACE_LIKE, ' ').replace(CONTROLS, '').replace(FORBIDDEN, '_');
  s = [...graphemes().segment(s)].map(({ segment }) => cleanGrapheme(segment)).join('');
  s = trimEnds(s.replace(/ {2,}/gu, ' '));
  // Cutting or re-normalising can expose a trailing dot or change the byte count, so repeat until stable.
  for (let i = 0; i < 4; i++) {
    const next = trimEnds(cutToBytes(s, maxBytes).normalize('NFC'));
    if (next === s && utf8Length(s) <= maxBytes) break;
    s = next;
  }
  if (s !== '' && isReserved(s)) s = cutToBytes(`_${s}`, maxBytes);
  if (s === '') return fallback === '' ? 'image' : safeFileStem(fallback, '', maxBytes);
  return s;
}

/** `stem`, `stem (2)`, `stem (3)`…: the counter is kept whole and the stem is cut to make room for it. */
export const stemWithCounter = (stem: string, n: number, maxBytes = MAX_STEM_BYTES): string => {
  if (n <= 1) return stem;
  const suffix = ` (${n})`;
  return `${trimEnds(cutToBytes(stem, maxBytes - utf8Length(suffix)))}${suffix}`;
};

/** A few words of the prompt: letters, digits, marks and emoji kept, everything else a single '-'. */
export const promptSlug = (prompt: string): string => {
  const kept = [...graphemes().segment(prompt.toWellFormed().normalize('NFC'))]
    .map(({ segment }) => (/^[\p{L}\p{N}]/u.test(segment) || PICTOGRAPHIC.test(segment) ? segment : '-'))
    .join('')
    .replace(/-{2,}/gu, '-')
    .replace(/^-|-$/gu, '');
  return [...graphemes().segment(kept)].slice(0, PROMPT_SLUG_GRAPHEMES).map((g) => g.segment).join('').replace(/-$/u, '');
};

export interface NameFields {
  id: string;
  createdAt: number;
  prompt: string;
  model: string;
  width: number;
  height: number;
  seed?: number | null;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** Local time, as the user reads dates on their own machine; '-' instead of ':' which Windows forbids. */
const tokenValue = (token: TemplateToken, f: NameFields): string => {
  const d = new Date(f.createdAt);
  switch (token) {
    case 'date':
      return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
    case 'time':
      return `${pad(d.getHours())}-${pad(d.getMinutes())}-${pad(d.getSeconds())}`;
    case 'prompt':
      return promptSlug(f.prompt);
    case 'seed':
      return f.seed === undefined || f.seed === null ? '' : String(f.seed);
    case 'model':
      return f.model;
    case 'id':
      return f.id;
    case 'w':
      return String(f.width);
    case 'h':
      return String(f.height);
  }
};

type TemplatePart = { literal: string } | { token: TemplateToken };

const isToken = (name: string): name is TemplateToken => (TEMPLATE_TOKENS as readonly string[]).includes(name);

/** Parses once per export; an unknown `{token}` is refused so a typo is reported rather than written literally. */
export function parseTemplate(template: string): TemplatePart[] {
  if (template.length === 0 || template.length > MAX_TEMPLATE_CHARS) {
    throw new AppError('INVALID_INPUT', `A file-name template has between 1 and ${MAX_TEMPLATE_CHARS} characters.`);
  }
  const parts: TemplatePart[] = [];
  for (const piece of template.split(/(\{[^{}]*\})/u)) {
    if (piece === '') continue;
    const name = /^\{([^{}]*)\}$/u.exec(piece)?.[1];
    if (name === undefined) parts.push({ literal: piece });
    else if (isToken(name)) parts.push({ token: name });
    else throw new AppError('INVALID_INPUT', `Unknown file-name field {${name.slice(0, 40)}}. Use ${TEMPLATE_TOKENS.map((t) => `{${t}}`).join(', ')}.`, { token: name.slice(0, 40) });
  }
  return parts;
}

const SEPARATOR = /^[ ._-]$/u;

/**
 * The safe stem for one image. An empty field takes one neighbouring separator with it, so "{date}_{seed}_{prompt}"
 * without a seed reads "2025-01-02_dawn", not "2025-01-02__dawn".
 */
export function renderFileStem(parts: readonly TemplatePart[], fields: NameFields): string {
  const values = parts.map((p) => ('token' in p ? tokenValue(p.token, fields) : p.literal));
  for (let i = 0; i < parts.length; i++) {
    if (!('token' in parts[i]!) || values[i] !== '') continue;
    const before = values[i - 1];
    const after = values[i + 1];
    if (before !== undefined && before !== '' && !('token' in parts[i - 1]!) && SEPARATOR.test(before.at(-1)!)) values[i - 1] = before.slice(0, -1);
    else if (after !== undefined && after !== '' && !('token' in parts[i + 1]!) && SEPARATOR.test(after[0]!)) values[i + 1] = after.slice(1);
  }
  return safeFileStem(values.join(''), fields.id);
}

/** The `{names}` in a template that are not fields: `parseTemplate` refuses them, so the dialog lists them first. */
export const unknownTokens = (template: string): string[] =>
  [...template.matchAll(/\{([^{}]*)\}/gu)].map((m) => m[1] ?? '').filter((name) => !isToken(name));

/** What a name is made from: an image as `images.get` describes it (the export reads the same row). */
export interface NameSource extends Omit<NameFields, 'seed'> {
  format: ImageFormat;
  request: Record<string, unknown>;
  response?: Record<string, unknown> | null;
}

/** Only the first image of a batch reproduces from the request's seed, so only it names one. */
const seedOf = (image: NameSource): number | null => {
  const variant = typeof image.response?.variant === 'number' ? image.response.variant : 0;
  return variant === 0 && typeof image.request.seed === 'number' ? image.request.seed : null;
};

export const nameFieldsOf = (image: NameSource): NameFields => ({
  id: image.id,
  createdAt: image.createdAt,
  prompt: image.prompt,
  model: image.model,
  width: image.width,
  height: image.height,
  seed: seedOf(image),
});

/** The file name an export writes for `image` when nothing in the folder has it yet (a clash adds " (2)"). */
const exportFileName = (parts: readonly TemplatePart[], image: NameSource): string =>
  `${renderFileStem(parts, nameFieldsOf(image))}.${EXTENSIONS[image.format]}`;

/** The export dialog's preview: the name `exportFileName` gives, or null while the template would be refused. */
export const previewFileName = (template: string, image: NameSource): string | null => {
  try {
    return exportFileName(parseTemplate(template), image);
  } catch {
    return null;
  }
};
