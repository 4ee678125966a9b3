#!/usr/bin/env node
// Plain JavaScript on purpose: this file must run on any Node, so it can explain why an old one cannot go further.
//
// It runs the built CLI (out/cli/, `npm run build:cli`) while that bundle is up to date with the files it was made
// from (cliBundle.js), and the TypeScript sources otherwise, which Node runs directly by stripping types (on by
// default since Node 22.18). So a checkout works without a build, and a built one starts in a fraction of the time
// (no resolving and stripping of some 300 modules per command).
import module from 'node:module';
import { currentBundle } from './cliBundle.js';

const REQUIRED = 'Node.js 22.18 or newer';
const root = new URL('../', import.meta.url);

const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
const tooOld = major < 22 || (major === 22 && minor < 18);
const bundle = currentBundle(root);
// The sources need type stripping; the bundle is plain JavaScript but shares the sources' Node requirement.
if (tooOld || (!bundle && !process.features.typescript)) {
  process.stderr.write(
    `lagoon needs ${REQUIRED} (this is Node.js ${process.versions.node}${tooOld ? '' : ' with type stripping off'}).\n` +
      'Install a current Node.js from https://nodejs.org and run lagoon again.\n',
  );
  process.exit(1);
}
// V8's code cache on disk (Node 22.1+): later runs skip compiling what an earlier one compiled.
module.enableCompileCache?.();
await import((bundle ?? new URL('src/cli/main.ts', root)).href);
