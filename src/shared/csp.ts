/**
 * The one Content-Security-Policy, sent as a header by whoever serves the renderer (the lagoon:// protocol handler
 * in Electron, the harness in tests). `connect-src 'none'` means even an XSS cannot reach the network; the
 * harness alone widens it to its own WebSocket bridge.
 */
export const contentSecurityPolicy = (opts: { connectSrc?: string } = {}): string =>
  [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src ${opts.connectSrc ?? "'none'"}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
