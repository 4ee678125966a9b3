import type { ModelEntry } from './catalog.ts';
import { validateClosedObject, type Issue } from './validation.ts';

/**
 * `style_references` on `/image/generate` (API notes §2.1): only for models whose spec says
 * `supportsStyleReferences`, at most `constraints.maxStyleReferences` items, each a closed
 * `{image, strength?}` with strength 0.1–1 and an image (base64, data URI or http(s) URL) under 8 MB.
 */
const MAX_REFERENCE_BYTES = 8 * 1024 * 1024;
const ITEM_RULES = { image: { kind: 'string', required: true }, strength: { kind: 'number', min: 0.1, max: 1 } } as const;

const isImageMagic = (b: Buffer): boolean =>
  (b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) ||
  (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) ||
  (b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP');

const imageIssue = (image: string, path: Array<string | number>): Issue | null => {
  if (/^https?:\/\//i.test(image)) return null;
  const bytes = Buffer.from(image.replace(/^data:image\/[a-z+.-]+;base64,/i, ''), 'base64');
  if (bytes.length >= MAX_REFERENCE_BYTES) return { code: 'custom', path, message: 'Reference image must be smaller than 8 MB' };
  return isImageMagic(bytes) ? null : { code: 'custom', path, message: 'CORRUPTED_IMAGE: the reference image is not a PNG, JPEG or WebP image' };
};

export const styleReferenceIssues = (refs: unknown[], model: ModelEntry): Issue[] => {
  if (model.model_spec.supportsStyleReferences !== true) {
    return [{ code: 'custom', path: ['style_references'], message: `The model ${model.id} does not support style references` }];
  }
  const max = model.model_spec.constraints.maxStyleReferences ?? 1;
  const issues: Issue[] = [];
  if (refs.length > max) {
    issues.push({ code: 'too_big', maximum: max, type: 'array', inclusive: true, exact: false, path: ['style_references'], message: `Array must contain at most ${max} element(s)` });
  }
  refs.forEach((item, i) => {
    const own = validateClosedObject(item, ITEM_RULES).map((issue) => ({ ...issue, path: ['style_references', i, ...issue.path] }));
    issues.push(...own);
    const image = (item as { image?: unknown } | null)?.image;
    const bad = own.length === 0 && typeof image === 'string' ? imageIssue(image, ['style_references', i, 'image']) : null;
    if (bad) issues.push(bad);
  });
  return issues;
};
