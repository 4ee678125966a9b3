const FIELDS = 'input:not([type="hidden"]):not([disabled]), textarea:not([disabled]), select:not([disabled]), [contenteditable="true"]';

/**
 * What an overlay does as it opens: focus its first field, or the overlay itself when it has none (a confirmation
 * then waits for a deliberate choice instead of landing on its destructive button). Typed keys so reach the overlay,
 * never the shortcuts of the page beneath it.
 */
export const focusFirstField = (overlay: HTMLElement): void => {
  const field = overlay.querySelector<HTMLElement>(FIELDS);
  (field ?? overlay).focus();
};
