#!/usr/bin/env node
// Plain JavaScript on purpose: this file must run on any Node, so it can explain why an old one cannot go further.
// The CLI itself is TypeScript that Node runs directly by stripping types (on by default since Node 22.18).
const REQUIRED = 'Node.js 22.18 or newer';

if (!process.features.typescript) {
  process.stderr.write(
    `lagoon needs ${REQUIRED} (this is Node.js ${process.versions.node}${process.features.typescript === false ? ' with type stripping off' : ''}).\n` +
      'Install a current Node.js from https://nodejs.org and run lagoon again.\n',
  );
  process.exit(1);
}

await import('../src/cli/main.ts');
