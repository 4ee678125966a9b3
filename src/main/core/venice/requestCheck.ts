import type { z } from 'zod';
import { AppError } from '../../../shared/errors.ts';

/** Checks a body against Venice's closed schema before anything is sent; the first issue is named in the message. */
export const checkedRequest = <T>(schema: z.ZodType<T>, request: unknown): T => {
  const result = schema.safeParse(request);
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => ({ path: i.path.map(String), message: i.message }));
  const first = issues[0];
  const where = first && first.path.length > 0 ? `${first.path.join('.')}: ` : '';
  throw new AppError('INVALID_INPUT', `The image request is not valid — ${where}${first?.message ?? 'unknown problem'}. Nothing was sent.`, {
    issues,
  });
};

/** `x-venice-enhanced-prompt` is URL-encoded; a value that does not decode is kept as sent. */
export const enhancedPromptOf = (headers: Headers): string | null => {
  const raw = headers.get('x-venice-enhanced-prompt');
  if (raw === null) return null;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
};
