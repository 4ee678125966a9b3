import type { zImageId } from '../shared/ipc/schemas/common.ts';
import type { ImageQuery } from '../shared/ipc/schemas/library.ts';
import { HELP_FLAG, invalid, JSON_FLAG, noPositionals, parse } from './argParsing.ts';
import type { CurationArgs } from './curationArgs.ts';
import { suggestion } from './didYouMean.ts';
import type { BatchFlags } from './generate/batchArgs.ts';
import type { GenerateOptions, PromptSource } from './generateArgs.ts';
import type { IterateArgs } from './iterate/iterateArgs.ts';
import type { ExportArgs } from './transferArgs.ts';
import type { BackupArgs } from './backupArgs.ts';
import { quickCommand } from './quickCommand.ts';

/** What the command line asked for, fully checked: nothing here has touched the disk, the keychain or the network. */
export type CliCommand =
  /** `unknown`: `lagoon help TOPIC` named no command; the general help follows the message, and the exit is 2. */
  | { name: 'help'; topic: string | null; unknown?: string }
  | { name: 'version' }
  | { name: 'key.set'; json: boolean }
  | { name: 'key.status'; json: boolean }
  | { name: 'key.clear'; json: boolean }
  | { name: 'generate'; json: boolean; source: PromptSource; options: GenerateOptions; batch: BatchFlags }
  | CurationArgs
  | { name: 'models'; json: boolean; refresh: boolean; styles: boolean }
  | { name: 'spend'; json: boolean }
  | { name: 'list'; json: boolean; limit: number }
  | { name: 'show'; json: boolean; id: string }
  | { name: 'search'; json: boolean; query: ImageQuery; limit: number }
  | ({ name: 'export' } & ExportArgs)
  | { name: 'import'; json: boolean; paths: string[]; progress: 'plain' | 'none' | undefined }
  | BackupArgs
  | { name: 'trash' | 'restore'; json: boolean; ids: string[] }
  | IterateArgs;

export const DEFAULT_LIST_LIMIT = 50;

