import { cliInvocation } from './cliMode.ts';

/**
 * Runs one CLI command in the main process, with no window and without waiting for Electron's ready, then exits
 * with the CLI's code. The CLI is loaded only here (its own chunk), so the window's start-up never pays for it.
 */
export const runHeadlessCli = async (
  args: readonly string[],
  build: { isPackaged: boolean; inspectWorkerPath: string },
  exit: (code: number) => void,
): Promise<void> => {
  const [{ runCli }, { installInterrupt }] = await Promise.all([import('../../cli/run.ts'), import('../../cli/interrupt.ts')]);
  const { argv, env } = cliInvocation(args, process.env, build.isPackaged);
  const interrupt = installInterrupt({ host: process, stdout: process.stdout, stderr: process.stderr });
  const code = await runCli({ argv, env, stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, interrupt, inspectWorkerPath: build.inspectWorkerPath });
  // Everything printed reaches the pipe before the process ends (a pipe's writes are asynchronous).
  await new Promise<void>((resolve) => process.stdout.write('', () => resolve()));
  exit(code);
};
