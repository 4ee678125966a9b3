import type { Database } from 'better-sqlite3';
import type { Handlers } from '../../../shared/ipc/contract.ts';
import type { RequestContext } from '../ipc/router.ts';
import { imageNotFound, pngForOs, resolveHandOffFile } from '../library/handOffFiles.ts';
import type { Library } from '../library/library.ts';
import { dragCopiesFor } from '../transfer/dragCopies.ts';

type HandOffRoutes = 'images.start_drag' | 'images.copy_prompt' | 'images.copy_image' | 'images.reveal';

/**
 * Handing images to the OS. The page names images by id; main alone turns ids into paths, so a compromised page
 * can neither drag out nor reveal nor copy an arbitrary file.
 */
export const handOffHandlers = (deps: { db: Database; library: Library; dataDir: string }): Pick<Handlers<RequestContext>, HandOffRoutes> => ({
  // Every id must resolve before anything starts: a drag that silently carried fewer files than chosen would mislead.
  'images.start_drag': async ({ ids }, ctx) => {
    const unique = [...new Set(ids)];
    const resolved = [];
    for (const id of unique) resolved.push(await resolveHandOffFile(deps, id, { live: true }));
    const [first] = resolved;
    if (!first) throw imageNotFound();
    // macOS only starts a native drag while the mouse-down that began it is current, so nothing slow happens here:
    // the copies carrying metadata are byte splices made once per image and reused, and the icon is the existing
    // thumbnail (the shell falls back to the app icon where the OS cannot read a WebP).
    const files = await dragCopiesFor(deps, unique);
    ctx.startDrag({ files, icon: first.thumb ?? files[0]! });
    return { started: true as const };
  },
  'images.copy_prompt': async ({ id }, ctx) => {
    const image = deps.library.get(id);
    if (!image) throw imageNotFound();
    ctx.copyText(image.prompt);
    return { done: true as const };
  },
  'images.copy_image': async ({ id }, ctx) => {
    const { file } = await resolveHandOffFile(deps, id, { live: false });
    ctx.copyImage(await pngForOs(deps.dataDir, file, 'clipboard'));
    return { done: true as const };
  },
  'images.reveal': async ({ id }, ctx) => {
    ctx.revealFile((await resolveHandOffFile(deps, id, { live: false })).file);
    return { done: true as const };
  },
});
