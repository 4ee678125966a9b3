/**
 * Dragging library images onto a place in the page that takes them (the iterate form's inputs), as opposed to
 * dragging them out to other apps. While such a target is on screen a tile's drag stays a page drag carrying the
 * ids; otherwise it becomes main's native file drag (dragOut.ts).
 */
export const IMAGE_IDS_MIME = 'application/x-lagoon-image-ids';

let targets = 0;

/** Registers a drop target for library images; call the returned function when it leaves the screen. */
export const acceptImageDrops = (): (() => void) => {
  targets += 1;
  let done = false;
  return () => {
    if (done) return;
    done = true;
    targets -= 1;
  };
};

export const imageDropsAccepted = (): boolean => targets > 0;

/** The ids a page drag carries, in order; empty when it carries none. */
export const droppedImageIds = (data: DataTransfer | null): string[] =>
  (data?.getData(IMAGE_IDS_MIME) ?? '').split('\n').filter((id) => /^[0-9a-f-]{36}$/i.test(id));
