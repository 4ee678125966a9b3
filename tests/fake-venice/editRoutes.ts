import sharp from 'sharp';
import { sizeForRatio } from './catalog.ts';
import { BACKGROUND_REMOVAL_USD, upscalePriceUsd, type EditModelEntry } from './editCatalog.ts';
import { renderCombine, renderCutout, renderEdit, renderOpaque, renderUpscale } from './editImages.ts';
import { readInputImage, type InputImage } from './editInputs.ts';
import {
  BACKGROUND_RULES,
  checkClosed,
  coerceFormFields,
  EDIT_RULES,
  editOptions,
  isRefusal,
  MULTI_EDIT_RULES,
  UPSCALE_RULES,
  upscaleOptions,
  type EditOptions,
  type Refusal,
} from './editSchema.ts';
import { parseTriggers, sendContentViolation, sendFaultyBody, type Triggers } from './failures.ts';
import { sendJson, sendRaw, type HeaderMap } from './http.ts';
import { otherFormat } from './images.ts';
import { answeredByTrigger, balanceHeaders, charge, deprecationHeaders, enhancedPrompt, sendModelOffline, sendRedirect, type InferenceContext } from './inference.ts';
import type { OutputFormat } from './openAiSchema.ts';
import type { Rules } from './validation.ts';

/**
 * The edit family: `/image/edit`, `/image/multi-edit`, `/image/upscale`, `/image/background-remove`. Each answers
 * with raw image bytes (never JSON) and Venice's headers; a content refusal is a 422. Order as on Venice: schema,
 * model, input images, then (for the fake) the triggers, then the work.
 */
type Raw = Record<string, unknown>;

/** Venice caps an upscale's result at this many pixels, lowering the factor for large inputs. */
const MAX_UPSCALE_PIXELS = 16_777_216;

const refuse = (ctx: InferenceContext, r: Refusal): void => sendJson(ctx.res, r.status, r.body, ctx.headers);

const bodyOf = (ctx: InferenceContext, rules: Rules): Raw => coerceFormFields(ctx.body as Raw, rules);

const readAll = async (values: unknown[], field: string): Promise<InputImage[] | Refusal> => {
  const images: InputImage[] = [];
  for (const [i, value] of values.entries()) {
    const read = await readInputImage(value, values.length > 1 || field === 'images' ? `${field}[${i}]` : field);
    if (!read.ok) return { ok: false, status: read.status, body: read.body };
    images.push(read.image);
  }
  return images;
};

/**
 * The triggers shared by every route of the family, after the request passed its checks. Returns true when the
 * request has been answered.
 */
const answeredByFault = async (ctx: InferenceContext, triggers: Triggers, key: string, model: string, path: string): Promise<boolean> => {
  if (await answeredByTrigger(ctx, triggers, key, model)) return true;
  if (triggers.fault === 'redirect') {
    sendRedirect(ctx, path);
    return true;
  }
  if (triggers.fault === 'violation') {
    sendContentViolation(ctx.res, ctx.headers);
    return true;
  }
  if (triggers.fault === 'empty') {
    sendRaw(ctx.res, 200, 'image/png', Buffer.alloc(0), ctx.headers);
    return true;
  }
  return triggers.fault === 'html200' || triggers.fault === 'reset' ? sendFaultyBody(ctx.res, triggers.fault, ctx.headers) : false;
};

const modelHeaders = (model: EditModelEntry): HeaderMap => ({
  'x-venice-model-id': model.id,
  'x-venice-model-name': model.model_spec.name,
  ...deprecationHeaders(model),
});

const successHeaders = (ctx: InferenceContext, extra: HeaderMap): HeaderMap => ({
  ...ctx.headers,
  ...balanceHeaders(ctx.balance),
  'x-venice-is-content-violation': 'false',
  ...extra,
});

/** `auto` keeps the input's own ratio; any other ratio is rendered at about a megapixel per tier. */
const editSize = (input: InputImage, opts: EditOptions, triggers: Triggers): { width: number; height: number } => {
  const [w, h] = opts.aspectRatio === 'auto' ? [input.width, input.height] : opts.aspectRatio.split(':').map(Number);
  const size = sizeForRatio(w || 1, h || 1, opts.resolution);
  // `[fail:wrongsize]`: a result whose shape has nothing to do with what was asked.
  return triggers.fault === 'wrongsize' ? { width: size.width, height: Math.max(64, Math.round(size.height / 3)) } : size;
};

const sendEdited = async (ctx: InferenceContext, inputs: InputImage[], opts: EditOptions, triggers: Triggers): Promise<void> => {
  if (opts.model.model_spec.offline) return sendModelOffline(ctx);
  const [base] = inputs;
  if (!base) return sendJson(ctx.res, 400, { error: 'images: at least one image is required' }, ctx.headers);
  const format: OutputFormat = triggers.fault === 'wrongformat' ? otherFormat(opts.format) : opts.format;
  const size = editSize(base, opts, triggers);
  const bytes = inputs.length === 1 ? await renderEdit(base, size, format, opts.prompt) : await renderCombine(inputs, size, format, opts.prompt);
  const enhanced: HeaderMap = opts.enhancePrompt ? { 'x-venice-enhanced-prompt': encodeURIComponent(enhancedPrompt(opts.prompt)) } : {};
  const headers = successHeaders(ctx, { ...modelHeaders(opts.model), ...enhanced });
  charge(ctx.balance, opts.model.model_spec.pricing.inpaint?.usd ?? 0);
  sendRaw(ctx.res, 200, `image/${format}`, bytes, headers);
};

