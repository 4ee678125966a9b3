// The `lagoon` command line; bin/lagoon.js imports this file after checking that Node can strip types.
//
// Environment: LAGOON_DATA_DIR, LAGOON_API_BASE_URL and VENICE_API_KEY (see `lagoon --help`). One more,
// LAGOON_KEYCHAIN_SERVICE, exists for tests only: it names the keychain service so a test run never reads or
// overwrites the user's real "Lagoon" entry. Only this entry point reads it; the app never does.
import { runCli } from './run.ts';

// `lagoon list | head` closes the pipe early; that is the reader's choice, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? 0);
});

process.exitCode = await runCli({
  argv: process.argv.slice(2),
  env: process.env,
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
});
