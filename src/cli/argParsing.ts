import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import { AppError } from '../shared/errors.ts';
import { suggestion } from './didYouMean.ts';

/** The small pieces every command's parser shares: node:util's parser with our own wording, and the common flags. */

export const HELP_FLAG = { help: { type: 'boolean', short: 'h' } } as const satisfies ParseArgsOptionsConfig;
export const JSON_FLAG = { json: { type: 'boolean' } } as const satisfies ParseArgsOptionsConfig;

export const invalid = (message: string): AppError => new AppError('INVALID_INPUT', message);

export interface Parsed<T extends ParseArgsOptionsConfig> {
  values: { [K in keyof T]?: T[K] extends { multiple: true } ? string[] : T[K] extends { type: 'boolean' } ? boolean : string };
  positionals: string[];
}

/**
 * node:util's parser with messages of our own. `secretSafe` commands never echo what was typed: a user may
 * have put the key itself on the command line.
 */
export const parse = <T extends ParseArgsOptionsConfig>(command: string, args: string[], options: T, secretSafe = false): Parsed<T> => {
  try {
    const { values, positionals } = parseArgs({ args, options, strict: true, allowPositionals: true });
    return { values: values as Parsed<T>['values'], positionals };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    // An unknown --flag close to a real one is named (ours, never what was typed, which may be a pasted key).
    const typed = code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ? /'--?([^'=]+)/.exec((error as Error).message)?.[1] : undefined;
    const near = typed === undefined ? '' : suggestion(typed, Object.keys(options), '--');
    const reason =
      secretSafe || typeof code !== 'string' || !code.startsWith('ERR_PARSE_ARGS_')
        ? 'an option it does not know or an option without its value'
        : (error as Error).message
            .replace(/\. To specify a positional argument.*$/s, '')
            .replace(/\s*\n\s*/g, ' ')
            .replace(/\.$/, '');
    throw invalid(`lagoon ${command}: ${reason}.${near} Run "lagoon ${command} --help" for the options.`);
  }
};

export const noPositionals = (command: string, positionals: string[]): void => {
  if (positionals.length > 0) throw invalid(`lagoon ${command} takes no arguments besides its options.`);
};

export const oneOf = <T extends string>(flag: string, value: string | undefined, allowed: readonly T[], fallback: T): T => {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw invalid(`--${flag} must be one of ${allowed.join(', ')}; got "${value}". Nothing was sent.`);
};
