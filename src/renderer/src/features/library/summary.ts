import type { ImageDetail, ImageSummary } from '../../../../shared/ipc/schemas/images.ts';

/** The grid keeps summaries only: a detail's request and response would weigh on a 100k-item list. */
export const toSummary = (d: ImageDetail | ImageSummary): ImageSummary => ({
  id: d.id,
  createdAt: d.createdAt,
  prompt: d.prompt,
  model: d.model,
  width: d.width,
  height: d.height,
  format: d.format,
  blurred: d.blurred,
  favorite: d.favorite,
  rating: d.rating,
  trashedAt: d.trashedAt,
  fileMissing: d.fileMissing,
  placeholder: d.placeholder ?? null,
});
