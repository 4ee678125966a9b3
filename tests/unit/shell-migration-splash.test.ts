import { beforeEach, describe, expect, it, vi } from 'vitest';

// The stand-in Electron the packaged-boot test runs main with: windows journal what main asks of them.
vi.mock('electron', () => import('../packaging/electronStandIn/electron.ts'));
const { app, BrowserWindow } = await import('../packaging/electronStandIn/electron.ts');
const { memoryJournal } = await import('../packaging/electronStandIn/record.ts');
const { createMigrationSplash } = await import('../../src/main/shell/migrationSplash.ts');

// Main listens for this too; without a listener the stand-in would quit when the last window closes.
app.on('window-all-closed', () => {});

const loaded = () => memoryJournal.filter((r) => r.call === 'BrowserWindow.loadURL').map((r) => decodeURIComponent(String(r.url)));

describe('the migration splash', () => {
  beforeEach(() => {
    for (const win of BrowserWindow.getAllWindows()) win.close();
    memoryJournal.length = 0;
  });

  it('opens no window until a step is shown, then one window for all the steps', () => {
    const splash = createMigrationSplash('en-US');
    expect(BrowserWindow.getAllWindows()).toHaveLength(0);
    splash.step({ step: 1, steps: 2, name: 'search' });
    splash.step({ step: 2, steps: 2, name: 'position-counts' });
    expect(BrowserWindow.getAllWindows()).toHaveLength(1);
    expect(loaded().map((html) => /Step \d of \d/u.exec(html)?.[0])).toEqual(['Step 1 of 2', 'Step 2 of 2']);
    splash.close();
    expect(BrowserWindow.getAllWindows()).toHaveLength(0);
  });

  it('shows nothing more once the user closed it (the app is quitting), and does not open it again', () => {
    const splash = createMigrationSplash('de-DE');
    splash.step({ step: 1, steps: 3, name: 'search' });
    BrowserWindow.getAllWindows()[0]!.close();
    expect(() => splash.step({ step: 2, steps: 3, name: 'lineage' })).not.toThrow();
    expect(BrowserWindow.getAllWindows()).toHaveLength(0);
    expect(loaded()).toHaveLength(1);
    expect(() => splash.close()).not.toThrow();
  });
});
