import type { JobRequest } from '../../../../shared/ipc/schemas/jobs.ts';

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
