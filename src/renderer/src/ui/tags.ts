import { cutUnits } from '../lib/text.ts';

/** Splits "a, b" into tags as the contract takes them: trimmed, 1–64 characters, no repeats, at most 20 at once. */
export const parseTags = (text: string): string[] =>
  [...new Set(text.split(',').map((s) => cutUnits(s.trim(), 64).trim()).filter((s) => s !== ''))].slice(0, 20);
