import type { Services } from '../main/core/services.ts';
import type { LibraryReader } from './coreSetup.ts';
import type { CliCommand } from './args.ts';
import type { CliContext } from './context.ts';
import { EXIT_INVALID_INPUT, EXIT_OK, exitCodeFor } from './exitCodes.ts';
import { EXIT_FOR_STOP, type Interrupt } from './interrupt.ts';
import { toFailure } from './failure.ts';
import { type CliStreams, createOutput, type Output } from './output.ts';
import type { SecretInput } from './readSecret.ts';
import { generalUsage } from './help/general.ts';
import { quickCommand, wantsJson } from './quickCommand.ts';
import { versionLine } from './version.ts';

export interface CliProcess extends CliStreams {
  /** Without the node and script paths. */
  argv: readonly string[];
  env: NodeJS.ProcessEnv;
  stdin: SecretInput;
  interrupt: Interrupt;
  /** The import's worker script as this build has it; absent: coreSetup.ts finds the CLI's own. */
  inspectWorkerPath?: string;
}

const ITERATE_COMMANDS = {
  edit: async () => (await import('./commands/edit.ts')).editCommand,
  combine: async () => (await import('./commands/combine.ts')).combineCommand,
  upscale: async () => (await import('./commands/upscale.ts')).upscaleCommand,
  'remove-background': async () => (await import('./commands/removeBackground.ts')).removeBackgroundCommand,
};

/** Commands that only read the library: they open it without the services (see coreSetup.openLibraryReader). */
const LIBRARY_READERS: ReadonlySet<CliCommand['name']> = new Set(['list', 'show', 'search']);

/** Commands that only work on an existing library: they never create one (see coreSetup.prepareLibrary). */
const NEEDS_LIBRARY: ReadonlySet<CliCommand['name']> = new Set(['list', 'show', 'search', 'export', 'trash', 'restore', 'rate', 'fav', 'tag', 'collection', 'collection.list']);

/** Each command's module is loaded when it runs, so a run loads only what it uses. */
const dispatch = async (command: Exclude<CliCommand, { name: 'help' | 'version' }>, ctx: CliContext): Promise<number> => {
  switch (command.name) {
    case 'key.set':
      return (await import('./commands/key.ts')).keySetCommand(ctx);
    case 'key.status':
      return (await import('./commands/key.ts')).keyStatusCommand(ctx);
    case 'key.clear':
      return (await import('./commands/key.ts')).keyClearCommand(ctx);
    case 'generate':
      return (await import('./commands/generate.ts')).generateCommand(ctx, command);
    case 'spend':
      return (await import('./commands/spend.ts')).spendCommand(ctx);
    case 'models':
      return (await import('./commands/models.ts')).modelsCommand(ctx, command);
    case 'list':
      return (await import('./commands/list.ts')).listCommand(ctx, command);
    case 'show':
      return (await import('./commands/show.ts')).showCommand(ctx, command);
    case 'search':
      return (await import('./commands/search.ts')).searchCommand(ctx, command);
    case 'export':
      return (await import('./commands/export.ts')).exportCommand(ctx, command);
    case 'import':
      return (await import('./commands/import.ts')).importCommand(ctx, command);
    case 'trash':
    case 'restore':
      return (await import('./commands/trash.ts')).trashCommand(ctx, command);
    case 'rate':
    case 'fav':
    case 'tag':
    case 'collection':
    case 'collection.list':
      return (await import('./commands/curate.ts')).curateCommand(ctx, command);
    case 'backup.list':
    case 'backup.create':
    case 'backup.restore':
      return (await import('./commands/backup.ts')).backupCommand(ctx, command);
    case 'iterate':
      return (await ITERATE_COMMANDS[command.draft.endpoint]())(ctx, command);
  }
};

/** One CLI run, start to exit code. Every failure, expected or not, ends as one printed error and its exit code. */
export async function runCli(proc: CliProcess): Promise<number> {
  let out: Output = createOutput(wantsJson(proc.argv), proc);
  let services: Services | undefined;
  let reader: LibraryReader | undefined;
  const closeAll = (): void => {
    services?.close();
    reader?.close();
  };
  // A forced stop (a second Ctrl-C, or the first during a command that cannot wind down) still closes the library:
  // closing records what a running job had reached, so nothing is left looking sent when it was not.
  const removeCleanup = proc.interrupt.onForce(closeAll);
  try {
    // Help and the version load neither the argument parsers (zod) nor the core: scripts call them in loops.
    const quick = quickCommand(proc.argv);
    if (quick) {
      proc.stdout.write(`${quick.name === 'help' ? generalUsage() : versionLine()}\n`);
      return EXIT_OK;
    }
    const command = await (await import('./args.ts')).parseCommandLine(proc.argv);
    if (command.name === 'help' && command.unknown !== undefined) {
      proc.stderr.write(`lagoon: ${command.unknown}\n`);
      proc.stdout.write(`${generalUsage()}\n`);
      return EXIT_INVALID_INPUT;
    }
    if (command.name === 'help' || command.name === 'version') {
      proc.stdout.write(`${command.name === 'help' ? (await import('./usage.ts')).usage(command.topic) : versionLine()}\n`);
      return EXIT_OK;
    }
    out = createOutput(command.json, proc);
    const core = await import('./coreSetup.ts');
    const config = core.configFrom(proc.env);
    const secrets = await core.secretStoreFrom(proc.env, config);
    const withServices = LIBRARY_READERS.has(command.name) ? null : await import('./coreServices.ts');
    const ctx: CliContext = {
      out,
      secrets,
      services: () => {
        if (!withServices) throw new Error(`"${command.name}" only reads the library; it has no services.`);
        return (services ??= withServices.openServices(config, secrets, NEEDS_LIBRARY.has(command.name), proc.inspectWorkerPath));
      },
      library: () => services ?? (reader ??= core.openLibraryReader(config, proc.stderr)),
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
    closeAll();
  }
}
