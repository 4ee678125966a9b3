import type { ImageDetail } from '../../../../shared/ipc/schemas/images.ts';

/** Where an image stands in the batch that made it (one request with `variants` > 1). */
export interface VariantInfo {
  /** 1-based, as the viewer says it: "variant 3 of 4". */
  number: number;
  of: number;
  /**
   * Venice applies a request's seed to the first variant only (API notes §2.1), so only that one can be made again
   * on its own (the same request with one variant); the others need the whole batch, and even then come out anew.
   */
  reproducibleAlone: boolean;
}

/** Read from what was recorded with the image (`variant`, `variants` in its response); null for a single image. */
export const variantInfo = (image: Pick<ImageDetail, 'request' | 'response'>): VariantInfo | null => {
  const { variant, variants } = image.response;
  if (typeof variant !== 'number' || typeof variants !== 'number' || variants < 2) return null;
  return { number: variant + 1, of: variants, reproducibleAlone: variant === 0 && typeof image.request.seed === 'number' };
};

/** The image as "Reuse this image" hands it to the form: its batch's request, asking for one image. */
export const asSingleImage = (image: ImageDetail): ImageDetail => ({ ...image, request: { ...image.request, variants: 1 } });

/**
 * An imported file with no prompt in its metadata gets its file name as its text (so search finds it); the viewer
 * then says "File name", not "Prompt", since nobody wrote it as one.
 */
export const titledByFileName = (image: Pick<ImageDetail, 'endpoint' | 'prompt' | 'response'>): boolean => {
  if (image.endpoint !== 'import') return false;
  const imported = image.response.imported as { source?: unknown; fileName?: unknown } | undefined;
  if (imported?.source !== 'file' || typeof imported.fileName !== 'string') return false;
  return image.prompt === imported.fileName.replace(/\.[^.]*$/u, '').normalize('NFC').trim();
};
