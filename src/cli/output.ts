import type { AppErrorPayload } from '../shared/errors.ts';

/** The streams a command may use; main passes the process's own, so nothing else writes to the terminal. */
export interface CliStreams {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

export interface Progress {
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
  /** One failure; `context` (e.g. the prompts-file line) is added beside the error object in JSON mode. */
  failure(error: AppErrorPayload, context?: { line?: number }): void;
  /** A hint for a person, on stderr. */
  note(line: string): void;
  /** Shows that something slow is happening; on a terminal it counts the seconds. */
  progress(label: string): Progress;
}

/**
 * Prompts and model names come from the library and from Venice: control characters are shown escaped so they
 * cannot move the cursor, recolour or retitle the user's terminal.
 */
export const printable = (text: string): string =>
  text.replace(/[\p{Cc}\u2028\u2029]/gu, (c) => (c === '\n' ? '⏎' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));

/** One line, at most `max` characters (code points), for tables and progress labels. */
export const shorten = (text: string, max: number): string => {
  const chars = [...printable(text.replace(/\s+/g, ' ').trim())];
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`;
};

const PROGRESS_TICK_MS = 1000;

const line = (stream: NodeJS.WritableStream, text: string): void => void stream.write(`${text}\n`);

export function createOutput(json: boolean, streams: CliStreams): Output {
  const { stdout, stderr } = streams;
  const jsonLine = (value: unknown): void => line(stdout, JSON.stringify(value));

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
    failure: (error, context) => {
      if (json) {
        jsonLine({ error: { code: error.code, message: error.message }, ...context });
        return;
      }
      const where = context?.line === undefined ? '' : `line ${context.line}: `;
      line(stderr, `lagoon: ${where}${printable(error.message)} [${error.code}]`);
    },
    note: (text) => line(stderr, text),
    progress,
  };
}
