import { type CoreConfig, resolveConfig } from '../core/config.ts';

/**
 * The developer switch that points an installed Lagoon at another Venice (a local fake, a staging server):
 * `--lagoon-dev-base-url=https://…`. A command-line switch rather than a second environment variable, because
 * the environment is inherited by everything a session starts (login scripts, launchers, `environment.d`), so
 * whoever can plant LAGOON_API_BASE_URL can plant an "allow" variable just as easily; a switch belongs to the one
 * launch that spells it out, and shows in the process list.
 */
export const DEV_BASE_URL_SWITCH = 'lagoon-dev-base-url';

export interface LaunchFacts {
  env: NodeJS.ProcessEnv;
  /** Electron's `app.isPackaged`: an installed build, not `electron .` from a checkout. */
  isPackaged: boolean;
  /** The switch's value, when it was given (Electron's `app.commandLine.getSwitchValue`). */
  devBaseUrl: string | undefined;
  log?: (line: string) => void;
}

/**
 * The environment the core is configured from, window or command line. From a checkout LAGOON_API_BASE_URL works
 * as it does for the CLI; an installed build takes its API base URL only from the developer switch, because the key
 * travels to that URL (Settings then shows it). LAGOON_DATA_DIR keeps working everywhere: it chooses the library,
 * not where the key goes.
 */
export const launchEnv = ({ env, isPackaged, devBaseUrl, log = console.error }: LaunchFacts): NodeJS.ProcessEnv => {
  const { LAGOON_API_BASE_URL: fromEnv, ...rest } = env;
  if (isPackaged && fromEnv?.trim() && !devBaseUrl) {
    log(`[main] LAGOON_API_BASE_URL is ignored by the installed app; start it with --${DEV_BASE_URL_SWITCH}=URL to use another server`);
  }
  const baseUrl = devBaseUrl?.trim() || (isPackaged ? undefined : fromEnv);
  return baseUrl ? { ...rest, LAGOON_API_BASE_URL: baseUrl } : rest;
};

/** The core's configuration for the app's window; `userData` is Electron's userData folder. */
export const launchConfig = (facts: LaunchFacts & { userData: string }): CoreConfig => resolveConfig(launchEnv(facts), facts.userData);
