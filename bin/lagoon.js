#!/usr/bin/env node
// Plain JavaScript on purpose: this file must run on any Node, so it can explain why an old one cannot go further.
//
// It runs the built CLI (out/cli/, `npm run build:cli`) while that bundle is up to date with every file it was made
// from, and the TypeScript sources otherwise, which Node runs directly by stripping types (on by default since Node
// 22.18). So a checkout works without a build, an edit is never hidden behind an old bundle, and a built checkout
// starts in a fraction of the time (no resolving and stripping of some 300 modules per command).
import { existsSync, readFileSync, statSync } from 'node:fs';
import module from 'node:module';

const REQUIRED = 'Node.js 22.18 or newer';
const root = new URL('../', import.meta.url);
const bundleDir = new URL('out/cli/', root);
const sourceEntry = new URL('src/cli/main.ts', root);

/** Every input of the bundle still has the size and modification time it had when the bundle was made. */
const bundleIsCurrent = () => {
  try {
    const inputs = JSON.parse(readFileSync(new URL('inputs.json', bundleDir), 'utf8'));
    return inputs.every(({ file, size, mtimeMs }) => {
      const stat = statSync(new URL(file, root));
      return stat.size === size && stat.mtimeMs === mtimeMs;
    });
  } catch {
    return false; // no bundle, or one of its inputs is gone
  }
};

// V8's code cache on disk (Node 22.1+): later runs skip compiling what an earlier one compiled.
module.enableCompileCache?.();

const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
const tooOld = major < 22 || (major === 22 && minor < 18);
const bundled = existsSync(new URL('lagoon.mjs', bundleDir)) && (!existsSync(sourceEntry) || bundleIsCurrent());
// The sources need type stripping; the bundle is plain JavaScript but shares the sources' Node requirement.
if (tooOld || (!bundled && !process.features.typescript)) {
  process.stderr.write(
    `lagoon needs ${REQUIRED} (this is Node.js ${process.versions.node}${tooOld ? '' : ' with type stripping off'}).\n` +
      'Install a current Node.js from https://nodejs.org and run lagoon again.\n',
  );
  process.exit(1);
}
await import((bundled ? new URL('lagoon.mjs', bundleDir) : sourceEntry).href);
