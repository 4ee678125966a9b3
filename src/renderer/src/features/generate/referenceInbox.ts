/**
 * "Use as reference" from anywhere in the app (the viewer today) to the Generate form, without threading a
 * callback through every view in between: the form adds the ids to its reference images, the app shows the form.
 */
type Listener = (ids: readonly string[]) => void;

const listeners = new Set<Listener>();
const forms = new Set<Listener>();
// Sent while no form was mounted (the window opened on the Library, and the form mounts only when first shown): kept
// for the form, which takes them as it mounts, instead of being lost.
let undelivered: string[] = [];

export const sendToReferences = (ids: readonly string[]): void => {
  if (ids.length === 0) return;
  if (forms.size === 0) undelivered = [...undelivered, ...ids];
  for (const form of forms) form(ids);
  for (const listener of listeners) listener(ids);
};

/** Everything else that follows a send (the app shows the form, the viewer closes). Returns the unsubscribe function. */
export const onReferencesSent = (listener: Listener): (() => void) => {
  listeners.add(listener);
  return () => void listeners.delete(listener);
};

/** The Generate form's own subscription: it first gets what was sent before it mounted. */
export const receiveReferences = (form: Listener): (() => void) => {
  forms.add(form);
  if (undelivered.length > 0) {
    const ids = undelivered;
    undelivered = [];
    form(ids);
  }
  return () => void forms.delete(form);
};
