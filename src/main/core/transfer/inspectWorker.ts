/**
 * Worker-thread entry for inspector.ts: inspects or renders one untrusted file per message (WorkerRequest) and
 * answers with a WorkerReply, handing the file's bytes back. Parsing hostile metadata and decoding here keeps the
 * main process answering the window; the parent enforces the time budgets and this thread's heap cap.
 */
import { parentPort } from 'node:worker_threads';
import { AppError, isAppError } from '../../../shared/errors.ts';
import { renderImage } from '../library/renderImage.ts';
import { inspectImage } from './inspectImage.ts';
import { type RenderRequest, READY, renderReplyOf, replyOf, taskOf, type WorkerRequest } from './inspectMessages.ts';

const render = async (request: RenderRequest) => {
  const bytes = Buffer.from(request.bytes.buffer, request.bytes.byteOffset, request.bytes.byteLength);
  try {
    return renderReplyOf(request.id, request.bytes, await renderImage(bytes, request.format));
  } catch (error) {
    const payload = (isAppError(error) ? error : new AppError('INVALID_RESPONSE', 'The image could not be decoded.')).toPayload();
    return renderReplyOf(request.id, request.bytes, { error: payload });
  }
};

parentPort?.on('message', (request: WorkerRequest) => {
  if (request.kind === 'render') {
    void render(request).then(({ message, transfer }) => {
      // A worker's port has no origin to name (the lint rule is for window.postMessage).
      // oxlint-disable-next-line unicorn/require-post-message-target-origin
      parentPort?.postMessage(message, transfer);
    });
    return;
  }
  const task = taskOf(request);
  const { message, transfer } = replyOf(request.id, task.bytes, inspectImage(task));
  // oxlint-disable-next-line unicorn/require-post-message-target-origin
  parentPort?.postMessage(message, transfer);
});
// Loading this module graph can take seconds on a busy machine: the parent starts a file's budget only after this.
// oxlint-disable-next-line unicorn/require-post-message-target-origin
parentPort?.postMessage(READY);
