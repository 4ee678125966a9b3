import type { AppErrorPayload } from '../shared/errors.ts';
import { asCliFailure, type CliFailure } from './failure.ts';

/** The streams a command may use; main passes the process's own, so nothing else writes to the terminal. */
export interface CliStreams {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

/** Which input a failure belongs to. */
export interface FailureContext {
  line?: number;
  prompt?: string;
}

interface Progress {
  done(): void;
}

/**
 * Human output or JSON lines, chosen once per run. Results go to stdout; in JSON mode failures go there too as
 * `{"error":{…}}` so a script reads one stream. Progress and hints always go to stderr and never mix into results.
 */
export interface Output {
  readonly json: boolean;
  /** One result: a JSON line, or the human lines. */
  emit(json: object, human: () => string): void;
  /** Human-only text on stdout (a table header, an empty-library note); nothing in JSON mode. */
  text(line: string): void;
  /** One failure; `context` (the prompts-file line and its prompt) is added beside the error object in JSON mode. */
  failure(error: AppErrorPayload | CliFailure, context?: FailureContext): void;
  /** A hint for a person, on stderr. */
  note(line: string): void;
  /** Shows that something slow is happening; on a terminal it counts the seconds. */
  progress(label: string): Progress;
}

/**
 * Prompts and model names come from the library and from Venice: control characters are shown escaped so they
 * cannot move the cursor, recolour or retitle the user's terminal, and so are the bidi embeddings, overrides and
 * isolates (U+202A–U+202E, U+2066–U+2069), which would make the text after them read in another order than it is.
 */
export const printable = (text: string): string =>
  text.replace(/[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu, (c) =>
    c === '\n' ? '⏎' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );

/** One line, at most `max` characters (code points), for tables and progress labels. */
export const shorten = (text: string, max: number): string => {
  const chars = [...printable(text.replace(/\s+/g, ' ').trim())];
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`;
};

const PROGRESS_TICK_MS = 1000;

const line = (stream: NodeJS.WritableStream, text: string): void => void stream.write(`${text}\n`);

export function createOutput(json: boolean, streams: CliStreams): Output {
  const { stdout, stderr } = streams;
  // The same value, with the characters that reorder or break a terminal's lines written as \u escapes, for whoever
  // prints a field raw (jq -r).
  const jsonLine = (value: unknown): void =>
    line(stdout, JSON.stringify(value).replace(/[\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu, (c) => `\\u${c.charCodeAt(0).toString(16)}`));

  const progress = (label: string): Progress => {
    if (!stderr.isTTY) {
      line(stderr, `${label}…`);
      return { done: () => {} };
    }
    const started = Date.now();
    const draw = (): void => void stderr.write(`\r\u001b[K${label}… ${Math.floor((Date.now() - started) / 1000)}s`);
    draw();
    const timer = setInterval(draw, PROGRESS_TICK_MS);
    timer.unref();
    return {
      done: () => {
        clearInterval(timer);
        stderr.write('\r\u001b[K');
      },
    };
  };

  return {
    json,
    emit: (value, human) => (json ? jsonLine(value) : line(stdout, human())),
    text: (text) => {
      if (!json) line(stdout, text);
    },
    failure: (raw, context) => {
      const error = asCliFailure(raw);
      if (json) {
        jsonLine({ error, ...context });
        return;
      }
      const where = context?.line === undefined ? '' : `line ${context.line}: `;
      line(stderr, `lagoon: ${where}${printable(error.message)} [${error.code}]`);
    },
    note: (text) => line(stderr, text),
    progress,
  };
}
