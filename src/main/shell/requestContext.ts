import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { app, BrowserWindow, clipboard, ClipboardItem, dialog, type IpcMainInvokeEvent, nativeImage, type OpenDialogOptions, shell } from 'electron';
import type { RequestContext } from '../core/ipc/router.ts';
import { redact } from '../core/log.ts';
import type { ImportPick } from '../../shared/ipc/schemas/library.ts';

const DRAG_ICON_EDGE = 96;

/**
 * The drag image, built synchronously: the thumbnail where the OS image decoder reads WebP (macOS), else Lagoon's own
 * icon (shipped as an extra resource when packaged) — never a blank drag, which macOS refuses.
 */
const dragIcon = (thumbnail: string): Electron.NativeImage => {
  const thumb = nativeImage.createFromPath(thumbnail);
  const image = thumb.isEmpty() ? nativeImage.createFromPath(appIconPath()) : thumb;
  return image.isEmpty() ? image : image.resize({ width: DRAG_ICON_EDGE });
};
const appIconPath = (): string => (app.isPackaged ? join(process.resourcesPath, 'icon.png') : join(app.getAppPath(), 'resources/icon.png'));

/** What the import dialog offers; the import itself still checks every file's magic number. */
const IMAGE_FILTERS = [
  { name: 'Images', extensions: ['png', 'jpg', 'jpeg', 'webp'] },
  { name: 'All files', extensions: ['*'] },
];

/**
 * Files and folders are two pickers because on Windows and Linux one dialog cannot pick both: asking for both shows
 * a folder picker only (Electron's dialog docs).
 */
const IMPORT_DIALOGS: Record<ImportPick, OpenDialogOptions> = {
  files: { title: 'Import images', properties: ['openFile', 'multiSelections'], filters: IMAGE_FILTERS },
  folder: { title: 'Import folders of images', properties: ['openDirectory', 'multiSelections'] },
};

/**
 * What core may ask of the window that sent a request: the OS dialogs (attached to that window, so they are
 * modal to it), a native drag, the clipboard and the file manager. Core decides every path it passes here
 * (resolved from image ids, or picked by the user in these very dialogs); this only talks to Electron.
 */
export function makeRequestContext(
  event: Pick<IpcMainInvokeEvent, 'sender'>,
  log: (line: string) => void = console.error,
): RequestContext {
  const sender = event.sender;
  const owner = (): BrowserWindow | null => BrowserWindow.fromWebContents(sender);
  const openDialog = async (options: OpenDialogOptions): Promise<string[]> => {
    const win = owner();
    const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
    return result.canceled ? [] : result.filePaths;
  };
  return {
    startDrag({ files, icon }) {
      const [file] = files;
      if (file === undefined) return;
      // `file` is required by Electron's type; `files` carries several where the OS supports it (macOS, Windows).
      sender.startDrag({ file, files, icon: dragIcon(icon) });
    },
    async chooseExportFolder() {
      const [folder] = await openDialog({ title: 'Export to folder', properties: ['openDirectory', 'createDirectory'] });
      return folder ?? null;
    },
    async chooseZipPath(suggestedName) {
      const win = owner();
      const options = { title: 'Export as zip', defaultPath: suggestedName, filters: [{ name: 'Zip archive', extensions: ['zip'] }] };
      const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
    chooseImportSources: (pick) => openDialog(IMPORT_DIALOGS[pick]),
    revealFile(path) {
      shell.showItemInFolder(path);
    },
    // Electron's clipboard follows the W3C API: asynchronous, MIME-typed. Core hands over a PNG (it converts others).
    copyImage(path) {
      readFile(path)
        .then((bytes) => clipboard.write([new ClipboardItem({ 'image/png': new Blob([bytes], { type: 'image/png' }) })]))
        .catch((error: unknown) => log(`[clipboard] copying the image failed: ${redact(error)}`));
    },
    copyText(text) {
      clipboard.writeText(text).catch((error: unknown) => log(`[clipboard] copying text failed: ${redact(error)}`));
    },
  };
}
