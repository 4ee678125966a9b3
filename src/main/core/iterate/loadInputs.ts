import { basename } from 'node:path';
import { AppError } from '../../../shared/errors.ts';
import type { InputRef, JobInput } from '../../../shared/iterate.ts';
import type { Library } from '../library/library.ts';
import { checkInputImage, readInputFile, type InputImage } from '../venice/inputImage.ts';

/**
 * A queued job's inputs, read again just before sending: from the library (by id) or from a file (by path), each
 * checked against Venice's bounds and against the hash recorded when the job was queued, so an image that changed
 * or vanished in between is never sent in its place. Failures here happen before anything leaves the machine.
 */
export interface LoadedInput extends InputImage {
  ref: JobInput;
}

const notSent = (message: string, extra: Record<string, unknown> = {}): AppError =>
  new AppError('INVALID_INPUT', `${message} Nothing was sent.`, { ...extra, attempts: 0, mayHaveBeenCharged: false });

/** `ref` is a queued job's input (with the hash to match) or a person's choice (InputRef, hashed here). */
const loadInput = async (library: Library, ref: JobInput | InputRef, index: number): Promise<LoadedInput> => {
  const label = ref.kind === 'library' ? `Image ${index + 1}` : basename(ref.path);
  const path = ref.kind === 'library' ? (library.get(ref.id) ? library.mediaPath('image', ref.id) : null) : ref.path;
  if (path === null) throw notSent(`${label} is not in the library any more.`, { input: index });
  let image: InputImage;
  try {
    image = await checkInputImage(await readInputFile(path, label), label);
  } catch (error) {
    if (error instanceof AppError) throw new AppError(error.code, error.message, { ...(error.details as object), attempts: 0, mayHaveBeenCharged: false, input: index });
    throw error;
  }
  if ('sha256' in ref && ref.sha256 !== image.sha256) {
    throw notSent(`${label} changed after it was queued, so it was not sent in place of the one you chose.`, { input: index });
  }
  return { ...image, ref: { ...ref, sha256: image.sha256 } as JobInput };
};

export const loadInputs = (library: Library, refs: readonly (JobInput | InputRef)[]): Promise<LoadedInput[]> =>
  Promise.all(refs.map((ref, i) => loadInput(library, ref, i)));

/** How a recorded request names an input: by library id and hash, or by file name and hash. */
export const describeInput = (input: LoadedInput): Record<string, string> =>
  input.ref.kind === 'library' ? { imageId: input.ref.id, sha256: input.sha256 } : { file: basename(input.ref.path), sha256: input.sha256 };
