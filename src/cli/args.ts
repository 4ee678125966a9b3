import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import { AppError } from '../shared/errors.ts';
import { zImageId } from '../shared/ipc/schemas/common.ts';
import { zGenerateInput } from '../shared/ipc/schemas/generation.ts';
import { IMAGE_FORMATS, IMAGE_SIZES, MODERATION_LEVELS, type ImageFormat, type ImageSize, type Moderation } from '../shared/venice.ts';

/** What the command line asked for, fully checked: nothing here has touched the disk, the keychain or the network. */
export type CliCommand =
  | { name: 'help'; topic: string | null }
  | { name: 'version' }
  | { name: 'key.set'; json: boolean }
  | { name: 'key.status'; json: boolean }
  | { name: 'key.clear'; json: boolean }
  | { name: 'generate'; json: boolean; source: PromptSource; options: GenerateOptions }
  | { name: 'list'; json: boolean; limit: number }
  | { name: 'show'; json: boolean; id: string };

export type PromptSource = { kind: 'inline'; prompt: string } | { kind: 'file'; path: string };

export interface GenerateOptions {
  model?: string;
  size: ImageSize;
  outputFormat: ImageFormat;
  moderation: Moderation;
}

export const DEFAULT_LIST_LIMIT = 50;
/** The same defaults as the app's generate form. */
export const GENERATE_DEFAULTS = { size: 'auto', outputFormat: 'png', moderation: 'auto' } as const satisfies Omit<GenerateOptions, 'model'>;

/**
 * Generate flags that need Venice's native image endpoint, which the core does not speak yet. They are parsed
 * (so the user gets "not available yet" rather than "unknown option") and then refused. Phase 2: move a flag
 * from here into GENERATE_FLAGS and map it in `generateOptions`.
 */
const PENDING_GENERATE_FLAGS = {
  'aspect-ratio': { type: 'string' },
  negative: { type: 'string' },
  seed: { type: 'string' },
  steps: { type: 'string' },
  cfg: { type: 'string' },
  style: { type: 'string' },
  variants: { type: 'string' },
} as const satisfies ParseArgsOptionsConfig;

/** Commands that need core pieces that do not exist yet, with what they need. Phase 2: add a parser to COMMANDS. */
const PENDING_COMMANDS: Record<string, string> = { models: "Venice's model catalog" };

const HELP_FLAG = { help: { type: 'boolean', short: 'h' } } as const satisfies ParseArgsOptionsConfig;
const JSON_FLAG = { json: { type: 'boolean' } } as const satisfies ParseArgsOptionsConfig;

const GENERATE_FLAGS = {
  ...HELP_FLAG,
  ...JSON_FLAG,
  prompt: { type: 'string' },
  'prompts-file': { type: 'string' },
  model: { type: 'string' },
  size: { type: 'string' },
  format: { type: 'string' },
  moderation: { type: 'string' },
} as const satisfies ParseArgsOptionsConfig;

const invalid = (message: string): AppError => new AppError('INVALID_INPUT', message);

const notYetAvailable = (what: string, needs: string): AppError =>
  invalid(`${what} is not available yet: it needs ${needs}, which this version of Lagoon does not support. Nothing was sent.`);
const NATIVE_ENDPOINT = "Venice's native image endpoint";

/** True when the user asked for JSON lines, so even a command line that fails to parse answers in JSON. */
export const wantsJson = (argv: readonly string[]): boolean => {
  const end = argv.indexOf('--');
  return (end === -1 ? argv : argv.slice(0, end)).includes('--json');
};

interface Parsed<T extends ParseArgsOptionsConfig> {
  values: { [K in keyof T]?: T[K] extends { type: 'boolean' } ? boolean : string };
  positionals: string[];
}

/**
 * node:util's parser with messages of our own. `secretSafe` commands never echo what was typed: a user may
 * have put the key itself on the command line.
 */
const parse = <T extends ParseArgsOptionsConfig>(command: string, args: string[], options: T, secretSafe = false): Parsed<T> => {
  try {
    const { values, positionals } = parseArgs({ args, options, strict: true, allowPositionals: true });
    return { values: values as Parsed<T>['values'], positionals };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const reason =
      secretSafe || typeof code !== 'string' || !code.startsWith('ERR_PARSE_ARGS_')
        ? 'an option it does not know or an option without its value'
        : (error as Error).message.replace(/\. To specify a positional argument.*$/s, '');
    throw invalid(`lagoon ${command}: ${reason}. Run "lagoon ${command} --help" for the options.`);
  }
};

const noPositionals = (command: string, positionals: string[]): void => {
  if (positionals.length > 0) throw invalid(`lagoon ${command} takes no arguments besides its options.`);
};

const oneOf = <T extends string>(flag: string, value: string | undefined, allowed: readonly T[], fallback: T): T => {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw invalid(`--${flag} must be one of ${allowed.join(', ')}; got "${value}". Nothing was sent.`);
};

const generateOptions = (values: Parsed<typeof GENERATE_FLAGS>['values']): GenerateOptions => {
  const options: GenerateOptions = {
    size: oneOf('size', values.size, IMAGE_SIZES, GENERATE_DEFAULTS.size),
    outputFormat: oneOf('format', values.format, IMAGE_FORMATS, GENERATE_DEFAULTS.outputFormat),
    moderation: oneOf('moderation', values.moderation, MODERATION_LEVELS, GENERATE_DEFAULTS.moderation),
  };
  if (values.model !== undefined) {
    if (!zGenerateInput.shape.model.safeParse(values.model).success) throw invalid('--model must be a model id of 1 to 200 characters. Nothing was sent.');
    options.model = values.model;
  }
  return options;
};

