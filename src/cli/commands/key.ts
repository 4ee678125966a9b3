import type { KeyStatus } from '../../shared/ipc/schemas/settings.ts';
import { forgetSecret, registerSecret } from '../../main/core/log.ts';
import { keyStatus, normalizeApiKey } from '../../main/core/secrets/apiKey.ts';
import { API_KEY_ENV_VAR, environmentKeyRefusal, isEnvStore } from '../../main/core/secrets/envStore.ts';
import type { CliContext } from '../context.ts';
import { EXIT_OK } from '../exitCodes.ts';
import { readKeyInput } from '../readSecret.ts';

/** Only the masked hint the app's Settings show: whether a key is there, its last four characters, where it lives. */
const describe = (status: KeyStatus): string =>
  status.present
    ? `An API key is set${status.last4 ? ` (ending in ${status.last4})` : ''}, from ${status.backend}.`
    : `No API key is stored in ${status.backend}. Add one with "lagoon key set", or set ${API_KEY_ENV_VAR} for scripts.`;

export async function keyStatusCommand(ctx: CliContext): Promise<number> {
  const status = keyStatus(await ctx.secrets.get(), ctx.secrets.backend);
  ctx.out.emit(status, () => describe(status));
  return EXIT_OK;
}

export async function keySetCommand(ctx: CliContext): Promise<number> {
  // Refused before asking: pasting a key only to be told it cannot be stored would be rude.
  if (isEnvStore(ctx.secrets)) throw environmentKeyRefusal('replace');
  const key = normalizeApiKey(await readKeyInput(ctx.stdin, ctx.stderr));
  registerSecret(key);
  await ctx.secrets.set(key);
  const status = keyStatus(key, ctx.secrets.backend);
  ctx.out.emit(status, () => `Saved the API key${status.last4 ? ` (ending in ${status.last4})` : ''} in ${status.backend}.`);
  return EXIT_OK;
}

export async function keyClearCommand(ctx: CliContext): Promise<number> {
  if (isEnvStore(ctx.secrets)) throw environmentKeyRefusal('remove');
  const old = await ctx.secrets.get();
  await ctx.secrets.delete();
  if (old) forgetSecret(old);
  const status = keyStatus(null, ctx.secrets.backend);
  ctx.out.emit(status, () => (old ? `Removed the API key from ${status.backend}.` : `There was no API key in ${status.backend}; nothing to remove.`));
  return EXIT_OK;
}
