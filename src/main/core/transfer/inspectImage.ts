import { createHash } from 'node:crypto';
import type { ImageFormat } from '../../../shared/venice.ts';
import { type ImportRecord, importRecord } from './importRecord.ts';
import { readEmbedded, stripMetadata } from './metadata.ts';
import { decoderInput } from './pngChunks.ts';

/**
 * Everything an import learns from an untrusted file before the library sees it: its hash, whether it has the
 * structure export and drag-out will demand of it later, the record its embedded metadata makes, and the bytes a
 * decoder may be given. Pure and synchronous, so it runs the same on the inspect worker or in-thread.
 */
export interface InspectTask {
  bytes: Buffer;
  format: ImageFormat;
  fileName: string;
  importedAt: number;
}

export type Inspection =
  | {
      ok: true;
      sha256: string;
      /** The sha256 of the library original this file was exported from (Lagoon's XMP), if it says so. */
      originalSha256: string | null;
      record: ImportRecord;
      /** The bytes for the decoder (a PNG's text chunks removed); null when they are the file's own bytes. */
      decoderBytes: Buffer | null;
    }
  | { ok: false; reason: 'damaged'; detail: string };

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error)).slice(0, 200);

export function inspectImage(task: InspectTask): Inspection {
  const { bytes, format } = task;
  try {
    // The same reading and writing export and drag-out do (stripping is the strictest): a file they would refuse
    // later ("missing or damaged") is refused now, so everything in the library can leave it again.
    stripMetadata(bytes, format);
  } catch (error) {
    return { ok: false, reason: 'damaged', detail: describe(error) };
  }
  const meta = readEmbedded(bytes);
  const decoder = decoderInput(bytes);
  return {
    ok: true,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    originalSha256: meta.lagoon?.sha256 ?? null,
    record: importRecord(meta, task.fileName, task.importedAt),
    decoderBytes: decoder === bytes ? null : decoder,
  };
}
