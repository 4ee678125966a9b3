/**
 * The AUTOMATIC1111 "parameters" text: the prompt, an optional "Negative prompt:" block, and a last line of
 * "Key: value" pairs. It is what A1111's PNG Info, Forge, Infinite Image Browsing, Diffusion Toolkit and Image
 * MetaHub read, so the writer follows A1111's own quoting and the reader follows its parse_generation_parameters.
 */

import { scanA1111Pairs } from './a1111Pairs.ts';

export interface A1111Fields {
  prompt: string;
  negativePrompt?: string;
  steps?: number;
  sampler?: string;
  cfgScale?: number;
  seed?: number;
  width: number;
  height: number;
  model?: string;
  /** Extra pairs appended in order (e.g. a Venice style preset). */
  extra?: ReadonlyArray<readonly [string, string]>;
}

export interface A1111Parameters {
  prompt: string;
  negativePrompt: string;
  /** Every "Key: value" pair of the last line, values unquoted. */
  params: Record<string, string>;
}

/** A1111's `quote`: a value with a comma, colon or newline goes out as a JSON string. */
const quote = (value: string): string => (/[,:\n]/u.test(value) ? JSON.stringify(value) : value);

export function buildA1111Parameters(f: A1111Fields): string {
  const pairs: Array<[string, string]> = [];
  if (f.steps !== undefined) pairs.push(['Steps', String(f.steps)]);
  if (f.sampler) pairs.push(['Sampler', f.sampler]);
  if (f.cfgScale !== undefined) pairs.push(['CFG scale', String(f.cfgScale)]);
  if (f.seed !== undefined) pairs.push(['Seed', String(f.seed)]);
  pairs.push(['Size', `${f.width}x${f.height}`]);
  if (f.model) pairs.push(['Model', f.model]);
  for (const [key, value] of f.extra ?? []) pairs.push([key, value]);
  const lines = [f.prompt];
  if (f.negativePrompt) lines.push(`Negative prompt: ${f.negativePrompt}`);
  lines.push(pairs.map(([key, value]) => `${key}: ${quote(value)}`).join(', '));
  return lines.join('\n');
}

const unquote = (value: string): string => {
  if (!value.startsWith('"') || !value.endsWith('"')) return value;
  try {
    const parsed: unknown = JSON.parse(value);
    return typeof parsed === 'string' ? parsed : value;
  } catch {
    return value;
  }
};

export function parseA1111Parameters(text: string): A1111Parameters {
  const lines = text.trim().split('\n');
  const last = lines.pop() ?? '';
  let pairs = scanA1111Pairs(last);
  // Fewer than three pairs means the last line is still prompt text, exactly as A1111 decides.
  if (pairs.length < 3) {
    lines.push(last);
    pairs = [];
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
  for (const { key, value } of pairs) params[key.trim()] = unquote(value.trim());
  return { prompt, negativePrompt, params };
}

const finite = (v: string | undefined, parse: (s: string) => number): number | undefined => {
  if (v === undefined) return undefined;
  const n = parse(v);
  return Number.isFinite(n) ? n : undefined;
};

/** The settings Lagoon can reuse, in Venice's native request vocabulary. */
export function a1111Settings(p: A1111Parameters): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const steps = finite(p.params.Steps, (s) => Number.parseInt(s, 10));
  if (steps !== undefined) out.steps = steps;
  const cfg = finite(p.params['CFG scale'], Number.parseFloat);
  if (cfg !== undefined) out.cfg_scale = cfg;
  const seed = finite(p.params.Seed, (s) => Number.parseInt(s, 10));
  if (seed !== undefined) out.seed = seed;
  const size = /^(\d+)x(\d+)$/u.exec(p.params.Size ?? '');
  if (size) {
    out.width = Number(size[1]);
    out.height = Number(size[2]);
  }
  if (p.params.Sampler) out.sampler = p.params.Sampler;
  if (p.params.Model) out.model = p.params.Model;
  return out;
}