const parseGenerate = (args: string[]): CliCommand => {
  const { values, positionals } = parse('generate', args, { ...GENERATE_FLAGS, ...PENDING_GENERATE_FLAGS });
  if (values.help) return { name: 'help', topic: 'generate' };
  for (const flag of Object.keys(PENDING_GENERATE_FLAGS) as Array<keyof typeof PENDING_GENERATE_FLAGS>) {
    if (values[flag] !== undefined) throw notYetAvailable(`--${flag}`, NATIVE_ENDPOINT);
  }
  if (positionals.length > 0) {
    throw invalid(`lagoon generate takes the prompt as --prompt "…" (or --prompts-file FILE), not as a bare argument. Nothing was sent.`);
  }
  const prompt = values.prompt;
  const file = values['prompts-file'];
  if ((prompt === undefined) === (file === undefined)) {
    throw invalid('lagoon generate needs exactly one of --prompt TEXT or --prompts-file FILE. Nothing was sent.');
  }
  const source: PromptSource = prompt !== undefined ? { kind: 'inline', prompt } : { kind: 'file', path: file ?? '' };
  if (source.kind === 'file' && source.path === '') throw invalid('--prompts-file needs a file name. Nothing was sent.');
  return { name: 'generate', json: values.json === true, source, options: generateOptions(values) };
};

const parseList = (args: string[]): CliCommand => {
  const { values, positionals } = parse('list', args, { ...HELP_FLAG, ...JSON_FLAG, limit: { type: 'string' } });
  if (values.help) return { name: 'help', topic: 'list' };
  noPositionals('list', positionals);
  const raw = values.limit;
  const limit = raw === undefined ? DEFAULT_LIST_LIMIT : Number(raw);
  if (!/^\d+$/.test(raw ?? '1') || !Number.isSafeInteger(limit) || limit < 1) {
    throw invalid(`--limit must be a whole number of 1 or more; got "${raw}".`);
  }
  return { name: 'list', json: values.json === true, limit };
};

const parseShow = (args: string[]): CliCommand => {
  const { values, positionals } = parse('show', args, { ...HELP_FLAG, ...JSON_FLAG });
  if (values.help) return { name: 'help', topic: 'show' };
  if (positionals.length !== 1) throw invalid('lagoon show needs exactly one image id, e.g. lagoon show 1b4e28ba-2fa1-11d2-883f-0016d3cca427.');
  const id = (positionals[0] ?? '').toLowerCase();
  if (!zImageId.safeParse(id).success) throw invalid('That is not an image id (ids look like 1b4e28ba-2fa1-11d2-883f-0016d3cca427; "lagoon list" shows them).');
  return { name: 'show', json: values.json === true, id };
};

const parseKey = (args: string[]): CliCommand => {
  const [action, ...rest] = args;
  if (action === undefined || action === '--help' || action === '-h') return { name: 'help', topic: 'key' };
  if (action !== 'set' && action !== 'status' && action !== 'clear') {
    throw invalid('lagoon key needs one of: set, status, clear. Run "lagoon key --help".');
  }
  const { values, positionals } = parse(`key ${action}`, rest, { ...HELP_FLAG, ...JSON_FLAG }, true);
  if (values.help) return { name: 'help', topic: 'key' };
  if (positionals.length > 0) {
    // Never echo it: the argument may well be the key, which is now in the shell history at least.
    throw invalid(
      action === 'set'
        ? 'lagoon key set reads the key from standard input, never from the command line, where other programs and your shell history can see it. ' +
            'Run "lagoon key set" and paste the key, or pipe it in. If you just typed your key as an argument, consider replacing it in your Venice account.'
        : `lagoon key ${action} takes no arguments.`,
    );
  }
  return { name: `key.${action}`, json: values.json === true };
};

const COMMANDS: Record<string, (args: string[]) => CliCommand> = {
  generate: parseGenerate,
  list: parseList,
  show: parseShow,
  key: parseKey,
};

/** argv without the node and script paths. Throws AppError('INVALID_INPUT') for anything it cannot accept. */
export function parseCommandLine(argv: readonly string[]): CliCommand {
  const [first, ...rest] = argv;
  if (first === undefined) throw invalid('Tell lagoon what to do, e.g. lagoon generate --prompt "a lagoon at dawn". Run "lagoon --help" for all commands.');
  if (first === '--help' || first === '-h') return { name: 'help', topic: null };
  if (first === 'help') return { name: 'help', topic: rest[0] ?? null };
  if (first === '--version' || first === '-v') return { name: 'version' };
  const command = Object.hasOwn(COMMANDS, first) ? COMMANDS[first] : undefined;
  if (command) return command(rest);
  const pending = Object.hasOwn(PENDING_COMMANDS, first) ? PENDING_COMMANDS[first] : undefined;
  if (pending) throw notYetAvailable(`lagoon ${first}`, pending);
  // Only a word is echoed: whatever else was typed first (a pasted key, say) stays off the screen.
  const shown = /^[a-z][a-z-]{0,19}$/.test(first) ? `"${first}" is not a lagoon command` : 'That is not a lagoon command';
  throw invalid(`${shown}. Run "lagoon --help" for the list.`);
}
