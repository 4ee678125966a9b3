import { HELP_FLAG, invalid, JSON_FLAG, parse } from './argParsing.ts';
import { imageIds } from './transferArgs.ts';

/**
 * `lagoon rate N IDS…`, `fav [--off] IDS…`, `tag add|remove NAME IDS…`, `collection add|remove NAME IDS…` (and
 * `collection list`): what the app's stars, heart, tags and collections do, for scripts. `-` reads ids from stdin.
 */
export type CurationArgs =
  | { name: 'rate'; json: boolean; rating: number; ids: string[] }
  | { name: 'fav'; json: boolean; favorite: boolean; ids: string[] }
  | { name: 'tag'; json: boolean; action: 'add' | 'remove'; tag: string; ids: string[] }
  | { name: 'collection'; json: boolean; action: 'add' | 'remove'; collection: string; ids: string[] }
  | { name: 'collection.list'; json: boolean };

type Parsed = { help: true; topic: string } | ({ help: false } & CurationArgs);

const needIds = (command: string, positionals: string[]): string[] => {
  if (positionals.length === 0) throw invalid(`lagoon ${command} needs image ids (or - to read them from standard input).`);
  return imageIds(command, positionals);
};

export const parseRate = (args: string[]): Parsed => {
  const { values, positionals } = parse('rate', args, { ...HELP_FLAG, ...JSON_FLAG });
  if (values.help) return { help: true, topic: 'rate' };
  const [stars, ...rest] = positionals;
  if (stars === undefined || !/^[0-5]$/.test(stars)) throw invalid('lagoon rate needs the stars first, 0 to 5 (0 clears), then image ids.');
  return { help: false, name: 'rate', json: values.json === true, rating: Number(stars), ids: needIds('rate', rest) };
};

export const parseFav = (args: string[]): Parsed => {
  const { values, positionals } = parse('fav', args, { ...HELP_FLAG, ...JSON_FLAG, off: { type: 'boolean' } });
  if (values.help) return { help: true, topic: 'fav' };
  return { help: false, name: 'fav', json: values.json === true, favorite: values.off !== true, ids: needIds('fav', positionals) };
};

const namedAction = (command: 'tag' | 'collection', positionals: string[]): { action: 'add' | 'remove'; label: string; ids: string[] } => {
  const [action, label, ...rest] = positionals;
  if (action !== 'add' && action !== 'remove') throw invalid(`lagoon ${command} needs add or remove, then a name, then image ids.`);
  if (label === undefined || label.trim() === '') throw invalid(`lagoon ${command} ${action} needs a ${command} name before the ids.`);
  return { action, label, ids: needIds(command, rest) };
};

export const parseTag = (args: string[]): Parsed => {
  const { values, positionals } = parse('tag', args, { ...HELP_FLAG, ...JSON_FLAG });
  if (values.help) return { help: true, topic: 'tag' };
  const { action, label, ids } = namedAction('tag', positionals);
  return { help: false, name: 'tag', json: values.json === true, action, tag: label, ids };
};

export const parseCollection = (args: string[]): Parsed => {
  const { values, positionals } = parse('collection', args, { ...HELP_FLAG, ...JSON_FLAG });
  if (values.help) return { help: true, topic: 'collection' };
  if (positionals[0] === 'list' && positionals.length === 1) return { help: false, name: 'collection.list', json: values.json === true };
  const { action, label, ids } = namedAction('collection', positionals);
  return { help: false, name: 'collection', json: values.json === true, action, collection: label, ids };
};

export const CURATION_USAGE: Record<string, string> = {
  rate: `Usage: lagoon rate STARS ID… [--json]

  Sets the rating (1-5 stars; 0 clears it) of each image, as the app's stars do. - reads ids from standard input.`,
  fav: `Usage: lagoon fav [--off] ID… [--json]

  Marks each image as a favorite (--off: no longer a favorite). - reads ids from standard input.`,
  tag: `Usage: lagoon tag (add | remove) NAME ID… [--json]

  Adds the tag NAME to each image, or removes it. - reads ids from standard input.`,
  collection: `Usage: lagoon collection (add | remove) NAME ID… [--json]
       lagoon collection list [--json]

  Puts each image into the collection NAME (made when it does not exist yet), or takes it out; list shows the
  collections with how many images each holds. - reads ids from standard input.`,
};
