import type { ImageFormat } from '../../../shared/venice.ts';
import type { Inspection, InspectTask } from './inspectImage.ts';

/**
 * The messages between inspector.ts and inspectWorker.ts. Bytes cross by transfer, not copy, where a buffer owns its
 * whole ArrayBuffer (a file read whole does); a slice of Node's shared pool is copied, since transferring would
 * take the pool away from everything else in that thread.
 */
export interface InspectRequest {
  id: number;
  bytes: Uint8Array;
  format: ImageFormat;
  fileName: string;
  importedAt: number;
}

/** The worker's first message: its modules are loaded and it takes files. */
export const READY = 'ready';

export interface InspectReply {
  id: number;
  bytes: Uint8Array;
  inspection: Inspection;
}

const asBuffer = (u8: Uint8Array): Buffer => Buffer.from(u8.buffer, u8.byteOffset, u8.byteLength);

/** The buffer itself when it owns its memory (then it is listed for transfer), else a copy. */
const transferable = (u8: Uint8Array, transfer: ArrayBuffer[]): Uint8Array => {
  const { buffer } = u8;
  if (buffer instanceof ArrayBuffer && u8.byteOffset === 0 && u8.byteLength === buffer.byteLength) {
    transfer.push(buffer);
    return u8;
  }
  return new Uint8Array(u8);
};

export const requestOf = (id: number, task: InspectTask): { request: InspectRequest; transfer: ArrayBuffer[] } => {
  const transfer: ArrayBuffer[] = [];
  const bytes = transferable(task.bytes, transfer);
  return { request: { id, bytes, format: task.format, fileName: task.fileName, importedAt: task.importedAt }, transfer };
};

export const taskOf = (request: InspectRequest): InspectTask => ({
  bytes: asBuffer(request.bytes),
  format: request.format,
  fileName: request.fileName,
  importedAt: request.importedAt,
});

export const replyOf = (id: number, bytes: Uint8Array, inspection: Inspection): { reply: InspectReply; transfer: ArrayBuffer[] } => {
  const transfer: ArrayBuffer[] = [];
  const back = transferable(bytes, transfer);
  if (!inspection.ok || inspection.decoderBytes === null) return { reply: { id, bytes: back, inspection }, transfer };
  const decoderBytes = asBuffer(transferable(inspection.decoderBytes, transfer));
  return { reply: { id, bytes: back, inspection: { ...inspection, decoderBytes } }, transfer };
};

/** Structured clone turns Buffers into plain Uint8Arrays: make them Buffers again. */
export const inspectionOf = (reply: InspectReply): { bytes: Buffer; inspection: Inspection } => {
  const { inspection } = reply;
  const bytes = asBuffer(reply.bytes);
  if (!inspection.ok || inspection.decoderBytes === null) return { bytes, inspection };
  return { bytes, inspection: { ...inspection, decoderBytes: asBuffer(inspection.decoderBytes) } };
};