export const handleEdit = async (ctx: InferenceContext): Promise<void> => {
  const b = bodyOf(ctx, EDIT_RULES);
  const closed = checkClosed(b, EDIT_RULES, ['image']);
  if (closed) return refuse(ctx, closed);
  // `modelId` is the deprecated alias of `model` on this route.
  const opts = editOptions(b, (b.model ?? b.modelId) as string | undefined, null);
  if (isRefusal(opts)) return refuse(ctx, opts);
  const inputs = await readAll([b.image], 'image');
  if (isRefusal(inputs)) return refuse(ctx, inputs);
  const triggers = parseTriggers(`${opts.prompt} ${ctx.scripted}`);
  if (await answeredByFault(ctx, triggers, opts.prompt, opts.model.id, '/image/edit')) return;
  return sendEdited(ctx, inputs, opts, triggers);
};

export const handleMultiEdit = async (ctx: InferenceContext): Promise<void> => {
  const b = bodyOf(ctx, MULTI_EDIT_RULES);
  const closed = checkClosed(b, MULTI_EDIT_RULES, ['images']);
  if (closed) return refuse(ctx, closed);
  const list = Array.isArray(b.images) ? (b.images as unknown[]) : [b.images];
  if (list.length === 0) return refuse(ctx, { ok: false, status: 400, body: { error: 'images: at least one image is required' } });
  const opts = editOptions(b, b.modelId as string | undefined, list.length);
  if (isRefusal(opts)) return refuse(ctx, opts);
  const inputs = await readAll(list, 'images');
  if (isRefusal(inputs)) return refuse(ctx, inputs);
  const triggers = parseTriggers(`${opts.prompt} ${ctx.scripted}`);
  if (await answeredByFault(ctx, triggers, opts.prompt, opts.model.id, '/image/multi-edit')) return;
  return sendEdited(ctx, inputs, opts, triggers);
};

/** The result Venice makes: `scale`× each edge, or the largest factor that stays within MAX_UPSCALE_PIXELS. */
const upscaledSize = (width: number, height: number, scale: number): { width: number; height: number } => {
  const factor = Math.min(scale, Math.sqrt(MAX_UPSCALE_PIXELS / (width * height)));
  return { width: Math.floor(width * factor), height: Math.floor(height * factor) };
};

export const handleUpscale = async (ctx: InferenceContext): Promise<void> => {
  const b = bodyOf(ctx, UPSCALE_RULES);
  const closed = checkClosed(b, UPSCALE_RULES, ['image']);
  if (closed) return refuse(ctx, closed);
  const opts = upscaleOptions(b);
  if (isRefusal(opts)) return refuse(ctx, opts);
  const inputs = await readAll([b.image], 'image');
  if (isRefusal(inputs)) return refuse(ctx, inputs);
  const [input] = inputs as [InputImage];
  const size = upscaledSize(input.width, input.height, opts.scale);
  if (size.width <= input.width) return sendJson(ctx.res, 422, { error: 'The image is too large to upscale.', code: 'IMAGE_TOO_LARGE' }, ctx.headers);
  const triggers = parseTriggers(ctx.scripted);
  if (await answeredByFault(ctx, triggers, `upscale ${ctx.scripted}`, 'upscaler', '/image/upscale')) return;
  // `[fail:nogrow]`: an "upscale" at the input's own size; `[fail:wrongformat]`: a JPEG instead of the PNG.
  const target = triggers.fault === 'nogrow' ? { width: input.width, height: input.height } : size;
  let bytes = await renderUpscale(input, target);
  if (triggers.fault === 'wrongformat') bytes = await sharp(bytes).jpeg().toBuffer();
  const headers = successHeaders(ctx, { 'x-venice-model-id': 'upscaler', 'x-venice-model-name': 'Upscaler' });
  charge(ctx.balance, upscalePriceUsd(opts.scale));
  sendRaw(ctx.res, 200, 'image/png', bytes, headers);
};

export const handleBackgroundRemove = async (ctx: InferenceContext): Promise<void> => {
  const b = bodyOf(ctx, BACKGROUND_RULES);
  const hasImage = b.image !== undefined;
  if (hasImage === (b.image_url !== undefined)) {
    return refuse(ctx, { ok: false, status: 400, body: { error: 'Provide exactly one of image or image_url' } });
  }
  const closed = checkClosed(b, BACKGROUND_RULES, ['image'], false);
  if (closed) return refuse(ctx, closed);
  const inputs = await readAll([b.image ?? b.image_url], 'image');
  if (isRefusal(inputs)) return refuse(ctx, inputs);
  const [input] = inputs as [InputImage];
  const triggers = parseTriggers(ctx.scripted);
  if (await answeredByFault(ctx, triggers, `background ${ctx.scripted}`, 'bria-bg-remover', '/image/background-remove')) return;
  const bytes = triggers.fault === 'noalpha' ? await renderOpaque(input) : await renderCutout(input);
  const headers = successHeaders(ctx, { 'x-venice-model-id': 'bria-bg-remover', 'x-venice-model-name': 'Bria Background Remover' });
  charge(ctx.balance, BACKGROUND_REMOVAL_USD);
  sendRaw(ctx.res, 200, 'image/png', bytes, headers);
};
