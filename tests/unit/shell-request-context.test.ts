import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';

/** A recording fake of the Electron APIs the request context uses. */
const fake = vi.hoisted(() => {
  const state = {
    window: { id: 'the-window' } as unknown,
    openAnswer: { canceled: false, filePaths: [] as string[] },
    saveAnswer: { canceled: false, filePath: '' as string | undefined },
    clipboardFails: false,
  };
  class ClipboardItem {
    items: Record<string, unknown>;
    constructor(items: Record<string, unknown>) {
      this.items = items;
    }
  }
  const electron = {
    BrowserWindow: { fromWebContents: vi.fn((_sender: unknown) => state.window) },
    dialog: {
      showOpenDialog: vi.fn(async (..._args: unknown[]) => state.openAnswer),
      showSaveDialog: vi.fn(async (..._args: unknown[]) => state.saveAnswer),
    },
    // A WebP path reads as an empty image, as Electron's decoder does off macOS.
    nativeImage: {
      createFromPath: vi.fn((path: string) => {
        const image = { kind: 'nativeImage', path, isEmpty: () => path.endsWith('.webp'), resize: ({ width }: { width: number }) => ({ ...image, width }) };
        return image;
      }),
    },
    app: { isPackaged: false, getAppPath: () => '/app' },
    shell: { showItemInFolder: vi.fn((_path: string) => {}) },
    clipboard: {
      write: vi.fn(async (_items: ClipboardItem[]) => {
        if (state.clipboardFails) throw new Error('clipboard busy');
      }),
      writeText: vi.fn(async (_text: string) => {
        if (state.clipboardFails) throw new Error('clipboard busy');
      }),
    },
    ClipboardItem,
  };
  return { state, electron };
});
vi.mock('electron', () => fake.electron);

const { makeRequestContext } = await import('../../src/main/shell/requestContext.ts');

const e = fake.electron;
const sender = { startDrag: vi.fn((_item: unknown) => {}) };
const dir = mkdtempSync(join(tmpdir(), 'lagoon-shell-ctx-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeEach(() => {
  vi.clearAllMocks();
  fake.state.window = { id: 'the-window' };
  fake.state.openAnswer = { canceled: false, filePaths: [] };
  fake.state.saveAnswer = { canceled: false, filePath: '' };
  fake.state.clipboardFails = false;
});

describe('startDrag', () => {
  it('drags every file from the webContents that asked, at once, the first as `file`, with the thumbnail as icon', () => {
    const ctx = makeRequestContext({ sender } as never);
    ctx.startDrag({ files: ['/lib/images/a.png', '/lib/images/b.webp'], icon: '/lib/thumbs/a.png' });
    expect(sender.startDrag).toHaveBeenCalledTimes(1); // synchronously, inside the call
    expect(sender.startDrag).toHaveBeenCalledWith({
      file: '/lib/images/a.png',
      files: ['/lib/images/a.png', '/lib/images/b.webp'],
      icon: expect.objectContaining({ path: '/lib/thumbs/a.png', width: 96 }),
    });
  });

  it("falls back to Lagoon's own icon where the OS cannot decode the WebP thumbnail", () => {
    makeRequestContext({ sender } as never).startDrag({ files: ['/lib/images/a.png'], icon: '/lib/thumbs/a.webp' });
    expect(sender.startDrag).toHaveBeenCalledWith(expect.objectContaining({ icon: expect.objectContaining({ path: '/app/resources/icon.png', width: 96 }) }));
  });

  it('starts nothing for an empty list', () => {
    makeRequestContext({ sender } as never).startDrag({ files: [], icon: '/x.png' });
    expect(sender.startDrag).not.toHaveBeenCalled();
  });
});

