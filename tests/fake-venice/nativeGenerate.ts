import { randomBytes } from 'node:crypto';
import { outputDimensions, priceUsd } from './catalog.ts';
import { parseTriggers, sendFaultyBody } from './failures.ts';
import { sendJson, sendRaw, type HeaderMap } from './http.ts';
import { otherFormat, renderImage } from './images.ts';
import { answeredByTrigger, charge, enhancedPrompt, generatedImageHeaders, sendModelOffline, sendRedirect, type InferenceContext } from './inference.ts';
import { checkNativeRequest, type NativeBody } from './nativeSchema.ts';

/**
 * `POST /image/generate`, Venice's native route: `{id, images: [base64 × variants], timing, request}` in JSON
 * mode, or the first image's raw bytes with `return_binary`. Magic prompts work as on the OpenAI route.
 */

/** Each variant is a different picture; only the first follows the seed, as on Venice. */
const seedTextFor = (req: NativeBody, variant: number): string =>
  `${req.prompt}${req.seed === undefined ? '' : `\u0000seed ${req.seed}`}${variant === 0 ? '' : `\u0000variant ${variant}`}`;

const elapsedMs = (from: number, to: number): number => Math.max(0, Math.round(to - from));

export const handleNativeGenerate = async (ctx: InferenceContext): Promise<void> => {
  const started = performance.now();
  const { res } = ctx;
  const check = checkNativeRequest(ctx.body);
  if (!check.ok) return sendJson(res, check.status, check.body, ctx.headers);
  const req = check.value;
  const { model } = req;
  const triggers = parseTriggers(req.prompt);

  if (await answeredByTrigger(ctx, triggers, req.prompt, model.id)) return;
  if (model.model_spec.offline) return sendModelOffline(ctx);
  if (triggers.fault === 'redirect') return sendRedirect(ctx, '/image/generate');
  if (triggers.fault && sendFaultyBody(res, triggers.fault, ctx.headers, 'native')) return;

  const queued = performance.now();
  const violation = triggers.fault === 'violation';
  const blurred = !violation && req.safeMode && /nsfw/i.test(req.prompt);
  const format = triggers.fault === 'wrongformat' ? otherFormat(req.format) : req.format;
  const { width, height } = outputDimensions(model, req, req);
  // `[fail:wrongcount]`: one image more than the variants asked for.
  const count = req.variants + (triggers.fault === 'wrongcount' ? 1 : 0);
  const images = await Promise.all(
    Array.from({ length: count }, (_, i) => renderImage({ width, height, format, seedText: seedTextFor(req, i), blurred, blackout: violation })),
  );
  const done = performance.now();

  const headers: HeaderMap = {
    ...generatedImageHeaders(ctx, model, { blurred, violation }),
    ...(req.enhancePrompt ? { 'x-venice-enhanced-prompt': encodeURIComponent(enhancedPrompt(req.prompt)) } : {}),
  };
  // Every variant is billed as an image; content violations are not billed at all.
  if (!violation) charge(ctx.balance, priceUsd(model, req) * req.variants);
  if (req.returnBinary) return sendRaw(res, 200, `image/${format}`, images[0] ?? Buffer.alloc(0), headers);
  sendJson(
    res,
    200,
    {
      id: `generate-image-${randomBytes(6).toString('hex')}`,
      images: images.map((bytes) => bytes.toString('base64')),
      timing: {
        inferenceDuration: elapsedMs(queued, done),
        inferencePreprocessingTime: 0,
        inferenceQueueTime: elapsedMs(started, queued),
        total: elapsedMs(started, performance.now()),
      },
      request: { success: true, data: req.echo },
    },
    headers,
  );
};
