import type { Database } from 'better-sqlite3';
import { AppError } from '../../../shared/errors.ts';
import type { Job } from '../../../shared/ipc/schemas/jobs.ts';
import { planUpscale, zIterateDraft, type UpscalePlan, type IterateDraft, type IterateJobRequest, type IteratePrices } from '../../../shared/iterate.ts';
import type { Library } from '../library/library.ts';
import { downscaleInput, type DownscaledInput } from './downscaleInput.ts';
import type { IterateCatalog } from './iterateCatalog.ts';
import { readLineage, type Lineage } from './lineageStore.ts';
import { loadInputs, type LoadedInput } from './loadInputs.ts';

/**
 * Iterating on images from the app, the CLI and IPC alike: a draft (inputs named by library id or file path) is
 * checked completely before it is queued — each input read, hashed and held to Venice's bounds, the model and
 * options held to the cached catalogue — so a request that would fail is never sent. The job then runs in the
 * same persistent queue as generation.
 */
export interface Prepared {
  /** The job request with every input's sha256 fixed. */
  request: IterateJobRequest;
  /** Catalogue price of the result in USD, when known: shown before anything is sent. */
  priceUsd: number | null;
  /** What the result will be where it is known before sending (an upscale's size, lowered when too large). */
  upscale: UpscalePlan | null;
}

export interface IterateService {
  /** Checks the draft completely; nothing is queued or sent. */
  prepare(draft: unknown): Promise<Prepared>;
  /** prepare() then queue it. */
  queue(draft: unknown): Promise<{ job: Job; prepared: Prepared }>;
  /** Queues what prepare() returned (after its price was shown, say). */
  enqueue(prepared: Prepared): Job;
  priceFor(request: IterateJobRequest): number | null;
  /** A smaller copy of a library image too large for Venice, made here and stored in the library (nothing is sent). */
  downscaleInput(id: string): Promise<DownscaledInput>;
  lineage(id: string): Lineage;
  catalog: IterateCatalog;
}

export interface IterateServiceDeps {
  db: Database;
  library: Library;
  catalog: IterateCatalog;
  enqueue(request: IterateJobRequest): Job;
  /** Told of an image the service itself stored (a smaller copy), so the library's views show it. */
  onImagesAdded?: (ids: string[]) => void;
}

const invalid = (message: string, details: Record<string, unknown> = {}): AppError =>
  new AppError('INVALID_INPUT', `${message} Nothing was sent.`, details);

const checkEditModel = (draft: Extract<IterateDraft, { endpoint: 'edit' | 'combine' }>, catalog: IterateCatalog): void => {
  const models = catalog.models();
  // Without a cached catalogue (first run, offline) Venice judges the model; the job waits for the network anyway.
  if (models.length === 0) return;
  const model = models.find((m) => m.id === draft.model);
  if (!model) throw invalid(`Venice lists no edit model "${draft.model}".`, { field: 'model' });
  if (model.offline) throw invalid(`${model.name} is offline at Venice right now; choose another edit model.`, { field: 'model' });
  const limit = model.promptCharacterLimit;
  if (limit !== null && [...draft.prompt].length > limit) throw invalid(`${model.name} takes prompts of up to ${limit} characters.`, { field: 'prompt' });
  if (draft.aspectRatio && model.aspectRatios.length > 0 && !model.aspectRatios.includes(draft.aspectRatio)) {
    throw invalid(`${model.name} offers the aspect ratios ${model.aspectRatios.join(', ')}.`, { field: 'aspectRatio' });
  }
  if (draft.endpoint === 'combine') {
    if (!model.combineImages) throw invalid(`${model.name} cannot combine images; choose another edit model.`, { field: 'model' });
    if (draft.inputs.length > model.maxInputImages) {
      throw invalid(`${model.name} combines at most ${model.maxInputImages} images; ${draft.inputs.length} were given.`, { field: 'inputs' });
    }
  }
};

const priceFromCatalog = (request: IterateJobRequest, catalog: IterateCatalog): number | null => {
  const prices: IteratePrices | null = catalog.prices();
  switch (request.endpoint) {
    case 'edit':
    case 'combine':
      return catalog.models().find((m) => m.id === request.model)?.priceUsd ?? null;
    case 'upscale':
      return (request.scale === 4 ? prices?.upscale4x : prices?.upscale2x) ?? null;
    case 'remove-background':
      return prices?.removeBackground ?? null;
  }
};

const withHashes = (draft: IterateDraft, inputs: readonly LoadedInput[]): IterateJobRequest =>
  ({ ...draft, inputs: inputs.map((i) => i.ref) }) as IterateJobRequest;

export const createIterateService = (deps: IterateServiceDeps): IterateService => {
  const prepare = async (raw: unknown): Promise<Prepared> => {
    const parsed = zIterateDraft.safeParse(raw);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      throw invalid(`The request is not valid — ${first?.path.join('.') || 'request'}: ${first?.message ?? 'unknown problem'}.`, { issues: parsed.error.issues });
    }
    const draft = parsed.data;
    await deps.catalog.refresh();
    if (draft.endpoint === 'edit' || draft.endpoint === 'combine') checkEditModel(draft, deps.catalog);
    const inputs = await loadInputs(deps.library, draft.inputs);
    const [first] = inputs;
    const upscale = draft.endpoint === 'upscale' && first ? planUpscale(first.width, first.height, draft.scale) : null;
    if (draft.endpoint === 'upscale' && first && !upscale) {
      throw invalid(`${first.width}×${first.height} is too large to upscale: the result would pass 16,777,216 pixels.`, { field: 'inputs', problem: 'too_large_to_upscale' });
    }
    const request = withHashes(draft, inputs);
    return { request, priceUsd: priceFromCatalog(request, deps.catalog), upscale };
  };
  return {
    prepare,
    queue: async (draft) => {
      const prepared = await prepare(draft);
      return { job: deps.enqueue(prepared.request), prepared };
    },
    enqueue: (prepared) => deps.enqueue(prepared.request),
    priceFor: (request) => priceFromCatalog(request, deps.catalog),
    downscaleInput: async (id) => {
      const copy = await downscaleInput(deps, id);
      if (copy.added) deps.onImagesAdded?.([copy.id]);
      return copy;
    },
    lineage: (id) => readLineage(deps.db, id),
    catalog: deps.catalog,
  };
};
