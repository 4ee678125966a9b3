import { type MouseEvent, type SyntheticEvent, useCallback, useEffect, useRef } from 'react';
import { onReferencesSent } from '../generate/referenceInbox.ts';

/**
 * The viewer's modal <dialog>, which gives focus trapping, Escape and inertness of the page behind it for free. It
 * opens with the focus on its close button, closes on a click on the backdrop, and closes when "Use as reference"
 * takes the user to the Generate form (as it does for Reuse settings). `onEscape`, when given, takes Escape instead
 * of closing (ending a comparison first; a second Escape closes the viewer).
 */
export const useViewerDialog = (onEscape: (() => void) | null) => {
  const dialog = useRef<HTMLDialogElement>(null);
  const closeButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const el = dialog.current;
    if (el && !el.open) el.showModal();
    closeButton.current?.focus();
  }, []);
  useEffect(() => onReferencesSent(() => dialog.current?.close()), []);
  const close = useCallback(() => dialog.current?.close(), []);
  const onCancel = (e: SyntheticEvent<HTMLDialogElement>) => {
    if (!onEscape) return;
    e.preventDefault();
    onEscape();
  };
  const onBackdropClick = (e: MouseEvent<HTMLDialogElement>) => {
    if (e.target === e.currentTarget) close();
  };
  return { dialog, closeButton, close, onCancel, onBackdropClick };
};
