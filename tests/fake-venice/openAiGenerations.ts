import { outputDimensions, priceUsd, resolveOpenAiModel } from './catalog.ts';
import { parseTriggers, sendFaultyBody } from './failures.ts';
import { sendJson } from './http.ts';
import { otherFormat, renderImage } from './images.ts';
import { answeredByTrigger, charge, generatedImageHeaders, sendModelOffline, sendRedirect, type InferenceContext } from './inference.ts';
import { validateOpenAiBody } from './openAiSchema.ts';
import { detailedErrorBody } from './validation.ts';

export const handleOpenAiGenerations = async (ctx: InferenceContext): Promise<void> => {
  const { res } = ctx;
  const validation = validateOpenAiBody(ctx.body);
  if (!validation.ok) return sendJson(res, 400, detailedErrorBody(validation.issues), ctx.headers);
  const request = validation.value;
  const triggers = parseTriggers(request.prompt);
  const model = resolveOpenAiModel(request.model);

  if (await answeredByTrigger(ctx, triggers, request.prompt, request.model ?? 'default')) return;
  if (model.model_spec.offline) return sendModelOffline(ctx);
  if (triggers.fault === 'redirect') return sendRedirect(ctx, '/images/generations');
  if (triggers.fault && sendFaultyBody(res, triggers.fault, ctx.headers)) return;

  const violation = triggers.fault === 'violation';
  const blurred = !violation && request.moderation === 'auto' && /nsfw/i.test(request.prompt);
  const format = triggers.fault === 'wrongformat' ? otherFormat(request.outputFormat) : request.outputFormat;
  const { width, height } = outputDimensions(model, request);
  const bytes = await renderImage({ width, height, format, seedText: request.prompt, blurred, blackout: violation });

  const headers = generatedImageHeaders(ctx, model, { blurred, violation });
  // Content violations are not charged.
  if (!violation) charge(ctx.balance, priceUsd(model));
  const b64 = bytes.toString('base64');
  const item = request.responseFormat === 'url' ? { url: `data:image/${format};base64,${b64}` } : { b64_json: b64 };
  // `[fail:wrongcount]`: Venice's OpenAI route only ever sends one image; two break that promise.
  const data = triggers.fault === 'wrongcount' ? [item, item] : [item];
  sendJson(res, 200, { created: Math.floor(Date.now() / 1000), data }, headers);
};
