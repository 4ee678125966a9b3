import { assertNoCredentials } from '../library/credentialGuard.ts';
import { a1111Settings } from './a1111.ts';
import { comfySettings } from './comfy.ts';
import type { ImageEndpoint } from '../../../shared/veniceFacts.ts';
import type { EmbeddedMetadata } from './readEmbedded.ts';

/** The endpoint recorded for images that did not come from a Venice request Lagoon made (A1111, ComfyUI, plain files). */
export const IMPORT_ENDPOINT = 'import' satisfies ImageEndpoint;
const UNKNOWN_MODEL = 'unknown';
const isGeneratedEndpoint = (value: string): value is 'openai' | 'native' => value === 'openai' || value === 'native';
/** A ComfyUI workflow can be megabytes; past this the editor graph is left out (the API graph is smaller). */
const MAX_FOREIGN_JSON_BYTES = 4 * 1024 * 1024;
/** The credential guard refuses deeper records; foreign JSON is cut below that, leaving room for our own nesting. */
const MAX_FOREIGN_DEPTH = 24;
/**
 * An imported prompt is cut here: several times any model's prompt limit, while a hostile file's 1 MB "prompt"
 * would otherwise go whole into the search index (300 ms on the main thread per insert) and every view of it.
 */
export const MAX_IMPORTED_PROMPT_CHARS = 10_000;
/** Any other foreign string (a workflow's widget value, raw parameters) is cut here. */
const MAX_FOREIGN_STRING_CHARS = 64 * 1024;

const clip = (s: string, max: number): string => (s.length > max ? s.slice(0, max).toWellFormed() : s);

export type ImportSource = 'lagoon' | 'a1111' | 'comfyui' | 'file';

export interface ImportRecord {
  source: ImportSource;
  prompt: string;
  model: string;
  endpoint: ImageEndpoint;
  request: Record<string, unknown>;
  response: Record<string, unknown>;
}

const guardRejects = (value: unknown): boolean => {
  try {
    assertNoCredentials(value, 'import');
    return false;
  } catch {
    return true;
  }
};

/**
 * Someone else's metadata may carry an API key (ComfyUI partner nodes have embedded them). The credential guard
 * would then refuse the whole image; instead the offending fields are dropped, judged by that same guard.
 */
