import { AppError } from '../../shared/errors.ts';
import { type AdvancedJobRequest, type GenerationJobRequest as JobRequest, zJobRequest } from '../../shared/ipc/schemas/jobs.ts';
import { checkJobRequest, type ConstraintIssue } from '../../shared/modelConstraints.ts';
import type { ModelInfo } from '../../shared/models.ts';
import { catalogAvailable, type CatalogView, unavailableReason } from '../catalogView.ts';
import type { GenerateOptions, NativeOptions } from '../generateArgs.ts';
import type { PromptLine } from './prompts.ts';

/**
 * Prompts and options → the exact job requests, each checked against its model's catalogue entry before anything
 * is sent. A batch either starts whole or not at all, so exit code 2 always means nothing was sent or charged.
 */

export interface PlannedJob extends PromptLine {
  request: JobRequest;
}

export interface Plan {
  jobs: PlannedJob[];
  /** Why the batch cannot be sent, each naming the flag (or prompts-file line) to fix. */
  problems: string[];
  /** Sent anyway; told to the user on stderr (a deprecated model, a field the model ignores). */
  warnings: string[];
  /** The batch cannot even be built (no model known for the native route); its code says why. */
  fatal: AppError | null;
  /** A problem rests on catalogue facts that change (a model missing or offline): a fresh list may clear it. */
  volatile: boolean;
}

/** The flag a JobRequest field came from, so a message names what the user typed. */
const FLAG_OF: Record<string, string> = {
  model: '--model',
  negativePrompt: '--negative',
  width: '--size',
  height: '--size',
  aspectRatio: '--aspect-ratio',
  resolution: '--resolution',
  quality: '--quality',
  steps: '--steps',
  cfgScale: '--cfg',
  seed: '--seed',
  variants: '--variants',
  stylePreset: '--style',
  styleReferences: '--style-ref',
  loraStrength: '--lora-strength',
  enableWebSearch: '--web-search',
  disablePromptThinking: '--no-prompt-thinking',
  format: '--format',
  outputFormat: '--format',
  size: '--size',
  moderation: '--moderation',
};

const DEFAULT_TRAIT = 'default';

const sentence = (text: string): string => text.replace(/\.$/, '');

const nativeRequest = (prompt: string, model: string, options: NativeOptions): AdvancedJobRequest => {
  const { route: _route, model: _model, outputFormat, moderation, ...fields } = options;
  return { endpoint: 'native', prompt, model, ...fields, format: outputFormat, safeMode: moderation === 'auto' };
};

const buildRequest = (prompt: string, options: GenerateOptions, nativeModel: string): JobRequest => {
  if (options.route === 'native') return nativeRequest(prompt, nativeModel, options);
  const { route: _route, ...simple } = options;
  return { endpoint: 'openai', prompt, ...simple };
};

const styleIssues = (request: JobRequest, styles: readonly string[]): ConstraintIssue[] => {
  const style = request.endpoint === 'native' ? request.stylePreset : undefined;
  if (style === undefined || styles.length === 0 || styles.includes(style)) return [];
  const near = styles.find((s) => s.toLowerCase() === style.toLowerCase());
  const hint = near ? `: names are exact, case included, so use "${near}"` : ' ("lagoon models --styles" lists them; names are exact, case included)';
  return [{ field: 'stylePreset', severity: 'error', message: `"${style}" is not one of Venice's styles${hint}` }];
};

/** The checks of one request; the core's own note about a model it does not know is replaced by one that says why. */
const issuesOf = (request: JobRequest, model: ModelInfo | undefined, view: CatalogView): ConstraintIssue[] => {
  const styles = styleIssues(request, view.catalog.styles);
  if (model) return [...checkJobRequest(request, model), ...styles];
  const id = request.model;
  if (request.endpoint === 'native') {
    const issue: ConstraintIssue = catalogAvailable(view)
      ? { field: 'model', severity: 'error', message: `Venice lists no image model "${id}"; "lagoon models" shows the ones it has` }
      : { field: 'model', severity: 'warning', message: `${unavailableReason(view)}, so the limits of ${id} were not checked; Venice will judge the request.` };
    return [issue, ...styles];
  }
  if (id !== undefined && catalogAvailable(view)) {
    const note = `${id} is not in Venice's model list; its OpenAI-compatible route may make the image with its default model instead.`;
    return [{ field: 'model', severity: 'warning', message: note }, ...styles];
  }
  return styles;
};

/** The model the native route runs on: the one named, else Venice's default; none known is fatal. */
const nativeModelId = (options: GenerateOptions, view: CatalogView): string | AppError => {
  if (options.route === 'openai' || options.model !== undefined) return options.model ?? '';
  const fallback = view.catalog.traits[DEFAULT_TRAIT];
  if (fallback !== undefined) return fallback;
  return catalogAvailable(view)
    ? new AppError('INVALID_INPUT', 'Venice names no default image model; choose one with --model ("lagoon models" lists them). Nothing was sent.')
    : new AppError(
        view.failure?.code ?? 'INVALID_INPUT',
        `${unavailableReason(view)}, so Lagoon does not know Venice's default model; name one with --model. Nothing was sent.`,
      );
};

export const planJobs = (prompts: readonly PromptLine[], options: GenerateOptions, view: CatalogView): Plan => {
  const model = nativeModelId(options, view);
  if (model instanceof AppError) return { jobs: [], problems: [], warnings: [], fatal: model, volatile: true };
  const byId = new Map(view.catalog.models.map((m) => [m.id, m]));
  const problems = new Set<string>();
  const warnings = new Set<string>();
  let volatile = false;
  const jobs = prompts.map((entry): PlannedJob => {
    const request = buildRequest(entry.prompt, options, model);
    const parsed = zJobRequest.safeParse(request);
    const issues: ConstraintIssue[] = parsed.success
      ? issuesOf(request, byId.get(request.model ?? view.catalog.traits[DEFAULT_TRAIT] ?? ''), view)
      : parsed.error.issues.map((i) => ({ field: String(i.path[0] ?? 'prompt'), severity: 'error', message: i.message }));
    for (const issue of issues) {
      if (issue.severity === 'warning') {
        warnings.add(issue.message);
        continue;
      }
      if (issue.field === 'model') volatile = true;
      // A prompt's problem belongs to its line; an option's problem is the same for every line and is said once.
      const label = issue.field === 'prompt' ? (entry.line === undefined ? '--prompt' : `line ${entry.line}`) : (FLAG_OF[issue.field] ?? issue.field);
      problems.add(`${label}: ${sentence(issue.message)}`);
    }
    return { ...entry, request };
  });
  return { jobs, problems: [...problems], warnings: [...warnings], fatal: null, volatile };
};
