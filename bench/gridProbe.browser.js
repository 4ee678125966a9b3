// Injected by bench/grid.bench.ts before the page's own scripts. It opens the Library as soon as its button exists
// (the bench's libraries open there already, and the click then changes nothing) and notes, on the page's own clock
// (performance.now() counts from the start of navigation), when the grid's first row was painted with every
// thumbnail, by the browser's own paint times (whenPainted, below). It also offers the scroll measurement. Only
// data-testid hooks the e2e specs already rely on (App.tsx): nav-library, grid, grid-item.
/* oxlint-disable unicorn/consistent-function-scoping -- a classic script: its outer scope is window, so helpers stay inside */
(() => {
  const FIRST_ROW_MESSAGE = 'lagoon-bench: first row painted';
  const state = { navClickAt: null, gridItemsAt: null, firstRowAt: null, firstRowSeenAt: null, firstRowImages: 0, prepaintAt: null, prepaintSeenAt: null, requests: [] };
  window.lagoonBench = state;

  // Every request the page makes of main, timed on the page's clock, read off the harness bridge's WebSocket
  // ({type: 'request', id, route} out, {type: 'reply', id} back): what stood between the click and the first page.
  const watched = new WeakSet();
  const send = WebSocket.prototype.send;
  WebSocket.prototype.send = function sendAndNote(data) {
    try {
      const frame = JSON.parse(data);
      if (frame?.type === 'request') {
        const input = frame.route === 'images.search' ? JSON.stringify(frame.input) : undefined;
        state.requests.push({ id: frame.id, route: frame.route, input, sentAt: performance.now(), doneAt: null });
      }
    } catch {
      // Not one of the bridge's frames.
    }
    if (!watched.has(this)) {
      watched.add(this);
      this.addEventListener('message', (message) => {
        const frame = JSON.parse(message.data);
        const request = frame.type === 'reply' ? state.requests.find((r) => r.id === frame.id && r.doneAt === null) : undefined;
        if (request) request.doneAt = performance.now();
      });
    }
    return send.call(this, data);
  };

  // Cells the user can see: inside the grid's scroll box (which clips the rows scrolled under the toolbar above it, and
  // the overscan rows the virtualiser keeps beyond it) and inside the window.
  const visibleItems = () => {
    const grid = document.querySelector('[data-testid="grid"]');
    if (!grid) return [];
    const box = grid.getBoundingClientRect();
    const top = Math.max(0, box.top);
    const bottom = Math.min(window.innerHeight, box.bottom);
    return [...grid.querySelectorAll('[data-testid="grid-item"]')].filter((el) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && r.bottom > top && r.top < bottom;
    });
  };

  const firstRow = (items) => {
    const top = Math.min(...items.map((el) => el.getBoundingClientRect().top));
    return items.filter((el) => Math.abs(el.getBoundingClientRect().top - top) < 2);
  };

  const loaded = (img) => img !== null && img.complete && img.naturalWidth > 0;

  // When each image was first painted with its pixels, as the browser reports it (Element Timing's renderTime: the
  // frame's presentation). That is what the user sees. A script in the page learns it later: after the decode, a
  // frame, and whatever long task the app's start runs meanwhile (its module, its first render), which on a cold start
  // was 50-150 ms. That later time is kept beside it (`...SeenAt`). The attribute that asks for the report goes on
  // each image as the parser or the app inserts it, before it can paint.
  const paintedAt = new WeakMap();
  const askPaintTime = (node) => {
    if (node.nodeType !== Node.ELEMENT_NODE) return;
    for (const img of node.tagName === 'IMG' ? [node] : node.querySelectorAll('img')) img.setAttribute('elementtiming', 'lagoon-bench');
  };
  const inserted = new MutationObserver((records) => {
    for (const record of records) for (const node of record.addedNodes) askPaintTime(node);
  });
  inserted.observe(document, { childList: true, subtree: true });

  // Rows waiting for their paint times: { imgs, painted }.
  const waiting = new Set();
  const reportPainted = () => {
    for (const row of waiting) {
      if (!row.imgs.every((img) => paintedAt.has(img))) continue;
      waiting.delete(row);
      row.painted(Math.max(...row.imgs.map((img) => paintedAt.get(img))));
    }
  };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (entry.element && entry.renderTime > 0) paintedAt.set(entry.element, entry.renderTime);
    reportPainted();
  }).observe({ type: 'element', buffered: true });

  // Calls `painted(at)` with when the last of `imgs` was painted, and `seen(at)` with when this script saw them all
  // decoded (decode() settles once the pixels are ready; the frame after it shows them). Either may come first: cold
  // navigations showed both orders.
  const whenPainted = (imgs, painted, seen) => {
    waiting.add({ imgs, painted });
    reportPainted();
    void Promise.all(imgs.map((img) => img.decode().catch(() => undefined))).then(() => requestAnimationFrame(() => seen(performance.now())));
  };

  // The prepaint (the tiles main's HTML paints before the app's script runs, id prepaint): when its first row was
  // painted, noted beside the grid's own first row. Its row is taken at the first frame its tiles are laid out in,
  // loaded or not (the app may take the prepaint away before this script gets a frame where they all are), once the
  // parser has gone past it: a frame can come while only some of its tiles have been parsed.
  let screenRow = null;
  const watchPrepaint = () => {
    const screen = document.getElementById('prepaint');
    if (!screen || screenRow || !screen.nextElementSibling) return;
    const tiles = [...screen.children].filter((el) => el.getBoundingClientRect().width > 0);
    if (!tiles.length) return;
    screenRow = firstRow(tiles).map((el) => el.querySelector('img'));
    // A tile without a picture (a blurred image) leaves the row unpainted: the prepaint then does not count.
    if (screenRow.includes(null)) return;
    whenPainted(
      screenRow,
      (at) => {
        state.prepaintAt = at;
      },
      (at) => {
        state.prepaintSeenAt = at;
      },
    );
  };

  let deciding = false;
  const tick = () => {
    watchPrepaint();
    if (state.navClickAt === null) {
      const nav = document.querySelector('[data-testid="nav-library"]');
      if (nav) {
        state.navClickAt = performance.now();
        nav.click();
      }
    }
    const items = visibleItems();
    if (items.length && state.gridItemsAt === null) state.gridItemsAt = performance.now();
    if (items.length && !deciding) {
      const imgs = firstRow(items).map((el) => el.querySelector('img'));
      if (imgs.every(loaded)) {
        deciding = true;
        // Told on the console, which the bench reads from outside, once both times are known: waiting by evaluating
        // in the page would run Playwright's own script inside the navigation being measured (about 30 ms of this
        // thread at load).
        const tell = () => {
          if (state.firstRowAt === null || state.firstRowSeenAt === null) return;
          inserted.disconnect();
          state.firstRowImages = imgs.length;
          console.debug(FIRST_ROW_MESSAGE);
        };
        whenPainted(
          imgs,
          (at) => {
            state.firstRowAt = at;
            tell();
          },
          (at) => {
            state.firstRowSeenAt = at;
            tell();
          },
        );
      }
    }
    if (!deciding) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);

  const scrollerOf = (el) => {
    for (let node = el; node; node = node.parentElement) {
      const style = getComputedStyle(node);
      if (/(auto|scroll)/.test(style.overflowY) && node.scrollHeight > node.clientHeight + 1) return node;
    }
    return document.scrollingElement;
  };

  /**
   * Jumps to `fraction` of the grid's height (a scrollbar drag, End) and resolves with the ms until a visible row
   * has all its thumbnails loaded there, or null after `timeoutMs`. Keyset paging has to walk the pages in between.
   */
  window.lagoonBenchJump = (fraction, timeoutMs) =>
    new Promise((resolve) => {
      const scroller = scrollerOf(document.querySelector('[data-testid="grid"]'));
      const start = performance.now();
      scroller.scrollTop = scroller.scrollHeight * fraction;
      const check = () => {
        const items = visibleItems();
        if (items.length && firstRow(items).every((el) => loaded(el.querySelector('img')))) resolve(performance.now() - start);
        else if (performance.now() - start > timeoutMs) resolve(null);
        else requestAnimationFrame(check);
      };
      requestAnimationFrame(check);
    });

  const painted = (el) => loaded(el.querySelector('img')) || el.querySelector('[data-placeholder="yes"]') !== null;

  /**
   * A fling: `pxPerSecond` for `durationMs`, moved by the real time between frames (a slow frame jumps further, as a
   * flung list does). Every frame it counts the visible cells showing at least their placeholder and those showing
   * their thumbnail; after the stop, the ms until every visible cell shows its thumbnail (null after `settleTimeoutMs`).
   */
  window.lagoonBenchFling = (durationMs, pxPerSecond, settleTimeoutMs) =>
    new Promise((resolve) => {
      const scroller = scrollerOf(document.querySelector('[data-testid="grid"]'));
      let seen = 0;
      let withPlaceholder = 0;
      let withThumb = 0;
      let frames = 0;
      let start = null;
      let last = null;
      const settle = () => {
        const stopped = performance.now();
        const check = () => {
          const items = visibleItems();
          if (items.length && items.every((el) => loaded(el.querySelector('img')))) finish(performance.now() - stopped);
          else if (performance.now() - stopped > settleTimeoutMs) finish(null);
          else requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      };
      const finish = (settleMs) =>
        resolve({ frames, placeholderShare: seen ? withPlaceholder / seen : 0, thumbShare: seen ? withThumb / seen : 0, settleMs });
      const step = (now) => {
        if (start === null) start = now;
        if (last !== null) {
          const items = visibleItems();
          frames++;
          seen += items.length;
          withPlaceholder += items.filter(painted).length;
          withThumb += items.filter((el) => loaded(el.querySelector('img'))).length;
        }
        if (now - start >= durationMs) return settle();
        scroller.scrollTop += last === null ? 0 : ((now - last) * pxPerSecond) / 1000;
        last = now;
        requestAnimationFrame(step);
      };
      requestAnimationFrame(step);
    });

  /** Scrolls the grid by `pxPerFrame` every frame for `durationMs`; frame deltas, DOM size and how many visible cells had their thumbnail. */
  window.lagoonBenchScroll = (durationMs, pxPerFrame) =>
    new Promise((resolve) => {
      const grid = document.querySelector('[data-testid="grid"]');
      const scroller = scrollerOf(grid);
      const deltas = [];
      const startTop = scroller.scrollTop;
      let maxNodes = document.getElementsByTagName('*').length;
      let maxItems = 0;
      let visibleSeen = 0;
      let visibleLoaded = 0;
      let last = null;
      let start = null;
      let frame = 0;
      const step = (now) => {
        if (start === null) start = now;
        if (last !== null) deltas.push(now - last);
        last = now;
        // Counting costs a walk of the DOM: every 10th frame is enough to see whether it grows.
        if (frame++ % 10 === 0) {
          maxNodes = Math.max(maxNodes, document.getElementsByTagName('*').length);
          const items = visibleItems();
          maxItems = Math.max(maxItems, document.querySelectorAll('[data-testid="grid-item"]').length);
          visibleSeen += items.length;
          visibleLoaded += items.filter((el) => loaded(el.querySelector('img'))).length;
        }
        if (now - start >= durationMs) {
          resolve({
            deltas,
            maxNodes,
            maxItems,
            visibleLoadedShare: visibleSeen ? visibleLoaded / visibleSeen : 0,
            scrolledPx: scroller.scrollTop - startTop,
            scrollHeight: scroller.scrollHeight,
          });
          return;
        }
        // By the real time since the last frame (pxPerFrame at 60 Hz): a slow frame must not slow the scroll down, or
        // a loaded machine scrolls less and every thumbnail has time to arrive.
        scroller.scrollTop += deltas.length ? (pxPerFrame * deltas.at(-1)) / (1000 / 60) : pxPerFrame;
        requestAnimationFrame(step);
      };
      requestAnimationFrame(step);
    });
})();
