import type { ServerResponse } from 'node:http';
import type { ModelEntry } from './catalog.ts';
import { sendRateLimitReset, sendTriggeredError, type Triggers } from './failures.ts';
import { type HeaderMap, sendJson } from './http.ts';

/** What an inference route needs from the server around it, and what both generation routes share. */
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
  /** How many requests with exactly this prompt reached a generation route so far, this one included. */
  countPrompt(prompt: string): number;
  /** Triggers queued for this route with `failNext` (the only way to provoke failures on prompt-less routes). */
  scripted: string;
}

/** Trivial stand-in for Venice's prompt enhancer, so clients can read `x-venice-enhanced-prompt`. */
export const enhancedPrompt = (prompt: string): string => `${prompt}, highly detailed, dramatic lighting`;

/** Any catalogue entry: image, edit or upscale model. */
export const deprecationHeaders = (model: Pick<ModelEntry, 'id'> & { model_spec: Pick<ModelEntry['model_spec'], 'deprecation'> }): HeaderMap => {
  const dep = model.model_spec.deprecation;
  if (!dep) return {};
  return {
    'x-venice-deprecated': 'true',
    'x-venice-model-deprecation-date': dep.date,
    'x-venice-model-deprecation-warning': `The model ${model.id} is deprecated and will be removed on ${dep.date.slice(0, 10)}.`,
    ...(dep.replacementModelId ? { 'x-venice-deprecated-replacement': dep.replacementModelId } : {}),
  };
};

export const balanceHeaders = (balance: { usd: number; diem: number }): HeaderMap => ({
  'x-venice-balance-usd': balance.usd.toFixed(4),
  'x-venice-balance-diem': balance.diem.toFixed(4),
});

/** What a generation's image answer carries on both routes: the balance before the charge, the model's deprecation and the two moderation flags. */
export const generatedImageHeaders = (ctx: InferenceContext, model: ModelEntry, flags: { blurred: boolean; violation: boolean }): HeaderMap => ({
  ...ctx.headers,
  ...balanceHeaders(ctx.balance),
  ...deprecationHeaders(model),
  'x-venice-is-blurred': String(flags.blurred),
  'x-venice-is-content-violation': String(flags.violation),
});

/** Venice's answer on every inference route for a model its catalogue lists as offline. */
export const sendModelOffline = (ctx: InferenceContext): void =>
  sendJson(ctx.res, 503, { error: 'The model is temporarily offline. Please try again later.' }, ctx.headers);

export const charge = (balance: { usd: number; diem: number }, usd: number): void => {
  balance.usd = Math.max(0, balance.usd - usd);
  balance.diem = Math.max(0, balance.diem - usd);
};

/**
 * The triggers that replace the answer with an error, after `[fail:slow:MS]` has waited. Returns true when the
 * request has been answered (or the client left), false when the route should go on.
 */
export const answeredByTrigger = async (ctx: InferenceContext, triggers: Triggers, prompt: string, model: string): Promise<boolean> => {
  if (triggers.slowMs > 0 && !(await ctx.sleep(triggers.slowMs))) return true;
  if (triggers.status !== undefined) {
    sendTriggeredError(ctx.res, triggers.status, { model, headers: ctx.headers });
    return true;
  }
  if (triggers.rateLimitReset) {
    sendRateLimitReset(ctx.res, ctx.headers);
    return true;
  }
  if (triggers.failFirst && ctx.countPrompt(prompt) <= triggers.failFirst.times) {
    sendTriggeredError(ctx.res, triggers.failFirst.status, { model, headers: ctx.headers });
    return true;
  }
  return false;
};

/** `[fail:redirect]`: same server, different origin; a client that followed it would show up as a second request. */
export const sendRedirect = (ctx: InferenceContext, path: string): void => {
  ctx.res.writeHead(307, { ...ctx.headers, location: `http://localhost:${ctx.port}/api/v1${path}` });
  ctx.res.end();
};
