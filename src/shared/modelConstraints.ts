import type { JobRequest } from './ipc/schemas/jobs.ts';
import { isIterateRequest } from './iterateEndpoints.ts';
import type { ModelInfo } from './models.ts';
import { PROMPT_MAX_CHARS, promptLength } from './veniceFacts.ts';

/**
 * The per-model checks made before anything is sent, shared by main (which refuses the job) and the renderer
 * (which shows the same messages under the fields). Pure: no I/O, no clock.
 *
 * Severity, decided once here so both sides agree:
 *  - `error`: Venice would refuse the request (400/503) or silently render something other than what was asked
 *    (a size on a model that sizes by aspect ratio). Main refuses the job with INVALID_INPUT; nothing is sent.
 *  - `warning`: Venice accepts the request and ignores the field (a negative prompt or steps on a model that does
 *    not use them), or the model still works but is going away (deprecated), or the model is not in the cached
 *    catalogue and only Venice can judge it. The job is sent; the UI shows the note.
 */
type ConstraintSeverity = 'error' | 'warning';

export interface ConstraintIssue {
  /** The JobRequest field the message belongs to (`model` for model-wide notes). */
  field: string;
  message: string;
  severity: ConstraintSeverity;
}

const error = (field: string, message: string): ConstraintIssue => ({ field, message, severity: 'error' });
const warning = (field: string, message: string): ConstraintIssue => ({ field, message, severity: 'warning' });

const listText = (values: readonly string[]): string => values.join(', ');

const modelIssues = (model: ModelInfo): ConstraintIssue[] => {
  const issues: ConstraintIssue[] = [];
  if (model.offline) issues.push(error('model', `${model.name} is offline at Venice right now. Choose another model or try later.`));
  if (model.deprecation) {
    const when = model.deprecation.date ? ` on ${model.deprecation.date.slice(0, 10)}` : '';
    const instead = model.deprecation.replacement ? ` Use ${model.deprecation.replacement} instead.` : '';
    issues.push(warning('model', `${model.name} is deprecated and will be removed${when}.${instead}`));
  }
  return issues;
};

const promptIssues = (field: string, text: string, limit: number): ConstraintIssue[] =>
  promptLength(text) > limit ? [error(field, `This model accepts at most ${limit} characters; this text has ${promptLength(text)}.`)] : [];

const oneOf = (field: string, value: string | undefined, allowed: readonly string[] | undefined, what: string, modelName: string): ConstraintIssue[] => {
  if (value === undefined) return [];
  if (!allowed || allowed.length === 0) return [error(field, `${modelName} does not take ${/^[aeiou]/i.test(what) ? 'an' : 'a'} ${what}.`)];
  return allowed.includes(value) ? [] : [error(field, `${modelName} offers the ${what}s ${listText(allowed)}, not ${value}.`)];
};

type NativeRequest = Extract<JobRequest, { endpoint: 'native' }>;

const sizeIssues = (request: NativeRequest, model: ModelInfo): ConstraintIssue[] => {
  const { widthHeightDivisor: divisor } = model.constraints;
  const issues: ConstraintIssue[] = [];
  for (const field of ['width', 'height'] as const) {
    const value = request[field];
    if (value === undefined) continue;
    if (model.sizing !== 'pixels') issues.push(error(field, `${model.name} is sized by aspect ratio; it takes no ${field}.`));
    else if (value % divisor !== 0) issues.push(error(field, `${model.name} needs a ${field} divisible by ${divisor}; ${value} is not.`));
  }
  return issues;
};

const stepsIssues = (steps: number | undefined, model: ModelInfo): ConstraintIssue[] => {
  if (steps === undefined) return [];
  if (!model.usesSteps) return [warning('steps', `${model.name} does not use steps; Venice ignores this value.`)];
  const { max } = model.constraints.steps;
  return steps > max ? [error('steps', `${model.name} allows at most ${max} steps.`)] : [];
};

/**
 * The optional native fields (API notes §2.1). Reference images and web search on a model without them are refused
 * (Venice answers 400, and web search is charged extra); LoRA strength and the thinking switch are ignored there.
 */
const optionalFieldIssues = (request: NativeRequest, model: ModelInfo): ConstraintIssue[] => {
  const issues: ConstraintIssue[] = [];
  const refs = request.styleReferences;
  if (refs !== undefined) {
    const accepts = model.styleReferences;
    if (!accepts) issues.push(error('styleReferences', `${model.name} does not take reference images.`));
    else if (refs.length > accepts.max) issues.push(error('styleReferences', `${model.name} takes at most ${accepts.max} reference image${accepts.max === 1 ? '' : 's'}; ${refs.length} were given.`));
    else if (!accepts.strength && refs.some((r) => r.strength !== undefined)) {
      issues.push(warning('styleReferences', `${model.name} does not use a reference strength; Venice ignores it.`));
    }
  }
  if (request.enableWebSearch === true && model.supportsWebSearch !== true) issues.push(error('enableWebSearch', `${model.name} cannot search the web.`));
  if (request.loraStrength !== undefined && model.usesLora !== true) {
    issues.push(warning('loraStrength', `${model.name} does not use LoRAs; Venice ignores the LoRA strength.`));
  }
  if (request.disablePromptThinking !== undefined && model.supportsPromptThinking !== true) {
    issues.push(warning('disablePromptThinking', `${model.name} has no prompt-thinking step; Venice ignores this switch.`));
  }
  return issues;
};

/**
 * Everything wrong with sending `request` to `model`. `model` undefined means the id is not in the cached
 * catalogue (never fetched, or Venice added it since): only Venice can judge it then, so that is a warning.
 */
export const checkJobRequest = (request: JobRequest, model: ModelInfo | undefined): ConstraintIssue[] => {
  // The edit family's inputs and models are checked by the iterate service before it queues them.
  if (isIterateRequest(request)) return [];
  if (request.endpoint === 'openai') {
    // Venice's OpenAI-compatible route has a fixed 1500-character cap (zod checks it) and no other per-model field.
    if (!model) return [];
    return [...modelIssues(model), ...promptIssues('prompt', request.prompt, Math.min(PROMPT_MAX_CHARS, model.constraints.promptCharacterLimit))];
  }
  if (!model) {
    return [warning('model', `${request.model} is not in the model list Lagoon has; Venice will decide whether it accepts these settings.`)];
  }
  const limit = model.constraints.promptCharacterLimit;
  return [
    ...modelIssues(model),
    ...promptIssues('prompt', request.prompt, limit),
    ...(request.negativePrompt === undefined ? [] : promptIssues('negativePrompt', request.negativePrompt, limit)),
    ...(request.negativePrompt !== undefined && !model.supportsNegativePrompt
      ? [warning('negativePrompt', `${model.name} does not use a negative prompt; Venice ignores it.`)]
      : []),
    ...sizeIssues(request, model),
    ...oneOf('aspectRatio', request.aspectRatio, model.constraints.aspectRatios, 'aspect ratio', model.name),
    ...oneOf('resolution', request.resolution, model.constraints.resolutions, 'resolution', model.name),
    ...oneOf('quality', request.quality, model.constraints.qualities, 'quality', model.name),
    ...stepsIssues(request.steps, model),
    ...optionalFieldIssues(request, model),
  ];
};

export const blockingIssues = (issues: readonly ConstraintIssue[]): ConstraintIssue[] => issues.filter((i) => i.severity === 'error');
