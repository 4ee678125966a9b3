/*
 * A preview of the export file name, as the user types a template. Main's fileNames.ts is the authority (it also
 * makes names safe for every OS and avoids collisions); it cannot be imported here because it needs Node's Buffer
 * and zod-backed errors, so this mirrors its tokens and its basic rules closely enough to preview.
 */
export const DEFAULT_TEMPLATE = '{date}_{time}_{prompt}';
export const TEMPLATE_TOKENS = ['date', 'time', 'prompt', 'seed', 'model', 'id', 'w', 'h'] as const;
export type TemplateToken = (typeof TEMPLATE_TOKENS)[number];
export const MAX_TEMPLATE_CHARS = 200;

export interface PreviewFields {
  id: string;
  createdAt: number;
  prompt: string;
  model: string;
  width: number;
  height: number;
  seed: number | null;
  format: 'png' | 'jpeg' | 'webp';
}

const EXTENSIONS = { png: 'png', jpeg: 'jpg', webp: 'webp' } as const;
const pad = (n: number) => String(n).padStart(2, '0');

const slug = (prompt: string): string =>
  [...prompt.normalize('NFC')]
    .map((c) => (/^[\p{L}\p{N}]/u.test(c) ? c : '-'))
    .join('')
    .replace(/-{2,}/gu, '-')
    .replace(/^-|-$/gu, '')
    .slice(0, 60)
    .replace(/-$/u, '');

const value = (token: TemplateToken, f: PreviewFields): string => {
  const d = new Date(f.createdAt);
  switch (token) {
    case 'date':
      return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
    case 'time':
      return `${pad(d.getHours())}-${pad(d.getMinutes())}-${pad(d.getSeconds())}`;
    case 'prompt':
      return slug(f.prompt);
    case 'seed':
      return f.seed === null ? '' : String(f.seed);
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

const isToken = (s: string): s is TemplateToken => (TEMPLATE_TOKENS as readonly string[]).includes(s);

/** The `{names}` in a template that are not fields: main would refuse them, so the dialog says so first. */
export const unknownTokens = (template: string): string[] =>
  [...template.matchAll(/\{([^{}]*)\}/gu)].map((m) => m[1] ?? '').filter((name) => !isToken(name));

const SEPARATOR = /^[ ._-]$/u;

/** Like main's renderFileStem: an empty field takes one neighbouring separator with it ("{date}_{seed}_x" → "date_x"). */
export const previewFileName = (template: string, f: PreviewFields): string => {
  const parts = template.split(/(\{[^{}]*\})/u).filter((p) => p !== '');
  const tokenAt = parts.map((p) => {
    const name = /^\{([^{}]*)\}$/u.exec(p)?.[1];
    return name !== undefined && isToken(name) ? name : null;
  });
  const values = parts.map((p, i) => {
    const token = tokenAt[i];
    return token ? value(token, f) : p;
  });
  for (let i = 0; i < parts.length; i++) {
    if (!tokenAt[i] || values[i] !== '') continue;
    const before = values[i - 1];
    const after = values[i + 1];
    if (before && !tokenAt[i - 1] && SEPARATOR.test(before.at(-1) ?? '')) values[i - 1] = before.slice(0, -1);
    else if (after && !tokenAt[i + 1] && SEPARATOR.test(after[0] ?? '')) values[i + 1] = after.slice(1);
  }
  const safe = values
    .join('')
    .replace(/["*/:<>?\\|]/gu, '_')
    .replace(/\s+/gu, ' ')
    .replace(/^[\s.]+|[\s.]+$/gu, '');
  return `${safe === '' ? f.id : safe}.${EXTENSIONS[f.format]}`;
};
