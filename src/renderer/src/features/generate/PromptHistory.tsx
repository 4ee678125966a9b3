import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  prompts: readonly string[];
  /** Called when the menu opens, so the list is fresh. */
  onOpen: () => void;
  onPick: (prompt: string) => void;
}

/** Recent prompts as a small menu next to the prompt box; picking one replaces the prompt. */
export function PromptHistory({ prompts, onOpen, onPick }: Props) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  const listId = useId();

  // Closes on a click anywhere else, like any menu.
  useEffect(() => {
    if (!open) return;
    const onPointerDown = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'Escape' || !open) return;
    e.stopPropagation();
    setOpen(false);
    toggle.current?.focus();
  };

  return (
    <div className="history" ref={root} onKeyDown={onKeyDown}>
      <button
        ref={toggle}
        type="button"
        className="link-button"
        data-testid="prompt-history"
        aria-expanded={open}
        aria-controls={listId}
        onClick={() => {
          if (!open) onOpen();
          setOpen(!open);
        }}
      >
        <svg className="link-button__icon" viewBox="0 0 24 24" aria-hidden="true">
          <circle cx="12" cy="12" r="8.5" />
          <path d="M12 7.5V12l3 2" />
        </svg>
        {t('history.button')}
      </button>
      {open && (
        <div id={listId} className="history__menu" data-testid="prompt-history-list">
          {prompts.length === 0 ? (
            <p className="history__empty muted" data-testid="prompt-history-empty">
              {t('history.empty')}
            </p>
          ) : (
            <ul className="history__list" aria-label={t('history.label')}>
              {prompts.map((prompt) => (
                <li key={prompt}>
                  <button
                    type="button"
                    className="history__item prompt-text"
                    dir="auto"
                    data-testid="prompt-history-item"
                    title={prompt}
                    onClick={() => {
                      onPick(prompt);
                      setOpen(false);
                    }}
                  >
                    {prompt}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
