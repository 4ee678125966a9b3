/** What Lagoon can import; anything else dropped alongside (a .txt, a .DS_Store) is skipped, not sent. */
const IMPORTABLE = /\.(png|jpe?g|webp)$/i;
/** The contract's cap for one dropped file (library.ts's MAX_IMPORT_FILE_BYTES; that module imports zod). */
export const MAX_IMPORT_FILE_BYTES = 64 * 1024 * 1024;
/** A dropped folder is walked, but not without end: a drop of the home folder should not hang the window. */
const MAX_FILES = 20_000;

export interface DroppedFiles {
  files: File[];
  /** Files dropped that are not images Lagoon reads. */
  ignored: number;
}

const readAll = (reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> =>
  new Promise((resolve, reject) => {
    const all: FileSystemEntry[] = [];
    // readEntries answers in batches (100 in Chromium) until it returns an empty one.
    const next = () =>
      reader.readEntries((batch) => {
        if (batch.length === 0) resolve(all);
        else {
          all.push(...batch);
          next();
        }
      }, reject);
    next();
  });

const fileOf = (entry: FileSystemFileEntry): Promise<File> => new Promise((resolve, reject) => entry.file(resolve, reject));

const isDirectory = (e: FileSystemEntry): e is FileSystemDirectoryEntry => e.isDirectory;
const isFile = (e: FileSystemEntry): e is FileSystemFileEntry => e.isFile;

/**
 * The files of a drop, folders walked recursively. Entries must be taken synchronously inside the drop event
 * (the DataTransfer is emptied once it returns), which is why this takes the items and not the event.
 */
export const entriesOf = (items: DataTransferItemList): FileSystemEntry[] =>
  [...items].map((item) => (item.kind === 'file' ? item.webkitGetAsEntry() : null)).filter((e): e is FileSystemEntry => e !== null);

export const collectFiles = async (entries: readonly FileSystemEntry[], fallback: readonly File[]): Promise<DroppedFiles> => {
  if (entries.length === 0) return split(fallback);
  const files: File[] = [];
  const queue = [...entries];
  while (queue.length > 0 && files.length < MAX_FILES) {
    const entry = queue.shift();
    if (!entry) break;
    try {
      if (isDirectory(entry)) queue.push(...(await readAll(entry.createReader())));
      else if (isFile(entry)) files.push(await fileOf(entry));
    } catch {
      // An unreadable entry (permissions, a vanished file) is skipped; the rest still import.
    }
  }
  return split(files);
};

const split = (files: readonly File[]): DroppedFiles => {
  const images = files.filter((f) => IMPORTABLE.test(f.name));
  return { files: images, ignored: files.length - images.length };
};
