import { type ReactNode, useCallback, useEffect, useId, useRef, useState } from 'react';
import { OVERLAY_ATTRIBUTE } from '../shortcuts/rule.ts';
import { focusFirstField } from './focusFirstField.ts';

interface Props {
  label: ReactNode;
  testId: string;
  /** Defaults to `<testId>-panel`. */
  panelTestId?: string;
  buttonClass?: string;
  /** The root's class (positions the panel); the bulk bar's popovers open upwards. */
  className?: string;
  panelClass?: string;
  disabled?: boolean;
  title?: string;
  /** Called as the panel opens (to refresh what it lists). */
  onOpen?: () => void;
  /** Rendered while open; `close` lets a choice dismiss it (focus goes back to the button). */
  children: (close: () => void) => ReactNode;
}

/**
 * A button with a small panel; closes on Escape or a click elsewhere. The panel takes focus as it opens and marks
 * itself an overlay, so the page's single-key shortcuts are off while it is open.
 */
export function Popover({ label, testId, panelTestId = `${testId}-panel`, buttonClass = 'button button--small', className = 'popover', panelClass = 'popover__panel', disabled = false, title, onOpen, children }: Props) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  // The button as state, not a ref: `close` is handed to the panel's content while rendering.
  const [button, setButton] = useState<HTMLButtonElement | null>(null);
  const panel = useRef<HTMLDivElement>(null);
  const panelId = useId();

  useEffect(() => {
    if (!open) return;
    if (panel.current) focusFirstField(panel.current);
    const onPointer = (e: PointerEvent) => {
      if (root.current && e.target instanceof Node && !root.current.contains(e.target)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);

  const close = useCallback(() => {
    setOpen(false);
    button?.focus();
  }, [button]);

  return (
    <div
      ref={root}
      className={className}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          e.stopPropagation();
          close();
        }
      }}
    >
      <button
        ref={setButton}
        type="button"
        className={buttonClass}
        data-testid={testId}
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        disabled={disabled}
        title={title}
        onClick={() => {
          if (!open) onOpen?.();
          setOpen(!open);
        }}
      >
        {label}
      </button>
      {open && (
        <div ref={panel} id={panelId} className={`raised-panel ${panelClass}`} data-testid={panelTestId} tabIndex={-1} {...{ [OVERLAY_ATTRIBUTE]: '' }}>
          {children(close)}
        </div>
      )}
    </div>
  );
}
