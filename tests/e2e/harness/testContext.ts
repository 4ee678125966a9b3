import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RequestContext } from '../../../src/main/core/ipc/router.ts';
import type { ImportPick } from '../../../src/shared/ipc/schemas/library.ts';

/**
 * The harness's stand-in for Electron's side of a request (src/main/shell/requestContext.ts): no OS dialogs, no
 * clipboard, no file manager. The "user's" dialog answers come from the environment, and every call is reported,
 * so a spec can assert what main would have handed to the OS.
 *
 *   LAGOON_TEST_EXPORT_DIR     the folder "chosen" for exports; a zip goes there under the suggested name. Unset: the
 *                              user closes the dialog.
 *   LAGOON_TEST_IMPORT_PATHS   JSON array of absolute paths "chosen" for import. Unset: the user closes the dialog.
 *   LAGOON_TEST_DIALOGS_FILE   a JSON file `{ "exportDir"?: string | null, "importPaths"?: string[] }` read at every
 *                              dialog, overriding the two above: lets a spec change the answers without a restart.
 */
export type ContextCall =
  | { op: 'drag'; files: string[]; icon: string }
  | { op: 'chooseExportFolder'; answer: string | null }
  | { op: 'chooseZipPath'; suggestedName: string; answer: string | null }
  | { op: 'chooseImportSources'; pick: ImportPick; answer: string[] }
  | { op: 'reveal'; path: string }
  | { op: 'copyImage'; path: string }
  | { op: 'copyText'; text: string };

export interface TestDialogs {
  exportDir: string | null;
  importPaths: string[];
}

const pathList = (value: unknown, what: string): string[] => {
  if (!Array.isArray(value) || value.some((p) => typeof p !== 'string')) throw new Error(`${what} must be a JSON array of paths`);
  return value as string[];
};

/** The answers as they are now: the environment's, overridden by LAGOON_TEST_DIALOGS_FILE when it exists. */
export const dialogsFromEnv = (env: NodeJS.ProcessEnv) => (): TestDialogs => {
  const raw = env.LAGOON_TEST_IMPORT_PATHS;
  const base: TestDialogs = {
    exportDir: env.LAGOON_TEST_EXPORT_DIR || null,
    importPaths: raw ? pathList(JSON.parse(raw), 'LAGOON_TEST_IMPORT_PATHS') : [],
  };
  const file = env.LAGOON_TEST_DIALOGS_FILE;
  let text: string;
  try {
    if (!file) return base;
    text = readFileSync(file, 'utf8');
  } catch {
    return base;
  }
  const override = JSON.parse(text) as { exportDir?: string | null; importPaths?: unknown };
  return {
    exportDir: override.exportDir === undefined ? base.exportDir : override.exportDir,
    importPaths: override.importPaths === undefined ? base.importPaths : pathList(override.importPaths, 'importPaths'),
  };
};

export const makeTestContext = (dialogs: () => TestDialogs, onCall: (call: ContextCall) => void): RequestContext => ({
  startDrag: ({ files, icon }) => onCall({ op: 'drag', files: [...files], icon }),
  chooseExportFolder: async () => {
    const answer = dialogs().exportDir;
    onCall({ op: 'chooseExportFolder', answer });
    return answer;
  },
  chooseZipPath: async (suggestedName) => {
    const dir = dialogs().exportDir;
    const answer = dir === null ? null : join(dir, suggestedName);
    onCall({ op: 'chooseZipPath', suggestedName, answer });
    return answer;
  },
  chooseImportSources: async (pick) => {
    const answer = [...dialogs().importPaths];
    onCall({ op: 'chooseImportSources', pick, answer });
    return answer;
  },
  revealFile: (path) => onCall({ op: 'reveal', path }),
  copyImage: (path) => onCall({ op: 'copyImage', path }),
  copyText: (text) => onCall({ op: 'copyText', text }),
});

/**
 * The test bridge carries requests as JSON, so bridge.browser.js sends a Uint8Array (a dropped file's bytes) as
 * `{ "__bytes": "<base64>" }`; this turns it back before dispatch. Electron's IPC needs none of this (structured clone).
 */
export const decodeBridgeBytes = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(decodeBridgeBytes);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value);
  if (entries.length === 1 && entries[0]![0] === '__bytes' && typeof entries[0]![1] === 'string') {
    return new Uint8Array(Buffer.from(entries[0]![1], 'base64'));
  }
  return Object.fromEntries(entries.map(([k, v]) => [k, decodeBridgeBytes(v)]));
};
