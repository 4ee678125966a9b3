// Plain JavaScript, as bin/lagoon.js: which CLI to run. The built one (out/cli/, scripts/buildCli.ts) while every
// file it was built from still has the size and modification time it had then, so an edit is never hidden behind
// an old bundle; in a copy without sources (nothing to be stale against) whenever it exists.
import { existsSync, readFileSync, statSync } from 'node:fs';

const inputsUnchanged = (root, bundleDir) => {
  try {
    const inputs = JSON.parse(readFileSync(new URL('inputs.json', bundleDir), 'utf8'));
    return inputs.every(({ file, size, mtimeMs }) => {
      const stat = statSync(new URL(file, root));
      return stat.size === size && stat.mtimeMs === mtimeMs;
    });
  } catch {
    return false; // no list, or one of its inputs is gone
  }
};

/** The bundle's entry to run, or null for the sources. `root` is the checkout's (or installed copy's) folder URL. */
export const currentBundle = (root) => {
  const bundleDir = new URL('out/cli/', root);
  const entry = new URL('lagoon.mjs', bundleDir);
  if (!existsSync(entry)) return null;
  return !existsSync(new URL('src/cli/main.ts', root)) || inputsUnchanged(root, bundleDir) ? entry : null;
};
