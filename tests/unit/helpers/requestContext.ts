import type { RequestContext } from '../../../src/main/core/ipc/router.ts';
import type { ImportPick } from '../../../src/shared/ipc/schemas/library.ts';

/** Every call a handler made on its RequestContext, in order. */
export type ContextCall =
  | { op: 'drag'; files: string[]; icon: string }
  | { op: 'chooseExportFolder' }
  | { op: 'chooseZipPath'; suggestedName: string }
  | { op: 'chooseImportSources'; pick: ImportPick }
  | { op: 'reveal'; path: string }
  | { op: 'copyImage'; path: string }
  | { op: 'copyText'; text: string };

/** What the fake "user" answers in each dialog; unset means they close it. */
export interface DialogAnswers {
  exportFolder?: string | null;
  zipPath?: string | null;
  importSources?: string[];
}

/** A RequestContext that records instead of talking to an OS; `answers` may be changed between requests. */
export const recordingContext = (answers: DialogAnswers = {}): { ctx: RequestContext; calls: ContextCall[]; answers: DialogAnswers } => {
  const calls: ContextCall[] = [];
  const ctx: RequestContext = {
    startDrag: ({ files, icon }) => void calls.push({ op: 'drag', files: [...files], icon }),
    chooseExportFolder: async () => (calls.push({ op: 'chooseExportFolder' }), answers.exportFolder ?? null),
    chooseZipPath: async (suggestedName) => (calls.push({ op: 'chooseZipPath', suggestedName }), answers.zipPath ?? null),
    chooseImportSources: async (pick) => (calls.push({ op: 'chooseImportSources', pick }), answers.importSources ?? []),
    revealFile: (path) => void calls.push({ op: 'reveal', path }),
    copyImage: (path) => void calls.push({ op: 'copyImage', path }),
    copyText: (text) => void calls.push({ op: 'copyText', text }),
  };
  return { ctx, calls, answers };
};

/** For tests about other routes: a context whose dialogs are always closed. */
export const inertContext = (): RequestContext => recordingContext().ctx;
