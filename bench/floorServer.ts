// The floor's server, run as a process of its own (floorPage.ts): a bare Node HTTP server with a static page of the
// given thumbnail files in one row, and nothing of Lagoon. The page tells on the console when the row is painted with
// every thumbnail, by the browser's paint times, as the grid probe does for the app (gridProbe.browser.js).
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';

const thumbs = JSON.parse(process.env.FLOOR_THUMBS ?? '[]') as string[];
const cells = thumbs.map((_file, i) => `<img src="/thumb/${i}" width="192" height="192" alt="" decoding="async" elementtiming="row">`).join('');
const page = `<!doctype html><html><head><meta charset="utf-8"></head><body style="margin:0;background:#0b0e12">
<div style="display:grid;grid-template-columns:repeat(${thumbs.length},192px);gap:8px;padding:160px 0 0 450px">${cells}</div>
<script>
const imgs = [...document.images];
const paintedAt = new Map();
let seenAt = null;
const settle = () => {
  if (seenAt === null || paintedAt.size < imgs.length) return;
  window.floorPaintedAt = Math.max(...paintedAt.values());
  window.floorSeenAt = seenAt;
  console.debug('${process.env.FLOOR_MESSAGE}');
};
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) if (entry.renderTime > 0) paintedAt.set(entry.element, entry.renderTime);
  settle();
}).observe({ type: 'element', buffered: true });
const check = () => {
  if (!imgs.every((img) => img.complete && img.naturalWidth > 0)) return requestAnimationFrame(check);
  Promise.all(imgs.map((img) => img.decode().catch(() => undefined))).then(() =>
    requestAnimationFrame(() => { seenAt = performance.now(); settle(); }));
};
check();
</script></body></html>`;

const server = createServer((request, response) => {
  const match = /^\/thumb\/(\d+)$/u.exec(request.url ?? '');
  const file = match ? thumbs[Number(match[1])] : undefined;
  if (request.url === '/') {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
  } else if (file) {
    readFile(file).then(
      (bytes) => response.writeHead(200, { 'content-type': 'image/webp' }).end(bytes),
      () => response.writeHead(500).end(),
    );
  } else {
    response.writeHead(404).end();
  }
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/` })}\n`);
});