const parseModels = (args: string[]): CliCommand => {
  const { values, positionals } = parse('models', args, { ...HELP_FLAG, ...JSON_FLAG, refresh: { type: 'boolean' }, styles: { type: 'boolean' } });
  if (values.help) return { name: 'help', topic: 'models' };
  noPositionals('models', positionals);
  return { name: 'models', json: values.json === true, refresh: values.refresh === true, styles: values.styles === true };
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

/** `imageId`: zod's id check, loaded only when `show` is asked for. */
const parseShow = (imageId: Pick<typeof zImageId, 'safeParse'>) => (args: string[]): CliCommand => {
  const { values, positionals } = parse('show', args, { ...HELP_FLAG, ...JSON_FLAG });
  if (values.help) return { name: 'help', topic: 'show' };
  if (positionals.length !== 1) throw invalid('lagoon show needs exactly one image id, e.g. lagoon show 1b4e28ba-2fa1-11d2-883f-0016d3cca427.');
  const id = (positionals[0] ?? '').toLowerCase();
  if (!imageId.safeParse(id).success) throw invalid('That is not an image id (ids look like 1b4e28ba-2fa1-11d2-883f-0016d3cca427; "lagoon list" shows them).');
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

const helpOr =
  <T extends { help: boolean }>(topic: string, parser: (args: string[]) => T, toCommand: (parsed: Exclude<T, { help: true }>) => CliCommand) =>
  (args: string[]): CliCommand => {
    const parsed = parser(args);
    return parsed.help ? { name: 'help', topic } : toCommand(parsed as Exclude<T, { help: true }>);
  };

const curation =
  (parser: (args: string[]) => { help: true; topic: string } | ({ help: false } & CurationArgs)) =>
  (args: string[]): CliCommand => {
    const parsed = parser(args);
    if (parsed.help) return { name: 'help', topic: parsed.topic };
    const { help: _help, ...command } = parsed;
    return command;
  };

type Parser = (args: string[]) => CliCommand;

const spend: Parser = (args) => {
  const { values, positionals } = parse('spend', args, { ...HELP_FLAG, ...JSON_FLAG });
  if (values.help) return { name: 'help', topic: 'spend' };
  noPositionals('spend', positionals);
  return { name: 'spend', json: values.json === true };
};

const iterate = (name: string) => async (): Promise<Parser> => (await import('./iterate/iterateArgs.ts')).ITERATE_PARSERS[name]!;

/**
 * Each command's parser, loaded when that command is asked for: the zod schemas behind `generate`, the iterate
 * commands and the search filters take tens of milliseconds to build, which `lagoon list` should not pay.
 */
const COMMANDS: Record<string, () => Promise<Parser>> = {
  rate: async () => curation((await import('./curationArgs.ts')).parseRate),
  fav: async () => curation((await import('./curationArgs.ts')).parseFav),
  tag: async () => curation((await import('./curationArgs.ts')).parseTag),
  collection: async () => curation((await import('./curationArgs.ts')).parseCollection),
  generate: async () => {
    const { parseGenerate } = await import('./generateArgs.ts');
    return helpOr('generate', parseGenerate, ({ json, source, options, batch }) => ({ name: 'generate', json, source, options, batch }));
  },
  models: async () => parseModels,
  list: async () => parseList,
  show: async () => parseShow((await import('../shared/ipc/schemas/common.ts')).zImageId),
  search: async () => helpOr('search', (await import('./searchArgs.ts')).parseSearch, ({ json, query, limit }) => ({ name: 'search', json, query, limit })),
  export: async () =>
    helpOr('export', (await import('./transferArgs.ts')).parseExport, ({ json, ids, dir, zip, template, stripMetadata, sidecar }) => ({ name: 'export', json, ids, dir, zip, template, stripMetadata, sidecar })),
  import: async () => helpOr('import', (await import('./transferArgs.ts')).parseImport, ({ json, paths, progress }) => ({ name: 'import', json, paths, progress })),
  trash: async () => {
    const { parseIdsOnly } = await import('./transferArgs.ts');
    return helpOr('trash', (args) => parseIdsOnly('trash', args), ({ json, ids }) => ({ name: 'trash', json, ids }));
  },
  restore: async () => {
    const { parseIdsOnly } = await import('./transferArgs.ts');
    return helpOr('restore', (args) => parseIdsOnly('restore', args), ({ json, ids }) => ({ name: 'restore', json, ids }));
  },
  key: async () => parseKey,
  spend: async () => spend,
  edit: iterate('edit'),
  combine: iterate('combine'),
  upscale: iterate('upscale'),
  'remove-background': iterate('remove-background'),
  backup: async () => (await import('./backupArgs.ts')).parseBackup,
};

const COMMAND_NAMES = () => Object.keys(COMMANDS);

/** `lagoon help TOPIC`: an unknown topic names the nearest one; the general help follows (exit 2). */
const helpFor = (topic: string | undefined): CliCommand => {
  if (topic === undefined || Object.hasOwn(COMMANDS, topic)) return { name: 'help', topic: topic ?? null };
  const word = /^[a-z][a-z-]{0,19}$/.test(topic);
  return { name: 'help', topic: null, unknown: `There is no help for ${word ? `"${topic}"` : 'that'}.${word ? suggestion(topic, COMMAND_NAMES()) : ''}` };
};

/** argv without the node and script paths. Rejects with AppError('INVALID_INPUT') for anything it cannot accept. */
export async function parseCommandLine(argv: readonly string[]): Promise<CliCommand> {
  const quick = quickCommand(argv);
  if (quick) return quick;
  const [first = '', ...rest] = argv;
  if (first === 'help') return helpFor(rest[0]);
  const command = Object.hasOwn(COMMANDS, first) ? COMMANDS[first] : undefined;
  if (command) return (await command())(rest);
  // Only a word is echoed: whatever else was typed first (a pasted key, say) stays off the screen.
  const word = /^[a-z][a-z-]{0,19}$/.test(first);
  const shown = word ? `"${first}" is not a lagoon command` : 'That is not a lagoon command';
  throw invalid(`${shown}.${word ? suggestion(first, COMMAND_NAMES()) : ''} Run "lagoon --help" for the list.`);
}
