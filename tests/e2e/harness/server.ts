import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { WebSocketServer, type WebSocket } from 'ws';
import { contentSecurityPolicy } from '../../../src/shared/csp.ts';
import type { CoreConfig } from '../../../src/main/core/config.ts';
import { createCore, type Core } from '../../../src/main/core/createCore.ts';
import { type ContextCall, decodeBridgeBytes, makeTestContext, type TestDialogs } from './testContext.ts';

export interface Harness {
  url: string;
  core: Core;
  /** Every call the core made on a request's context (drags, dialogs, clipboard, reveal), in order. */
  calls: ContextCall[];
  close(): Promise<void>;
}

const BRIDGE_PATH = '/__harness/bridge.js';
const bridgeSource = readFile(join(import.meta.dirname, 'bridge.browser.js'));

/**
 * Serves the built renderer exactly as the lagoon:// protocol would (same handler, same CSP but for the bridge's
 * WebSocket), and answers `window.api` requests by calling the very dispatch the Electron IPC handler calls.
 */
export const startHarness = async (
  config: CoreConfig,
  rendererDir: string,
  dialogs: () => TestDialogs = () => ({ exportDir: null, importPaths: [] }),
  onCall: (call: ContextCall) => void = () => {},
): Promise<Harness> => {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const core = await createCore(config, {
    rendererDir,
    // As in the app, the long database checks run on a worker thread (here from source, by type stripping).
    checkWorkerPath: fileURLToPath(new URL('../../../src/main/core/db/checkWorker.ts', import.meta.url)),
    inspectWorkerPath: fileURLToPath(new URL('../../../src/main/core/transfer/inspectWorker.ts', import.meta.url)),
    migrateWorkerPath: fileURLToPath(new URL('../../../src/main/core/db/migrateWorker.ts', import.meta.url)),
    csp: contentSecurityPolicy({ connectSrc: `ws://127.0.0.1:${(server.address() as AddressInfo).port}` }),
  });
  const calls: ContextCall[] = [];
  const context = makeTestContext(dialogs, (call) => {
    calls.push(call);
    onCall(call);
  });

  server.on('request', (req, res) => void serveHttp(req, res, origin, core).catch(() => res.destroy()));

  // The analog of Electron's sender check: only pages of this very origin may speak the contract.
  // A dropped file travels as base64 inside JSON: room for the contract's 64 MiB cap.
  const wss = new WebSocketServer({
    server,
    path: '/__harness/ws',
    maxPayload: 128 * 1024 * 1024,
    verifyClient: ({ origin: o }: { origin: string }) => o === origin,
  });
  const sockets = new Set<WebSocket>();
  wss.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('message', async (raw) => {
      const frame = JSON.parse(String(raw)) as { id: number; route: unknown; input: unknown };
      const result = await core.dispatch(frame.route, decodeBridgeBytes(frame.input), context);
      socket.send(JSON.stringify({ type: 'reply', id: frame.id, result }));
    });
  });
  const unsubscribe = core.onEvent((name, payload) => {
    for (const socket of sockets) socket.send(JSON.stringify({ type: 'event', name, payload }));
  });

  return {
    url: `${origin}/index.html`,
    core,
    calls,
    async close() {
      unsubscribe();
      for (const socket of sockets) socket.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      core.close();
    },
  };
};

const serveHttp = async (req: IncomingMessage, res: ServerResponse, origin: string, core: Core): Promise<void> => {
  if (req.url === BRIDGE_PATH) {
    res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' }).end(await bridgeSource);
    return;
  }
  const response = await core.appRequestHandler(new Request(`${origin}${req.url ?? '/'}`, { method: req.method ?? 'GET' }));
  const headers = Object.fromEntries(response.headers);
  if ((response.headers.get('content-type') ?? '').startsWith('text/html') && response.ok) {
    // The one difference from the app: the bridge script stands where the preload would be.
    const html = (await response.text()).replace('<head>', `<head><script src="${BRIDGE_PATH}"></script>`);
    delete headers['content-length'];
    res.writeHead(response.status, headers).end(html);
    return;
  }
  res.writeHead(response.status, headers);
  if (response.body) Readable.fromWeb(response.body as import('node:stream/web').ReadableStream).pipe(res);
  else res.end();
};
