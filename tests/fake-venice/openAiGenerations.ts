import type { ServerResponse } from 'node:http';
import { outputDimensions, priceUsd, resolveOpenAiModel, type ModelEntry } from './catalog.ts';
import { parseTriggers, sendFaultyBody, sendTriggeredError } from './failures.ts';
import { sendJson, type HeaderMap } from './http.ts';
import { otherFormat, renderImage } from './images.ts';
import { validateOpenAiBody } from './openAiSchema.ts';
import { detailedErrorBody } from './validation.ts';

/** What an inference route needs from the server around it. */
export interface InferenceContext {
  res: ServerResponse;
  body: unknown;
  /** Ray id, version and rate-limit headers already chosen for this response. */
  headers: HeaderMap;
  /** The fake's port, so `[fail:redirect]` can point at the same server under another origin. */
  port: number;
  /** Account balance; Venice reports it as it was before the request. */
  balance: { usd: number; diem: number };
  /** Waits, resolving false if the client hung up or the fake is closing. */
  sleep(ms: number): Promise<boolean>;
}

const deprecationHeaders = (model: ModelEntry): HeaderMap => {
  const dep = model.model_spec.deprecation;
  if (!dep) return {};
  return {
    'x-venice-deprecated': 'true',
    'x-venice-model-deprecation-date': dep.date,
    'x-venice-model-deprecation-warning': `The model ${model.id} is deprecated and will be removed on ${dep.date.slice(0, 10)}.`,
    ...(dep.replacementModelId ? { 'x-venice-deprecated-replacement': dep.replacementModelId } : {}),
  };
};

const balanceHeaders = (balance: { usd: number; diem: number }): HeaderMap => ({
  'x-venice-balance-usd': balance.usd.toFixed(4),
  'x-venice-balance-diem': balance.diem.toFixed(4),
});

export const handleOpenAiGenerations = async (ctx: InferenceContext): Promise<void> => {
  const { res } = ctx;
  const validation = validateOpenAiBody(ctx.body);
  if (!validation.ok) return sendJson(res, 400, detailedErrorBody(validation.issues), ctx.headers);
  const request = validation.value;
  const triggers = parseTriggers(request.prompt);
  const model = resolveOpenAiModel(request.model);

  if (triggers.slowMs > 0 && !(await ctx.sleep(triggers.slowMs))) return;
  if (triggers.status !== undefined) {
    return sendTriggeredError(res, triggers.status, { model: request.model ?? 'default', headers: ctx.headers });
  }
  if (model.model_spec.offline) {
    return sendJson(res, 503, { error: 'The model is temporarily offline. Please try again later.' }, ctx.headers);
  }
  if (triggers.fault === 'redirect') {
    // Same server, different origin: a client that followed it would show up as a second request here.
    res.writeHead(307, { ...ctx.headers, location: `http://localhost:${ctx.port}/api/v1/images/generations` });
    res.end();
    return;
  }
  if (triggers.fault && sendFaultyBody(res, triggers.fault, ctx.headers)) return;

  const violation = triggers.fault === 'violation';
  const blurred = !violation && request.moderation === 'auto' && /nsfw/i.test(request.prompt);
  const format = triggers.fault === 'wrongformat' ? otherFormat(request.outputFormat) : request.outputFormat;
  const { width, height } = outputDimensions(model, request);
  const bytes = await renderImage({ width, height, format, seedText: request.prompt, blurred, blackout: violation });

  const headers: HeaderMap = {
    ...ctx.headers,
    ...balanceHeaders(ctx.balance),
    ...deprecationHeaders(model),
    'x-venice-is-blurred': String(blurred),
    'x-venice-is-content-violation': String(violation),
  };
  // Content violations are not charged.
  if (!violation) {
    const price = priceUsd(model);
    ctx.balance.usd = Math.max(0, ctx.balance.usd - price);
    ctx.balance.diem = Math.max(0, ctx.balance.diem - price);
  }
  const b64 = bytes.toString('base64');
  const item = request.responseFormat === 'url' ? { url: `data:image/${format};base64,${b64}` } : { b64_json: b64 };
  sendJson(res, 200, { created: Math.floor(Date.now() / 1000), data: [item] }, headers);
};
