/**
 * What can be read from a command line before the argument parsers load: whether it asks for help or the version
 * (answered without zod or the core, see run.ts) and whether failures should print as JSON. Keep this module free
 * of imports: it is on the path of every run, however short.
 */
export type QuickCommand = { name: 'help'; topic: null } | { name: 'version' };

/** Bare `lagoon` is a request for help, not a mistake; `-v` is read as the version, as most tools do. */
export const quickCommand = (argv: readonly string[]): QuickCommand | null => {
  const [first] = argv;
  if (first === undefined || first === '--help' || first === '-h') return { name: 'help', topic: null };
  if (first === '--version' || first === '-V' || first === '-v') return { name: 'version' };
  return null;
};

/** True when the user asked for JSON lines, so even a command line that fails to parse answers in JSON. */
export const wantsJson = (argv: readonly string[]): boolean => {
  const end = argv.indexOf('--');
  return (end === -1 ? argv : argv.slice(0, end)).includes('--json');
};
