import { resolve } from 'node:path';
import { zImageId } from '../shared/ipc/schemas/common.ts';
import { STDIN } from './stdinInput.ts';
import { HELP_FLAG, invalid, JSON_FLAG, oneOf, parse } from './argParsing.ts';

/** `lagoon export`, `import`, `trash` and `restore`: ids checked for shape, paths made absolute against the cwd. */

export interface ExportArgs {
  json: boolean;
  ids: string[];
  /** Absolute; exactly one of dir and zip is set. */
  dir: string | null;
  zip: string | null;
  template: string | null;
  stripMetadata: boolean;
  sidecar: boolean;
}

/** Lower-cased, in order, without repeats; any argument that is not an image id rejects the whole command line. */
export const imageIds = (command: string, positionals: string[]): string[] => {
  if (positionals.length === 0) throw invalid(`lagoon ${command} needs at least one image id ("lagoon list" and "lagoon search" show them).`);
  const ids = positionals.map((p) => p.toLowerCase());
  // `-`: the ids come from standard input, checked when they are read (stdinInput.ts).
  const bad = ids.find((id) => id !== STDIN && !zImageId.safeParse(id).success);
  if (bad !== undefined) {
    const shown = /^[\w-]{1,64}$/.test(bad) ? `"${bad}" is not an image id` : 'One argument is not an image id';
    throw invalid(`lagoon ${command}: ${shown} (ids look like 1b4e28ba-2fa1-11d2-883f-0016d3cca427).`);
  }
  return [...new Set(ids)];
};

const nonEmptyPath = (flag: string, raw: string | undefined): string | null => {
  if (raw === undefined) return null;
  if (raw.trim() === '' || raw.includes('\0')) throw invalid(`--${flag} needs a path.`);
  return resolve(raw);
};

export const parseExport = (args: string[]): { help: true } | ({ help: false } & ExportArgs) => {
  const { values, positionals } = parse('export', args, {
    ...HELP_FLAG,
    ...JSON_FLAG,
    to: { type: 'string' },
    zip: { type: 'string' },
    template: { type: 'string' },
    'strip-metadata': { type: 'boolean' },
    sidecar: { type: 'boolean' },
  });
  if (values.help) return { help: true };
  const ids = imageIds('export', positionals);
  const dir = nonEmptyPath('to', values.to);
  const zip = nonEmptyPath('zip', values.zip);
  if ((dir === null) === (zip === null)) throw invalid('lagoon export needs either --to DIR (a folder of images) or --zip FILE (one zip file), not both.');
  if (values.template !== undefined && values.template.trim() === '') throw invalid('--template needs a file-name template, e.g. "{date} {prompt}".');
  return {
    help: false,
    json: values.json === true,
    ids,
    dir,
    zip,
    template: values.template ?? null,
    stripMetadata: values['strip-metadata'] === true,
    sidecar: values.sidecar === true,
  };
};

/** --progress plain|none and --quiet, as generate takes them (undefined: live on a terminal, plain lines elsewhere). */
type ProgressChoice = 'plain' | 'none' | undefined;

export const parseImport = (args: string[]): { help: true } | { help: false; json: boolean; paths: string[]; progress: ProgressChoice } => {
  const { values, positionals } = parse('import', args, { ...HELP_FLAG, ...JSON_FLAG, progress: { type: 'string' }, quiet: { type: 'boolean', short: 'q' } });
  if (values.help) return { help: true };
  if (positionals.length === 0) throw invalid('lagoon import needs at least one image file or folder.');
  if (positionals.some((p) => p.trim() === '' || p.includes('\0'))) throw invalid('lagoon import: one of the paths is empty.');
  const progress = values.quiet === true ? 'none' : values.progress === undefined ? undefined : oneOf('progress', values.progress, ['plain', 'none'] as const, 'plain');
  return { help: false, json: values.json === true, paths: [...new Set(positionals.map((p) => resolve(p)))], progress };
};

export const parseIdsOnly = (command: 'trash' | 'restore', args: string[]): { help: true } | { help: false; json: boolean; ids: string[] } => {
  const { values, positionals } = parse(command, args, { ...HELP_FLAG, ...JSON_FLAG });
  if (values.help) return { help: true };
  return { help: false, json: values.json === true, ids: imageIds(command, positionals) };
};
