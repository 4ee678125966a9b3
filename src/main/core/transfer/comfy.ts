/**
 * ComfyUI saves two JSON text chunks: `prompt` (the API graph that ran: node id → { class_type, inputs }) and
 * `workflow` (the editor graph). The prompt text is found by following a sampler's `positive` input to its text
 * encoder; links are `[nodeId, outputIndex]` pairs.
 */

type Graph = Record<string, { class_type?: unknown; inputs?: Record<string, unknown> } | undefined>;

export interface ComfySettings {
  prompt?: string;
  negativePrompt?: string;
  seed?: number;
  steps?: number;
  cfgScale?: number;
  sampler?: string;
  width?: number;
  height?: number;
  model?: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Python's json.dumps writes NaN and Infinity, which JSON.parse rejects; they become null. */
export function parseComfyJson(text: string): Record<string, unknown> | null {
  for (const candidate of [text, text.replace(/([:[,]\s*)(?:-?Infinity|NaN)(?=\s*[,\]}])/gu, '$1null')]) {
    try {
      const value: unknown = JSON.parse(candidate);
      return isObject(value) ? value : null;
    } catch {
      // try the repaired text next
    }
  }
  return null;
}

const isLink = (v: unknown): v is [string | number, number] => Array.isArray(v) && v.length === 2 && (typeof v[0] === 'string' || typeof v[0] === 'number');

const nodeOf = (graph: Graph, link: unknown) => (isLink(link) ? graph[String(link[0])] : undefined);

/** A text input, following at most a few links (primitive and string nodes feed encoders). */
const textFrom = (graph: Graph, value: unknown, depth = 0): string | undefined => {
  if (typeof value === 'string') return value;
  if (depth > 4) return undefined;
  const node = nodeOf(graph, value);
  if (!node?.inputs) return undefined;
  for (const key of ['text', 'text_g', 'string', 'value', 'prompt', 'conditioning', 'positive']) {
    const found = textFrom(graph, node.inputs[key], depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
};

const numberFrom = (graph: Graph, value: unknown, depth = 0): number | undefined => {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (depth > 4) return undefined;
  const node = nodeOf(graph, value);
  if (!node?.inputs) return undefined;
  for (const key of ['value', 'seed', 'noise_seed', 'int', 'float']) {
    const found = numberFrom(graph, node.inputs[key], depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
};

const classOf = (node: Graph[string]): string => (typeof node?.class_type === 'string' ? node.class_type : '');

/** Follows `model` links back to the checkpoint or UNet loader. */
const modelFrom = (graph: Graph, value: unknown, depth = 0): string | undefined => {
  const node = nodeOf(graph, value);
  if (!node?.inputs || depth > 8) return undefined;
  for (const key of ['ckpt_name', 'unet_name', 'model_name']) {
    const name = node.inputs[key];
    if (typeof name === 'string') return name;
  }
  return modelFrom(graph, node.inputs.model, depth + 1);
};

const sizeFrom = (graph: Graph, value: unknown, depth = 0): { width: number; height: number } | undefined => {
  const node = nodeOf(graph, value);
  if (!node?.inputs || depth > 4) return undefined;
  const width = numberFrom(graph, node.inputs.width);
  const height = numberFrom(graph, node.inputs.height);
  if (width !== undefined && height !== undefined) return { width, height };
  return sizeFrom(graph, node.inputs.samples ?? node.inputs.latent_image, depth + 1);
};

export function comfySettings(promptGraph: Record<string, unknown>): ComfySettings {
  const graph = promptGraph as Graph;
  const nodes = Object.values(graph).filter(isObject) as Array<NonNullable<Graph[string]>>;
  const sampler = nodes.find((n) => /sampler/iu.test(classOf(n)) && n.inputs && 'positive' in n.inputs);
  const out: ComfySettings = {};
  if (sampler?.inputs) {
    const inputs = sampler.inputs;
    const prompt = textFrom(graph, inputs.positive);
    if (prompt !== undefined) out.prompt = prompt;
    const negative = textFrom(graph, inputs.negative);
    if (negative !== undefined) out.negativePrompt = negative;
    const seed = numberFrom(graph, inputs.seed ?? inputs.noise_seed);
    if (seed !== undefined) out.seed = seed;
    const steps = numberFrom(graph, inputs.steps);
    if (steps !== undefined) out.steps = steps;
    const cfg = numberFrom(graph, inputs.cfg);
    if (cfg !== undefined) out.cfgScale = cfg;
    if (typeof inputs.sampler_name === 'string') out.sampler = inputs.sampler_name;
    const model = modelFrom(graph, inputs.model);
    if (model !== undefined) out.model = model;
    const size = sizeFrom(graph, inputs.latent_image);
    if (size) Object.assign(out, size);
  }
  if (out.prompt === undefined) {
    // No sampler to follow: the first text encoder with literal text is the best guess there is.
    const encoder = nodes.find((n) => /CLIPTextEncode/u.test(classOf(n)) && typeof n.inputs?.text === 'string');
    if (typeof encoder?.inputs?.text === 'string') out.prompt = encoder.inputs.text;
  }
  if (out.model === undefined) {
    const loader = nodes.find((n) => typeof n.inputs?.ckpt_name === 'string');
    if (typeof loader?.inputs?.ckpt_name === 'string') out.model = loader.inputs.ckpt_name;
  }
  return out;
}
