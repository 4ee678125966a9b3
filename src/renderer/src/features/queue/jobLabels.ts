import type { JobRequest } from '../../../../shared/ipc/schemas/jobs.ts';
import { cutUnits } from '../../lib/text.ts';

/**
 * The size and format a job asked for, as its queue row shows them ("1024×1024 · PNG", "16:9 2K · WEBP"), or null
 * for job kinds whose output follows their input image. `auto` is left to the caller to translate.
 */
export const sizeAndFormat = (request: JobRequest): { size: string | 'auto' | null; format: string } | null => {
  if (request.endpoint === 'openai') {
    return { size: request.size === 'auto' ? 'auto' : request.size.replace('x', '×'), format: request.outputFormat.toUpperCase() };
  }
  if (request.endpoint === 'native') {
    const size =
      request.width !== undefined && request.height !== undefined
        ? `${request.width}×${request.height}`
        : [request.aspectRatio, request.resolution].filter(Boolean).join(' ') || null;
    return { size, format: request.format.toUpperCase() };
  }
  return null;
};

/** Characters of the prompt that name a job to a screen reader ("Retry “a red fox in snow”"), whole words kept. */
const NAME_LENGTH = 60;

/**
 * A job's prompt as its buttons' names carry it, so a list of six jobs does not read as six "Retry": short prompts
 * whole, long ones cut at a word before 60 characters with an ellipsis, line breaks as spaces.
 */
export const jobName = (prompt: string): string => {
  const flat = prompt.replace(/\s+/g, ' ').trim();
  if (flat.length <= NAME_LENGTH) return flat;
  const cut = cutUnits(flat, NAME_LENGTH);
  const space = cut.lastIndexOf(' ');
  return `${space > NAME_LENGTH / 2 ? cut.slice(0, space) : cut}…`;
};
