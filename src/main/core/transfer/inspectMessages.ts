import type { AppErrorPayload } from '../../../shared/errors.ts';
import type { ImageFormat } from '../../../shared/venice.ts';
import type { RenderedImage } from '../library/renderImage.ts';
import type { Inspection, InspectTask } from './inspectImage.ts';

/**
 * The messages between inspector.ts and inspectWorker.ts: `inspect` reads an untrusted file's structure and
 * metadata, `render` probes and thumbnails it (after the duplicate check, so a duplicate is never decoded). Bytes
 * cross by transfer, not copy, where a buffer owns its whole ArrayBuffer (a file read whole does); a slice of Node's
 * shared pool is copied, since transferring would take the pool away from everything else in that thread.
 */
export interface InspectRequest {
  kind: 'inspect';
  id: number;
  bytes: Uint8Array;
  format: ImageFormat;
  fileName: string;
  importedAt: number;
}

export interface RenderRequest {
  kind: 'render';
  id: number;
  bytes: Uint8Array;
  format: ImageFormat;
}

export type WorkerRequest = InspectRequest | RenderRequest;

/** The worker's first message: its modules are loaded and it takes files. */
export const READY = 'ready';

export interface InspectReply {
  kind: 'inspect';
  id: number;
  bytes: Uint8Array;
  inspection: Inspection;
}

export interface RenderReply {
  kind: 'render';
  id: number;
  bytes: Uint8Array;
  rendered: RenderedImage | { error: AppErrorPayload };
}

export type WorkerReply = InspectReply | RenderReply;

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

interface Outgoing<T> {
  message: T;
  transfer: ArrayBuffer[];
}

export const requestOf = (id: number, task: InspectTask): Outgoing<InspectRequest> => {
  const transfer: ArrayBuffer[] = [];
  const bytes = transferable(task.bytes, transfer);
  return { message: { kind: 'inspect', id, bytes, format: task.format, fileName: task.fileName, importedAt: task.importedAt }, transfer };
};

export const renderRequestOf = (id: number, bytes: Uint8Array, format: ImageFormat): Outgoing<RenderRequest> => {
  const transfer: ArrayBuffer[] = [];
  return { message: { kind: 'render', id, bytes: transferable(bytes, transfer), format }, transfer };
};

export const taskOf = (request: InspectRequest): InspectTask => ({
  bytes: asBuffer(request.bytes),
  format: request.format,
  fileName: request.fileName,
  importedAt: request.importedAt,
});

export const replyOf = (id: number, bytes: Uint8Array, inspection: Inspection): Outgoing<InspectReply> => {
  const transfer: ArrayBuffer[] = [];
  const back = transferable(bytes, transfer);
  if (!inspection.ok || inspection.decoderBytes === null) return { message: { kind: 'inspect', id, bytes: back, inspection }, transfer };
  const decoderBytes = asBuffer(transferable(inspection.decoderBytes, transfer));
  return { message: { kind: 'inspect', id, bytes: back, inspection: { ...inspection, decoderBytes } }, transfer };
};

export const renderReplyOf = (id: number, bytes: Uint8Array, rendered: RenderReply['rendered']): Outgoing<RenderReply> => {
  const transfer: ArrayBuffer[] = [];
  const back = transferable(bytes, transfer);
  if ('error' in rendered) return { message: { kind: 'render', id, bytes: back, rendered }, transfer };
  // Copied, not transferred: they are small, and memory sharp made may not be detachable.
  const thumbnail = asBuffer(new Uint8Array(rendered.thumbnail));
  const placeholder = asBuffer(new Uint8Array(rendered.placeholder));
  return { message: { kind: 'render', id, bytes: back, rendered: { ...rendered, thumbnail, placeholder } }, transfer };
};

/** Structured clone turns Buffers into plain Uint8Arrays: make them Buffers again. */
export const inspectionOf = (reply: InspectReply): { bytes: Buffer; inspection: Inspection } => {
  const { inspection } = reply;
  const bytes = asBuffer(reply.bytes);
  if (!inspection.ok || inspection.decoderBytes === null) return { bytes, inspection };
  return { bytes, inspection: { ...inspection, decoderBytes: asBuffer(inspection.decoderBytes) } };
};

export const renderedOf = (reply: RenderReply): { bytes: Buffer; rendered: RenderReply['rendered'] } => {
  const { rendered } = reply;
  const bytes = asBuffer(reply.bytes);
  if ('error' in rendered) return { bytes, rendered };
  return { bytes, rendered: { ...rendered, thumbnail: asBuffer(rendered.thumbnail), placeholder: asBuffer(rendered.placeholder) } };
};
