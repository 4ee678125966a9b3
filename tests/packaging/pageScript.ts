import type { PageContext } from './electronStandIn/page.ts';

/**
 * What the booted app's page does under the stand-in (LAGOON_STANDIN_PAGE_SCRIPT): fetch what the page would,
 * send IPC from the app's own frame and from frames that are not the app, ask for permissions and navigations main
 * must refuse, then close the window as a user would. Every answer goes to the journal for the test to judge.
 */
const APP_FRAME = { url: 'lagoon://app/index.html', parent: null };

export default async function page(ctx: PageContext): Promise<void> {
  const { record } = ctx;
  const script = await ctx.fetch('lagoon://app/index.html').then((r) => /src="\.?\/?(assets\/[^"]+\.js)"/u.exec(r.body.toString('utf8'))?.[1]);
  const asset = await ctx.fetch(`lagoon://app/${script ?? 'missing.js'}`);
  record('probe.asset', { path: script, status: asset.status, type: asset.headers['content-type'], csp: asset.headers['content-security-policy'] });
  const escape = await ctx.fetch('lagoon://app/..%2F..%2Fpackage.json');
  record('probe.escape', { status: escape.status });

  const ask = (frame: { url: string; parent: unknown; detached?: boolean }, route: string, input: unknown) =>
    ctx.invoke('lagoon:request', frame as never, route, input);
  record('probe.ipc.app', { result: await ask(APP_FRAME, 'settings.get_preferences', {}) });
  record('probe.ipc.foreign', { result: await ask({ url: 'https://evil.example/', parent: null }, 'settings.get_preferences', {}) });
  record('probe.ipc.subframe', { result: await ask({ url: 'lagoon://app/index.html', parent: APP_FRAME }, 'settings.get_preferences', {}) });
  record('probe.ipc.connection', { result: await ask(APP_FRAME, 'settings.get_connection', {}) });
  record('probe.ipc.list', { result: await ask(APP_FRAME, 'images.search', { query: {}, limit: 10 }) });

  record('probe.permission', { camera: await ctx.session.requestPermission('media'), notifications: await ctx.session.requestPermission('notifications') });
  record('probe.navigate', {
    away: ctx.webContents.tryNavigate('will-navigate', 'https://evil.example/'),
    inApp: ctx.webContents.tryNavigate('will-navigate', 'lagoon://app/index.html'),
  });
  record('probe.windowOpen', { action: ctx.webContents.windowOpenHandler?.({ url: 'https://evil.example/' }).action ?? 'allow' });

  ctx.window.close();
}
