/**
 * Worker-thread entry for inspector.ts: inspects one untrusted file per message (InspectRequest) and answers with an
 * InspectReply, handing the file's bytes back. Parsing hostile metadata here keeps the main process answering the
 * window; the parent enforces the time budget and this thread's heap cap.
 */
import { parentPort } from 'node:worker_threads';
import { inspectImage } from './inspectImage.ts';
import { type InspectRequest, READY, replyOf, taskOf } from './inspectMessages.ts';

parentPort?.on('message', (request: InspectRequest) => {
  const task = taskOf(request);
  const { reply, transfer } = replyOf(request.id, task.bytes, inspectImage(task));
  // A worker's port has no origin to name (the lint rule is for window.postMessage).
  // oxlint-disable-next-line unicorn/require-post-message-target-origin
  parentPort?.postMessage(reply, transfer);
});
// Loading this module graph can take seconds on a busy machine: the parent starts a file's budget only after this.
// oxlint-disable-next-line unicorn/require-post-message-target-origin
parentPort?.postMessage(READY);