describe('dialogs', () => {
  it('asks for an export folder attached to the sender window, and returns null when cancelled', async () => {
    const ctx = makeRequestContext({ sender } as never);
    fake.state.openAnswer = { canceled: false, filePaths: ['/home/u/Exports'] };
    expect(await ctx.chooseExportFolder()).toBe('/home/u/Exports');
    expect(e.BrowserWindow.fromWebContents).toHaveBeenCalledWith(sender);
    expect(e.dialog.showOpenDialog).toHaveBeenCalledWith(fake.state.window, expect.objectContaining({ properties: ['openDirectory', 'createDirectory'] }));
    fake.state.openAnswer = { canceled: true, filePaths: [] };
    expect(await ctx.chooseExportFolder()).toBe(null);
  });

  it('asks where to save the zip with the suggested name', async () => {
    const ctx = makeRequestContext({ sender } as never);
    fake.state.saveAnswer = { canceled: false, filePath: '/home/u/sel.zip' };
    expect(await ctx.chooseZipPath('lagoon-export-2025-03-04.zip')).toBe('/home/u/sel.zip');
    expect(e.dialog.showSaveDialog).toHaveBeenCalledWith(
      fake.state.window,
      expect.objectContaining({ defaultPath: 'lagoon-export-2025-03-04.zip', filters: [{ name: 'Zip archive', extensions: ['zip'] }] }),
    );
    fake.state.saveAnswer = { canceled: true, filePath: undefined };
    expect(await ctx.chooseZipPath('x.zip')).toBe(null);
    fake.state.saveAnswer = { canceled: false, filePath: '' };
    expect(await ctx.chooseZipPath('x.zip')).toBe(null);
  });

  it('asks for image files (with image filters) or for folders: two pickers, as Windows and Linux cannot offer both in one', async () => {
    fake.state.openAnswer = { canceled: false, filePaths: ['/a.png', '/b.webp'] };
    expect(await makeRequestContext({ sender } as never).chooseImportSources('files')).toEqual(['/a.png', '/b.webp']);
    expect(e.dialog.showOpenDialog).toHaveBeenLastCalledWith(
      fake.state.window,
      expect.objectContaining({
        properties: ['openFile', 'multiSelections'],
        filters: expect.arrayContaining([{ name: 'Images', extensions: ['png', 'jpg', 'jpeg', 'webp'] }]),
      }),
    );
    fake.state.openAnswer = { canceled: false, filePaths: ['/photos', '/more'] };
    expect(await makeRequestContext({ sender } as never).chooseImportSources('folder')).toEqual(['/photos', '/more']);
    expect(e.dialog.showOpenDialog).toHaveBeenLastCalledWith(fake.state.window, expect.objectContaining({ properties: ['openDirectory', 'multiSelections'] }));
    fake.state.openAnswer = { canceled: true, filePaths: ['/ignored'] };
    expect(await makeRequestContext({ sender } as never).chooseImportSources('folder')).toEqual([]);
  });

  it('still shows a dialog when the sender has no window', async () => {
    fake.state.window = null;
    fake.state.openAnswer = { canceled: false, filePaths: ['/x'] };
    expect(await makeRequestContext({ sender } as never).chooseExportFolder()).toBe('/x');
    expect(e.dialog.showOpenDialog).toHaveBeenCalledWith(expect.objectContaining({ properties: ['openDirectory', 'createDirectory'] }));
  });
});

describe('file manager and clipboard', () => {
  it('reveals the file in the file manager', () => {
    makeRequestContext({ sender } as never).revealFile('/lib/images/a.png');
    expect(e.shell.showItemInFolder).toHaveBeenCalledWith('/lib/images/a.png');
  });

  it('writes text, and a PNG file as an image/png item', async () => {
    const png = join(dir, 'clip.png');
    writeFileSync(png, Buffer.from('89504e470d0a1a0a', 'hex'));
    const ctx = makeRequestContext({ sender } as never);
    ctx.copyText('a prompt ✨');
    expect(e.clipboard.writeText).toHaveBeenCalledWith('a prompt ✨');
    ctx.copyImage(png);
    await vi.waitFor(() => expect(e.clipboard.write).toHaveBeenCalledTimes(1));
    const [[item]] = e.clipboard.write.mock.calls[0] as unknown as [[{ items: Record<string, Blob> }]];
    const blob = item.items['image/png']!;
    expect(blob.type).toBe('image/png');
    expect(Buffer.from(await blob.arrayBuffer())).toEqual(Buffer.from('89504e470d0a1a0a', 'hex'));
  });

  it('logs a clipboard failure instead of throwing', async () => {
    fake.state.clipboardFails = true;
    const log = vi.fn<(line: string) => void>();
    const ctx = makeRequestContext({ sender } as never, log);
    ctx.copyText('x');
    ctx.copyImage(join(dir, 'missing.png'));
    await vi.waitFor(() => expect(log).toHaveBeenCalledTimes(2));
  });
});
