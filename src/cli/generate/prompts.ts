import { readFile } from 'node:fs/promises';
import { AppError } from '../../shared/errors.ts';
import { zAdvancedJobRequest } from '../../shared/ipc/schemas/jobs.ts';
import { NATIVE_LIMITS, zPrompt } from '../../shared/venice.ts';
import type { GenerateOptions, PromptSource } from '../generateArgs.ts';
import { readAllStdin, STDIN } from '../stdinInput.ts';

export interface PromptLine {
  prompt: string;
  /** 1-based line in --prompts-file; undefined for --prompt. */
  line?: number;
}

const readPromptsFile = async (path: string, stdin: NodeJS.ReadableStream): Promise<PromptLine[]> => {
  let text: string;
  try {
    text = path === STDIN ? await readAllStdin(stdin) : await readFile(path, 'utf8');
  } catch (error) {
    const reason = (error as { code?: unknown }).code;
    throw new AppError('INVALID_INPUT', `The prompts file "${path}" could not be read${typeof reason === 'string' ? ` (${reason})` : ''}. Nothing was sent.`);
  }
  // One prompt a line; blank lines are spacing, not prompts, and keep their numbers out of the way.
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .map((raw, index) => ({ prompt: raw.trim(), line: index + 1 }))
    .filter((entry) => entry.prompt.length > 0);
  if (lines.length === 0) throw new AppError('INVALID_INPUT', `The prompts file "${path}" holds no prompts (one prompt a line). Nothing was sent.`);
  return lines;
};

/** `--prompts-file -` reads the prompts from standard input. */
export const readPrompts = async (source: PromptSource, stdin: NodeJS.ReadableStream): Promise<PromptLine[]> =>
  source.kind === 'inline' ? [{ prompt: source.prompt }] : readPromptsFile(source.path, stdin);

/**
 * What is wrong with a prompt on its route before any model is known: the OpenAI route's fixed 1500-character cap,
 * the native route's schema bound. The model's own limit is checked later, against the catalogue.
 */
export const promptProblem = (prompt: string, route: GenerateOptions['route']): string | null => {
  if (route === 'openai') {
    const parsed = zPrompt.safeParse(prompt);
    return parsed.success ? null : (parsed.error.issues[0]?.message ?? 'Prompt is invalid');
  }
  if (prompt.trim() === '') return 'Prompt is empty';
  if (!zAdvancedJobRequest.shape.prompt.safeParse(prompt).success) {
    return prompt.isWellFormed() ? `Prompt is longer than ${NATIVE_LIMITS.promptMaxChars} characters` : 'Prompt contains an unpaired surrogate';
  }
  return null;
};
