import type { KeyLike } from './cullingKeys.ts';
import { SHORTCUTS, type ShortcutId, type ShortcutScope } from './registry.ts';

/**
 * Marks an open overlay that is not a <dialog> (a popover's panel). While any overlay is open, the keys belong to it:
 * the shortcuts of everything beneath are off.
 */
export const OVERLAY_ATTRIBUTE = 'data-overlay';
const OPEN_OVERLAYS = `dialog[open], [${OVERLAY_ATTRIBUTE}]`;

/** Keys typed into a field belong to the field, never to a shortcut. */
const isTypingTarget = (target: EventTarget | null): boolean => {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'range'].includes(target.type);
};

/** An overlay is open above `layer` (the dialog whose own keys these are; null for the page). */
const overlayAbove = (layer: Element | null): boolean => [...document.querySelectorAll(OPEN_OVERLAYS)].some((el) => el !== layer);

const isChord = (e: KeyLike): boolean => e.ctrlKey || e.metaKey || e.altKey;

export interface KeyEventLike extends KeyLike {
  target: EventTarget | null;
}

/**
 * The one rule every shortcut handler goes through: what `e` does in `scope`, or null. Keys are off while a popover
 * or dialog is open above `layer`; single keys (and chords a text field uses itself) are off while typing in a field.
 * (Typing "Q2" into a collection name must never rate the selection 2 stars.)
 */
export const matchShortcut = (e: KeyEventLike, scope: ShortcutScope, layer: Element | null = null): ShortcutId | null => {
  const shortcut = SHORTCUTS.find((s) => s.scopes.includes(scope) && s.matches(e));
  if (!shortcut) return null;
  if (isTypingTarget(e.target) && (!isChord(e) || shortcut.textFieldKey)) return null;
  if (overlayAbove(layer)) return null;
  return shortcut.id;
};
