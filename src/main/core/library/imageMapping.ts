import type { ImageDetail, ImageSummary } from '../../../shared/ipc/schemas/images.ts';
import type { ImageRecord, ImageSummaryRow } from './imageQueries.ts';
import { placeholderText } from './placeholders/placeholder.ts';

/** Rows to the contract's shapes: 0/1 flags become booleans, JSON columns become objects. */
export const toSummary = (row: ImageSummaryRow): ImageSummary => ({
  id: row.id,
  createdAt: row.createdAt,
  prompt: row.prompt,
  model: row.model,
  width: row.width,
  height: row.height,
  format: row.format,
  blurred: row.blurred === 1,
  favorite: row.favorite === 1,
  rating: row.rating,
  trashedAt: row.trashedAt,
  fileMissing: row.fileMissing === 1,
  placeholder: placeholderText(row.placeholder),
});

export const toDetail = (row: ImageRecord, tags: string[], collections: Array<{ id: string; name: string }>): ImageDetail => ({
  ...toSummary(row),
  endpoint: row.endpoint,
  request: JSON.parse(row.requestJson) as Record<string, unknown>,
  byteSize: row.byteSize,
  sha256: row.sha256,
  response: JSON.parse(row.responseJson) as Record<string, unknown>,
  jobId: row.jobId,
  priceUsd: row.priceUsd,
  tags,
  collections,
});
