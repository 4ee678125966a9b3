// The `lagoon` command line: bin/lagoon.js imports this file (from source after checking that Node can strip types,
// or built into out/cli/lagoon.mjs by scripts/buildCli.ts), and the packaged app runs run.ts from its main process.
//
// Environment: LAGOON_DATA_DIR, LAGOON_API_BASE_URL and VENICE_API_KEY (see `lagoon --help`). One more,
// LAGOON_KEYCHAIN_SERVICE, exists for tests only: it names the keychain service so a test run never reads or
// overwrites the user's real "Lagoon" entry. Only this entry point reads it; the app never does.
import { installInterrupt } from './interrupt.ts';
import { runCli } from './run.ts';

const interrupt = installInterrupt({ host: process, stdout: process.stdout, stderr: process.stderr });

process.exitCode = await runCli({
  argv: process.argv.slice(2),
  env: process.env,
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  interrupt,
});
