import { type ReactNode, useEffect, useRef, useState } from 'react';

interface Props {
  label: ReactNode;
  testId: string;
  buttonClass?: string;
  disabled?: boolean;
  title?: string;
  /** Rendered while open; `close` lets a choice dismiss it. */
  children: (close: () => void) => ReactNode;
}

/** A button with a small panel above it (the bulk bar sits at the bottom); closes on Escape or a click elsewhere. */
export function Popover({ label, testId, buttonClass = 'button button--small', disabled = false, title, children }: Props) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const onPointer = (e: PointerEvent) => {
      if (root.current && e.target instanceof Node && !root.current.contains(e.target)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);

  return (
    <div
      ref={root}
      className="popover"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          e.stopPropagation();
          setOpen(false);
        }
      }}
    >
      <button type="button" className={buttonClass} data-testid={testId} aria-expanded={open} disabled={disabled} title={title} onClick={() => setOpen((o) => !o)}>
        {label}
      </button>
      {open && (
        <div className="popover__panel" data-testid={`${testId}-panel`}>
          {children(() => setOpen(false))}
        </div>
      )}
    </div>
  );
}
