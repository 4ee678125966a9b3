import { AppError } from '../../../shared/errors.ts';
import type { JobRequest, StyleReference } from '../../../shared/ipc/schemas/jobs.ts';
import type { NativeImageRequest } from '../../../shared/venice.ts';
import { STYLE_REFERENCE_LIMITS } from '../../../shared/veniceFacts.ts';
import type { LineageRecord } from '../iterate/lineageStore.ts';
import { describeInput, loadInputs, type LoadedInput } from '../iterate/loadInputs.ts';
import type { Library } from '../library/library.ts';

/**
 * Reference images on generate (`style_references`, API notes §2.1). They are read and checked like the edit family's
 * inputs (a real PNG/JPEG/WebP, 65,536–33,177,600 pixels) and, as Venice asks of references, under 8 MB. Their hash
 * is fixed when the job is queued and checked again just before sending, so a changed file is never sent in place
 * of the one chosen. Every failure happens before anything leaves the machine.
 */

type ReferenceBody = NonNullable<NativeImageRequest['style_references']>;

const tooHeavy = (input: LoadedInput, index: number): AppError =>
  new AppError(
    'INVALID_INPUT',
    `Reference image ${index + 1} is ${(input.bytes.length / 1024 / 1024).toFixed(1)} MB; Venice takes reference images under 8 MB. Nothing was sent.`,
    { problem: 'too_heavy', field: 'styleReferences', input: index, bytes: input.bytes.length, attempts: 0, mayHaveBeenCharged: false },
  );

const load = async (library: Library, refs: readonly StyleReference[]): Promise<LoadedInput[]> => {
  // exactOptionalPropertyTypes: an input without its hash yet is an InputRef, which loadInputs hashes.
  const inputs = await loadInputs(
    library,
    refs.map(({ input }) => {
      const { sha256, ...named } = input;
      return sha256 === undefined ? named : { ...named, sha256 };
    }),
  );
  inputs.forEach((input, i) => {
    if (input.bytes.length >= STYLE_REFERENCE_LIMITS.maxBytes) throw tooHeavy(input, i);
  });
  return inputs;
};

/** A generation request with every reference image read, checked and hashed; other requests pass unchanged. */
export const hashStyleReferences = async (library: Library, request: JobRequest): Promise<JobRequest> => {
  if (request.endpoint !== 'native' || !request.styleReferences) return request;
  const refs = request.styleReferences;
  const inputs = await load(library, refs);
  return { ...request, styleReferences: refs.map((ref, i) => ({ ...ref, input: (inputs[i] as LoadedInput).ref })) };
};

export interface LoadedReferences {
  /** What Venice is sent: the bytes as base64. */
  body: ReferenceBody;
  /** What the image records instead: each reference by library id (or file name) and sha256, with its strength. */
  recorded: Array<Record<string, unknown>>;
  parents: LineageRecord['parents'];
}

export const loadStyleReferences = async (library: Library, refs: readonly StyleReference[]): Promise<LoadedReferences> => {
  const inputs = await load(library, refs);
  const strengthOf = (i: number) => {
    const strength = refs[i]?.strength;
    return strength === undefined ? {} : { strength };
  };
  return {
    body: inputs.map((input, i) => ({ image: input.bytes.toString('base64'), ...strengthOf(i) })),
    recorded: inputs.map((input, i) => ({ ...describeInput(input), ...strengthOf(i) })),
    parents: inputs.map((input) => ({ id: input.ref.kind === 'library' ? input.ref.id : null, sha256: input.sha256, role: 'reference' as const })),
  };
};
