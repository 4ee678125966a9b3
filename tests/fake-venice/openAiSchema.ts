import { validateClosedObject, type Issue, type Rules } from './validation.ts';

/**
 * `POST /images/generations` as the seed document describes it (docs.venice.ai, OpenAI-compatible route).
 * Copied here rather than imported from Lagoon so the fake checks Lagoon, not itself. Fields the seed marks
 * `| null` accept null; fields Venice ignores (background, quality, style, output_compression, user) are
 * still validated, as Venice does.
 */
const OPENAI_SIZES = ['auto', '256x256', '512x512', '1024x1024', '1536x1024', '1024x1536', '1792x1024', '1024x1792'] as const;
export const OUTPUT_FORMATS = ['jpeg', 'png', 'webp'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

const OPENAI_RULES: Rules = {
  prompt: { kind: 'string', required: true, min: 1, max: 1500 },
  model: { kind: 'string' },
  n: { kind: 'int', min: 1, max: 1, nullable: true },
  size: { kind: 'enum', values: OPENAI_SIZES, nullable: true },
  response_format: { kind: 'enum', values: ['b64_json', 'url'], nullable: true },
  output_format: { kind: 'enum', values: OUTPUT_FORMATS },
  moderation: { kind: 'enum', values: ['low', 'auto'], nullable: true },
  background: { kind: 'enum', values: ['transparent', 'opaque', 'auto'], nullable: true },
  quality: { kind: 'enum', values: ['auto', 'high', 'medium', 'low', 'hd', 'standard'], nullable: true },
  style: { kind: 'enum', values: ['vivid', 'natural'], nullable: true },
  output_compression: { kind: 'int', min: 0, max: 100, nullable: true },
  user: { kind: 'string' },
};

/** The request after validation, with the seed's defaults applied to the fields that change the output. */
interface OpenAiBody {
  prompt: string;
  model: string | undefined;
  width: number;
  height: number;
  outputFormat: OutputFormat;
  responseFormat: 'b64_json' | 'url';
  moderation: 'low' | 'auto';
}

export type OpenAiValidation = { ok: true; value: OpenAiBody } | { ok: false; issues: Issue[] };

export const validateOpenAiBody = (body: unknown): OpenAiValidation => {
  const issues = validateClosedObject(body, OPENAI_RULES);
  if (issues.length > 0) return { ok: false, issues };
  const b = body as Record<string, string | number | null | undefined>;
  const size = typeof b.size === 'string' && b.size !== 'auto' ? b.size : '1024x1024';
  const [width = 1024, height = 1024] = size.split('x').map(Number);
  return {
    ok: true,
    value: {
      prompt: b.prompt as string,
      model: typeof b.model === 'string' ? b.model : undefined,
      width,
      height,
      outputFormat: (b.output_format as OutputFormat | undefined) ?? 'png',
      responseFormat: b.response_format === 'url' ? 'url' : 'b64_json',
      moderation: b.moderation === 'low' ? 'low' : 'auto',
    },
  };
};
