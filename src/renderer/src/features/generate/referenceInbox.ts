/**
 * "Use as reference" from anywhere in the app (the viewer today) to the Generate form, without threading a
 * callback through every view in between: the form adds the ids to its reference images, the app shows the form.
 */
type Listener = (ids: readonly string[]) => void;

const listeners = new Set<Listener>();

export const sendToReferences = (ids: readonly string[]): void => {
  if (ids.length === 0) return;
  for (const listener of listeners) listener(ids);
};

/** Returns the unsubscribe function, so it can be an effect's cleanup. */
export const onReferencesSent = (listener: Listener): (() => void) => {
  listeners.add(listener);
  return () => void listeners.delete(listener);
};
