import { EDIT_RESOLUTIONS, ITERATE_LIMITS, type InputRef } from '../../shared/iterate.ts';
import type { IterateEndpoint } from '../../shared/iterateEndpoints.ts';
import { zImageId } from '../../shared/ipc/schemas/common.ts';
import { IMAGE_FORMATS } from '../../shared/venice.ts';
import { HELP_FLAG, invalid, JSON_FLAG, oneOf, parse } from '../argParsing.ts';

/**
 * `lagoon edit | combine | upscale | remove-background`: the command line → an iterate draft, checked as far as it
 * can be without the library (the inputs are read and checked by the core before anything is sent).
 */
export interface IterateArgs {
  name: 'iterate';
  json: boolean;
  /** The draft for the core's iterate service (inputs named, not yet read). */
  draft: Record<string, unknown> & { endpoint: IterateEndpoint; inputs: InputRef[] };
}

export const DEFAULT_EDIT_MODEL = 'firered-image-edit';

const NOTHING_SENT = 'Nothing was sent.';

/** An argument is a library id when it looks like one; anything else is a file path. */
export const inputRef = (arg: string): InputRef =>
  zImageId.safeParse(arg.toLowerCase()).success ? { kind: 'library', id: arg.toLowerCase() } : { kind: 'file', path: arg };

const EDIT_FLAGS = {
  ...HELP_FLAG,
  ...JSON_FLAG,
  prompt: { type: 'string' },
  model: { type: 'string' },
  'aspect-ratio': { type: 'string' },
  resolution: { type: 'string' },
  format: { type: 'string' },
  enhance: { type: 'boolean' },
  'no-safe-mode': { type: 'boolean' },
} as const;

const editLike = (command: 'edit' | 'combine', args: string[]): IterateArgs | { name: 'help'; topic: string } => {
  const { values, positionals } = parse(command, args, EDIT_FLAGS);
  if (values.help) return { name: 'help', topic: command };
  const want = command === 'edit' ? 'exactly one image (a library id or a file)' : 'two or more images (library ids or files), the base first';
  if (command === 'edit' ? positionals.length !== 1 : positionals.length < 2) throw invalid(`lagoon ${command} needs ${want}. ${NOTHING_SENT}`);
  const prompt = values.prompt;
  if (!prompt?.trim()) throw invalid(`lagoon ${command} needs --prompt: what to change. ${NOTHING_SENT}`);
  const resolution = values.resolution === undefined ? undefined : oneOf('resolution', values.resolution, EDIT_RESOLUTIONS, '1K');
  const format = values.format === undefined ? undefined : oneOf('format', values.format, IMAGE_FORMATS, 'png');
  return {
    name: 'iterate',
    json: values.json === true,
    draft: {
      endpoint: command,
      prompt,
      model: values.model ?? DEFAULT_EDIT_MODEL,
      inputs: positionals.map(inputRef),
      ...(values['aspect-ratio'] ? { aspectRatio: values['aspect-ratio'] } : {}),
      ...(resolution ? { resolution } : {}),
      ...(format ? { format } : {}),
      enhancePrompt: values.enhance === true,
      safeMode: values['no-safe-mode'] !== true,
    },
  };
};

const parseUpscale = (args: string[]): IterateArgs | { name: 'help'; topic: string } => {
  const { values, positionals } = parse('upscale', args, { ...HELP_FLAG, ...JSON_FLAG, scale: { type: 'string' }, creativity: { type: 'string' } });
  if (values.help) return { name: 'help', topic: 'upscale' };
  if (positionals.length !== 1) throw invalid(`lagoon upscale needs exactly one image (a library id or a file). ${NOTHING_SENT}`);
  const scale = Number(oneOf('scale', values.scale, ['2', '4'], '2')) as 2 | 4;
  const raw = values.creativity;
  const creativity = raw === undefined ? undefined : Number(raw);
  if (creativity !== undefined && (!/^\d*\.?\d+$/.test(raw ?? '') || creativity > ITERATE_LIMITS.creativityMax)) {
    throw invalid(`--creativity must be a number from 0 to ${ITERATE_LIMITS.creativityMax}; got "${raw}". ${NOTHING_SENT}`);
  }
  return {
    name: 'iterate',
    json: values.json === true,
    draft: { endpoint: 'upscale', prompt: '', inputs: [inputRef(positionals[0] ?? '')], scale, ...(creativity === undefined ? {} : { creativity }) },
  };
};

const parseRemoveBackground = (args: string[]): IterateArgs | { name: 'help'; topic: string } => {
  const { values, positionals } = parse('remove-background', args, { ...HELP_FLAG, ...JSON_FLAG });
  if (values.help) return { name: 'help', topic: 'remove-background' };
  if (positionals.length !== 1) throw invalid(`lagoon remove-background needs exactly one image (a library id or a file). ${NOTHING_SENT}`);
  return { name: 'iterate', json: values.json === true, draft: { endpoint: 'remove-background', prompt: '', inputs: [inputRef(positionals[0] ?? '')] } };
};

export const ITERATE_PARSERS: Record<string, (args: string[]) => IterateArgs | { name: 'help'; topic: string }> = {
  edit: (args) => editLike('edit', args),
  combine: (args) => editLike('combine', args),
  upscale: parseUpscale,
  'remove-background': parseRemoveBackground,
};
