import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError } from '../shared/errors.ts';
import { type CoreConfig, resolveConfig } from '../main/core/config.ts';
import { defaultDataDir } from '../main/core/defaultDataDir.ts';
import { registerSecret } from '../main/core/log.ts';
import { createEnvStore } from '../main/core/secrets/envStore.ts';
import { createKeytarStore } from '../main/core/secrets/keytarStore.ts';
import type { SecretStore } from '../main/core/secrets/secretStore.ts';
import { createServices, type Services } from '../main/core/services.ts';
import { type CliCommand, parseCommandLine, wantsJson } from './args.ts';
import { combineCommand } from './commands/combine.ts';
import { editCommand } from './commands/edit.ts';
import { exportCommand } from './commands/export.ts';
import { removeBackgroundCommand } from './commands/removeBackground.ts';
import { upscaleCommand } from './commands/upscale.ts';
import { generateCommand } from './commands/generate.ts';
import { importCommand } from './commands/import.ts';
import { keyClearCommand, keySetCommand, keyStatusCommand } from './commands/key.ts';
import { listCommand } from './commands/list.ts';
import { modelsCommand } from './commands/models.ts';
import { spendCommand } from './commands/spend.ts';
import { searchCommand } from './commands/search.ts';
import { showCommand } from './commands/show.ts';
import { trashCommand } from './commands/trash.ts';
import type { CliContext } from './context.ts';
import { EXIT_OK, exitCodeFor } from './exitCodes.ts';
import { EXIT_FOR_STOP, type Interrupt } from './interrupt.ts';
import { toFailure } from './failure.ts';
import { type CliStreams, createOutput, type Output } from './output.ts';
import type { SecretInput } from './readSecret.ts';
import { usage } from './usage.ts';

/** Imported files are parsed on a worker thread, as in the app (run from source by Node's type stripping). */
const INSPECT_WORKER = fileURLToPath(new URL('../main/core/transfer/inspectWorker.ts', import.meta.url));

export interface CliProcess extends CliStreams {
  /** Without the node and script paths. */
  argv: readonly string[];
  env: NodeJS.ProcessEnv;
  stdin: SecretInput;
  interrupt: Interrupt;
}

const configFrom = (env: NodeJS.ProcessEnv): CoreConfig => {
  let config: CoreConfig;
  try {
    config = resolveConfig(env, defaultDataDir(env));
  } catch (error) {
    throw new AppError('INVALID_INPUT', `${error instanceof Error ? error.message : String(error)}. Nothing was sent.`);
  }
  // Absolute, so every `file` the CLI prints still works after the caller changes directory.
  const dataDir = resolve(config.dataDir);
  // For tests only, so they never touch the user's real keychain entry; the app has no such override.
  const keychainService = env.LAGOON_KEYCHAIN_SERVICE?.trim();
  return keychainService ? { ...config, dataDir, keychainService } : { ...config, dataDir };
};

/** VENICE_API_KEY, when set, replaces the keychain for this run (scripts, CI); otherwise the app's own keychain entry. */
const secretStoreFrom = (env: NodeJS.ProcessEnv, config: CoreConfig): SecretStore => {
  const fromEnv = env.VENICE_API_KEY?.trim();
  if (!fromEnv) return createKeytarStore({ service: config.keychainService });
  registerSecret(fromEnv);
  return createEnvStore(fromEnv);
};

const version = (): string => {
  const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: unknown };
  return `lagoon ${typeof manifest.version === 'string' ? manifest.version : 'unknown'}`;
};

const ITERATE_COMMANDS = { edit: editCommand, combine: combineCommand, upscale: upscaleCommand, 'remove-background': removeBackgroundCommand };

const dispatch = async (command: Exclude<CliCommand, { name: 'help' | 'version' }>, ctx: CliContext): Promise<number> => {
  switch (command.name) {
    case 'key.set':
      return keySetCommand(ctx);
    case 'key.status':
      return keyStatusCommand(ctx);
    case 'key.clear':
      return keyClearCommand(ctx);
    case 'generate':
      return generateCommand(ctx, command);
    case 'spend':
      return spendCommand(ctx);
    case 'models':
      return modelsCommand(ctx, command);
    case 'list':
      return listCommand(ctx, command);
    case 'show':
      return showCommand(ctx, command);
    case 'search':
      return searchCommand(ctx, command);
    case 'export':
      return exportCommand(ctx, command);
    case 'import':
      return importCommand(ctx, command);
    case 'trash':
    case 'restore':
      return trashCommand(ctx, command);
    case 'iterate':
      return ITERATE_COMMANDS[command.draft.endpoint](ctx, command);
  }
};

/** One CLI run, start to exit code. Every failure, expected or not, ends as one printed error and its exit code. */
export async function runCli(proc: CliProcess): Promise<number> {
  let out: Output = createOutput(wantsJson(proc.argv), proc);
  let services: Services | undefined;
  // A forced stop (a second Ctrl-C, or the first during a command that cannot wind down) still closes the library:
  // closing records what a running job had reached, so nothing is left looking sent when it was not.
  const removeCleanup = proc.interrupt.onForce(() => services?.close());
  try {
    const command = parseCommandLine(proc.argv);
    if (command.name === 'help' || command.name === 'version') {
      proc.stdout.write(`${command.name === 'help' ? usage(command.topic) : version()}\n`);
      return EXIT_OK;
    }
    out = createOutput(command.json, proc);
    const config = configFrom(proc.env);
    const secrets = secretStoreFrom(proc.env, config);
    const ctx: CliContext = {
      out,
      secrets,
      // Only its own jobs: a CLI run must never pick up (and pay for) what the app left queued. The model
      // catalogue is refreshed by `generate` and `models`, the commands that need it.
      services: () => (services ??= createServices(config, { secretStore: secrets, queue: { owner: 'cli' }, launchMaintenance: false, inspectWorkerPath: INSPECT_WORKER })),
      dataDir: config.dataDir,
      stdin: proc.stdin,
      stdout: proc.stdout,
      stderr: proc.stderr,
      env: proc.env,
      interrupt: proc.interrupt,
    };
    const code = await dispatch(command, ctx);
    const stop = proc.interrupt.cause();
    return stop === null ? code : EXIT_FOR_STOP[stop];
  } catch (error) {
    const failure = toFailure(error);
    out.failure(failure);
    const stop = proc.interrupt.cause();
    return stop === null ? exitCodeFor(failure.code) : EXIT_FOR_STOP[stop];
  } finally {
    removeCleanup();
    services?.close();
  }
}