function redactForeign(value: unknown, depth = 0): unknown {
  if (depth > MAX_FOREIGN_DEPTH) return null;
  if (typeof value === 'string') {
    const clipped = clip(value, MAX_FOREIGN_STRING_CHARS);
    return guardRejects(clipped) ? '[redacted]' : clipped;
  }
  if (Array.isArray(value)) return value.map((v) => redactForeign(v, depth + 1));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    if (guardRejects({ [key]: null })) continue;
    // defineProperty: a "__proto__" key from JSON.parse must stay data, not become the prototype.
    Object.defineProperty(out, key, { value: redactForeign(child, depth + 1), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);

/** What a file name says when nothing else does: its stem, as the user named it. */
const promptFromFileName = (fileName: string): string =>
  fileName.replace(/\.[^.]*$/u, '').normalize('NFC').trim() || 'Imported image';

const defined = (o: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

const jsonBytes = (v: unknown): number => Buffer.byteLength(JSON.stringify(v) ?? '', 'utf8');

/**
 * Decides what an imported file becomes in the library, preferring the richest source: Lagoon's own XMP (the
 * original request restored), then A1111 parameters, then ComfyUI graphs, then the file name. Every record is
 * passed through `redactForeign`, so no file's content can make the credential guard refuse it.
 */
export function importRecord(meta: EmbeddedMetadata, fileName: string, importedAt: number): ImportRecord {
  const record = clipPrompts(chooseRecord(meta, fileName, importedAt));
  return {
    ...record,
    request: redactForeign(record.request) as Record<string, unknown>,
    response: redactForeign(record.response) as Record<string, unknown>,
  };
}

/** Cuts an overlong prompt and negative prompt, saying so (with the original length) in the import's response. */
function clipPrompts(record: ImportRecord): ImportRecord {
  const { request } = record;
  const long = [record.prompt, request.prompt, request.negative_prompt].some((v) => typeof v === 'string' && v.length > MAX_IMPORTED_PROMPT_CHARS);
  if (!long) return record;
  const cut = (v: unknown): unknown => (typeof v === 'string' ? clip(v, MAX_IMPORTED_PROMPT_CHARS) : v);
  const imported = (record.response.imported ?? {}) as Record<string, unknown>;
  return {
    ...record,
    prompt: clip(record.prompt, MAX_IMPORTED_PROMPT_CHARS),
    request: defined({ ...request, prompt: cut(request.prompt), negative_prompt: cut(request.negative_prompt) }),
    response: { ...record.response, imported: { ...imported, promptClippedFrom: record.prompt.length } },
  };
}

function chooseRecord(meta: EmbeddedMetadata, fileName: string, importedAt: number): ImportRecord {
  const imported = (source: ImportSource, extra: Record<string, unknown> = {}) => ({ imported: defined({ source, fileName, at: importedAt, ...extra }) });

  const lagoon = meta.lagoon;
  if (lagoon && (lagoon.request || lagoon.prompt)) {
    const request = lagoon.request ?? defined({ prompt: lagoon.prompt, model: lagoon.model });
    const endpoint = lagoon.request !== undefined && lagoon.endpoint !== undefined && isGeneratedEndpoint(lagoon.endpoint) ? lagoon.endpoint : null;
    return {
      source: 'lagoon',
      prompt: lagoon.prompt ?? str(request.prompt) ?? promptFromFileName(fileName),
      model: lagoon.model ?? str(request.model) ?? UNKNOWN_MODEL,
      // The original endpoint only with the exact request it describes; a partial record is an import.
      endpoint: endpoint ?? IMPORT_ENDPOINT,
      request,
      response: imported('lagoon', {
        originalId: lagoon.id,
        originalCreatedAt: lagoon.createdAt,
        originalSha256: lagoon.sha256,
        ...(meta.xmpLineage ? { lineage: meta.xmpLineage } : {}),
      }),
    };
  }

  const a1111 = meta.a1111;
  if (a1111 && str(a1111.prompt)) {
    const settings = a1111Settings(a1111);
    return {
      source: 'a1111',
      prompt: a1111.prompt,
      model: str(settings.model) ?? UNKNOWN_MODEL,
      endpoint: IMPORT_ENDPOINT,
      request: defined({ prompt: a1111.prompt, negative_prompt: str(a1111.negativePrompt), ...settings }),
      response: imported('a1111', { parameters: a1111.raw }),
    };
  }

  const comfy = meta.comfy;
  if (comfy) {
    const settings = comfy.prompt ? comfySettings(comfy.prompt) : {};
    let graphs: Record<string, unknown> = defined({ prompt: comfy.prompt, workflow: comfy.workflow });
    if (jsonBytes(graphs) > MAX_FOREIGN_JSON_BYTES) graphs = defined({ prompt: comfy.prompt, workflowOmitted: true });
    if (jsonBytes(graphs) > MAX_FOREIGN_JSON_BYTES) graphs = { promptOmitted: true, workflowOmitted: true };
    const prompt = str(settings.prompt) ?? str(meta.description) ?? promptFromFileName(fileName);
    return {
      source: 'comfyui',
      prompt,
      model: str(settings.model) ?? UNKNOWN_MODEL,
      endpoint: IMPORT_ENDPOINT,
      request: defined({
        prompt,
        negative_prompt: str(settings.negativePrompt),
        seed: settings.seed,
        steps: settings.steps,
        cfg_scale: settings.cfgScale,
        sampler: settings.sampler,
        width: settings.width,
        height: settings.height,
        model: settings.model,
        comfy: graphs,
      }),
      response: imported('comfyui'),
    };
  }

  const prompt = str(meta.description) ?? promptFromFileName(fileName);
  return { source: 'file', prompt, model: UNKNOWN_MODEL, endpoint: IMPORT_ENDPOINT, request: { prompt }, response: imported('file') };
}
