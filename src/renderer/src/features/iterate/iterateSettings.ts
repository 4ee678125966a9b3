import type { RouteInput } from '../../../../shared/ipc/contract.ts';
import type { EditModelInfo } from '../../../../shared/iterate.ts';
import { EDIT_RESOLUTIONS, ITERATE_LIMITS } from '../../../../shared/iterateLimits.ts';
import { IMAGE_FORMATS, type ImageFormat } from '../../../../shared/veniceFacts.ts';

/** The three forms of the iterate panel (background removal needs no form: it is one click in the viewer). */
export const ITERATE_MODES = ['edit', 'combine', 'upscale'] as const;
export type IterateMode = (typeof ITERATE_MODES)[number];

export type Draft = RouteInput<'iterate.prepare'>['draft'];

type EditResolution = (typeof EDIT_RESOLUTIONS)[number];

/** What the forms hold; '' leaves a field to Venice's default. */
export interface IterateSettings {
  prompt: string;
  model: string;
  aspectRatio: string;
  resolution: EditResolution | '';
  format: ImageFormat | '';
  safeMode: boolean;
  enhancePrompt: boolean;
  scale: 2 | 4;
  creativity: number;
}

export const DEFAULT_SETTINGS: IterateSettings = {
  prompt: '',
  model: '',
  aspectRatio: '',
  resolution: '',
  format: '',
  safeMode: true,
  enhancePrompt: false,
  scale: 2,
  creativity: ITERATE_LIMITS.defaultCreativity,
};

/** What opens the panel: a form, its inputs (library ids, in order: the first is the base) and any settings to refill. */
export interface IterateLaunch {
  mode: IterateMode;
  ids: readonly string[];
  settings?: Partial<IterateSettings>;
}

const maxInputsOf = (model: EditModelInfo | undefined): number => model?.maxInputImages ?? ITERATE_LIMITS.defaultMaxInputImages;

/** How many inputs a form takes: one for edit and upscale, the model's limit for combine. */
export const inputLimit = (mode: IterateMode, model: EditModelInfo | undefined): number => (mode === 'combine' ? maxInputsOf(model) : 1);

/** The model a form starts on: the one asked for, else the first that is online, not deprecated, and fits the mode. */
export const defaultModel = (models: readonly EditModelInfo[], mode: IterateMode): string => {
  const fits = (m: EditModelInfo) => !m.offline && (mode !== 'combine' || m.combineImages);
  return (models.find((m) => fits(m) && !m.deprecation) ?? models.find(fits))?.id ?? '';
};

/** Why nothing can be checked yet (a local reason, before main is asked), or null when the draft is complete. */
export type DraftGap = 'noInput' | 'needTwo' | 'noPrompt' | 'noModel';

export const draftOf = (mode: IterateMode, ids: readonly string[], s: IterateSettings): Draft | DraftGap => {
  const inputs = ids.map((id) => ({ kind: 'library' as const, id }));
  const [first] = inputs;
  if (!first) return 'noInput';
  if (mode === 'upscale') return { endpoint: 'upscale', prompt: '', inputs: [first], scale: s.scale, creativity: s.creativity };
  if (mode === 'combine' && inputs.length < 2) return 'needTwo';
  const prompt = s.prompt.trim();
  if (prompt === '') return 'noPrompt';
  if (s.model === '') return 'noModel';
  const fields = {
    prompt,
    model: s.model,
    enhancePrompt: s.enhancePrompt,
    safeMode: s.safeMode,
    ...(s.aspectRatio ? { aspectRatio: s.aspectRatio } : {}),
    ...(s.resolution ? { resolution: s.resolution } : {}),
    ...(s.format ? { format: s.format } : {}),
  };
  return mode === 'edit' ? { endpoint: 'edit', inputs: [first], ...fields } : { endpoint: 'combine', inputs, ...fields };
};

const isResolution = (v: unknown): v is EditResolution => (EDIT_RESOLUTIONS as readonly unknown[]).includes(v);
const isFormat = (v: unknown): v is ImageFormat => (IMAGE_FORMATS as readonly unknown[]).includes(v);
const text = (v: unknown): string => (typeof v === 'string' ? v : '');

/** The settings of a request as it was sent to Venice (its recorded body), for "Reuse settings". */
export const settingsFromSent = (sent: Record<string, unknown>): Partial<IterateSettings> => {
  const { scale, creativity, resolution, output_format: format } = sent;
  return {
    prompt: text(sent.prompt),
    model: text(sent.model) || text(sent.modelId),
    aspectRatio: text(sent.aspect_ratio),
    resolution: isResolution(resolution) ? resolution : '',
    format: isFormat(format) ? format : '',
    enhancePrompt: sent.enhance_prompt === true,
    safeMode: sent.safe_mode !== false,
    ...(scale === 2 || scale === 4 ? { scale } : {}),
    ...(typeof creativity === 'number' ? { creativity } : {}),
  };
};
