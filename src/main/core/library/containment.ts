import { realpath } from 'node:fs/promises';
import { isAbsolute, relative, sep } from 'node:path';

/**
 * True when `candidate` is `root` or below it. Both must already be resolved (realpath): comparing raw strings is
 * how `a/../../x` slips through. Written so a legitimate name such as `..foo.png` is still allowed.
 */
export const isInside = (root: string, candidate: string): boolean => {
  const rel = relative(root, candidate);
  return !(rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel));
};

/**
 * The real location of `candidate` if it exists and, after following every symlink, still lies under the real
 * location of `root`; otherwise null. Used before serving or handing out any file.
 */
export const realpathInside = async (root: string, candidate: string): Promise<string | null> => {
  try {
    const [realRoot, realCandidate] = await Promise.all([realpath(root), realpath(candidate)]);
    return isInside(realRoot, realCandidate) ? realCandidate : null;
  } catch {
    return null;
  }
};
