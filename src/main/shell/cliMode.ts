import { DEV_BASE_URL_SWITCH, launchEnv } from './launchConfig.ts';

/**
 * The installed app is also the `lagoon` command: the deb and AppImage put the executable on the PATH (a symlink
 * in /usr/bin), so `lagoon list --json` starts Electron's main with `list --json`. A first argument that is a plain
 * word (or --help / --version) is a command for the CLI, and the CLI itself says whether it knows it. A desktop
 * launch passes nothing, or file paths and Chromium switches, none of which look like a word, so it opens the
 * window. The same core runs with the packaged runtime, and the runAsNode fuse stays off.
 */
const COMMAND_WORD = /^(?:[a-z][a-z-]{0,29}|--help|-h|--version|-V|-v)$/u;

/**
 * Put first by the `lagoon` launchers the packages install (resources/cli/): whatever follows is the CLI's, even
 * nothing (`lagoon` alone prints the help, as the CLI from a checkout does). Chromium ignores switches it does not
 * know, so the marker costs nothing where the CLI is not asked for.
 */
const CLI_MARKER = '--lagoon-cli';

/** The user's arguments: after the executable in a packaged app, after `electron .` from a checkout. */
export const userArguments = (argv: readonly string[], isPackaged: boolean): string[] => argv.slice(isPackaged ? 1 : 2);

export const isCliInvocation = (args: readonly string[]): boolean => args[0] === CLI_MARKER || (args[0] !== undefined && COMMAND_WORD.test(args[0]));

/** The CLI's arguments and environment, on the window's rule for the base URL (launchConfig.ts); the switch is taken out. */
export const cliInvocation = (args: readonly string[], env: NodeJS.ProcessEnv, isPackaged: boolean): { argv: string[]; env: NodeJS.ProcessEnv } => {
  const prefix = `--${DEV_BASE_URL_SWITCH}=`;
  const devBaseUrl = args.find((a) => a.startsWith(prefix))?.slice(prefix.length);
  const command = args[0] === CLI_MARKER ? args.slice(1) : args;
  return { argv: command.filter((a) => !a.startsWith(prefix)), env: launchEnv({ env, isPackaged, devBaseUrl }) };
};
