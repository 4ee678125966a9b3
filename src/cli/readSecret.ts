import { AppError } from '../shared/errors.ts';

export interface SecretInput extends NodeJS.ReadableStream {
  isTTY?: boolean;
  setRawMode?: (mode: boolean) => unknown;
  destroy?: () => unknown;
}

/** Far above any key (normalizeApiKey allows 256) yet small: a runaway pipe is cut off, not buffered. */
const MAX_INPUT_BYTES = 4096;

const tooLong = (): AppError =>
  new AppError('KEY_INVALID_FORMAT', 'The input is far too long to be an API key. Pipe in only the key. Nothing was stored.');

/** Piped input: everything up to the first line break or the end, whichever comes first, so an open pipe cannot hang us. */
const readFirstLine = (stdin: SecretInput): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = (): void => {
      stdin.off('data', onData);
      stdin.off('end', onEnd);
      stdin.off('error', onError);
      stdin.pause();
      stdin.destroy?.();
    };
    const finish = (): void => {
      stop();
      resolve(Buffer.concat(chunks).toString('utf8'));
    };
    function onData(chunk: Buffer | string): void {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
      const newline = bytes.indexOf(0x0a);
      const part = newline === -1 ? bytes : bytes.subarray(0, newline);
      size += part.byteLength;
      if (size > MAX_INPUT_BYTES) {
        stop();
        reject(tooLong());
        return;
      }
      chunks.push(part);
      if (newline !== -1) finish();
    }
    function onEnd(): void {
      finish();
    }
    function onError(): void {
      stop();
      reject(new AppError('INTERNAL', 'Standard input could not be read. Nothing was stored.'));
    }
    stdin.on('data', onData);
    stdin.on('end', onEnd);
    stdin.on('error', onError);
    stdin.resume();
  });

/** Arrow keys and bracketed-paste markers arrive as escape sequences; they are never part of a key. */
// oxlint-disable-next-line no-control-regex -- matching ESC is the point
const ESCAPE_SEQUENCE = /\u001b\[[0-9;]*[~A-Za-z]/g;

/** A terminal: the key is pasted with echo off, so it never shows on screen or in a terminal's scrollback. */
const readHidden = (stdin: SecretInput, stderr: NodeJS.WritableStream): Promise<string> =>
  new Promise((resolve, reject) => {
    let typed = '';
    stderr.write('Paste your Venice API key (it will not be shown) and press Enter: ');
    const stop = (): void => {
      stdin.off('data', onData);
      stdin.setRawMode?.(false);
      stdin.pause();
      stderr.write('\n');
    };
    function onData(chunk: Buffer | string): void {
      const text = (typeof chunk === 'string' ? chunk : chunk.toString('utf8')).replace(ESCAPE_SEQUENCE, '');
      for (const char of text) {
        if (char === '\r' || char === '\n' || char === '\u0004') {
          stop();
          resolve(typed);
          return;
        }
        if (char === '\u0003') {
          stop();
          reject(new AppError('CANCELLED', 'Cancelled. Nothing was stored.'));
          return;
        }
        if (char === '\u007f' || char === '\b') typed = [...typed].slice(0, -1).join('');
        else typed += char;
        if (Buffer.byteLength(typed) > MAX_INPUT_BYTES) {
          stop();
          reject(tooLong());
          return;
        }
      }
    }
    stdin.setRawMode?.(true);
    stdin.on('data', onData);
    stdin.resume();
  });

/** The key as typed or piped, untrimmed; the caller runs it through normalizeApiKey. Never echoed. */
export const readKeyInput = (stdin: SecretInput, stderr: NodeJS.WritableStream): Promise<string> =>
  stdin.isTTY && stdin.setRawMode ? readHidden(stdin, stderr) : readFirstLine(stdin);
