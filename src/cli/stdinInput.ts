import { text } from 'node:stream/consumers';
import { zImageId } from '../shared/ipc/schemas/common.ts';
import { invalid } from './argParsing.ts';

/** `-` where a file or ids are expected reads them from standard input, so lagoon sits in a pipe. */
export const STDIN = '-';

export const readAllStdin = (stdin: NodeJS.ReadableStream): Promise<string> => text(stdin);

/**
 * The ids given, with `-` replaced by the ids read from standard input (any whitespace between them, e.g. the output
 * of `jq -r .id`). Every one is checked before anything is done; repeats count once.
 */
export const idsWithStdin = async (ids: readonly string[], stdin: NodeJS.ReadableStream): Promise<string[]> => {
  if (!ids.includes(STDIN)) return [...ids];
  const read = (await readAllStdin(stdin)).split(/\s+/u).filter(Boolean).map((id) => id.toLowerCase());
  const bad = read.find((id) => !zImageId.safeParse(id).success);
  if (bad !== undefined) {
    const shown = /^[0-9a-z-]{1,40}$/u.test(bad) ? `"${bad}" is not an image id` : 'something that is not an image id';
    throw invalid(`Standard input held ${shown} (ids look like 1b4e28ba-2fa1-11d2-883f-0016d3cca427). Nothing was done.`);
  }
  return [...new Set(ids.flatMap((id) => (id === STDIN ? read : [id])))];
};
