import { type FormEvent, type KeyboardEvent, type ReactNode, type RefObject, useState } from 'react';

interface Props {
  /** The form's class (its layout: `name-form`, `tag-entry`). */
  className: string;
  value: string;
  onChange: (value: string) => void;
  /** Whether what is typed can be sent (the button is off otherwise, and Enter does nothing). */
  ready: boolean;
  /** Sends what is typed; the field and the button wait until it settles. */
  onSubmit: () => Promise<void>;
  label: string;
  placeholder: string;
  maxLength: number;
  testId: string;
  button: { label: string; className: string; testId: string };
  inputRef?: RefObject<HTMLInputElement | null>;
  onKeyDown?: (e: KeyboardEvent<HTMLInputElement>) => void;
  /** The id of a <datalist> of suggestions, rendered as `children`. */
  list?: string;
  children?: ReactNode;
}

/** A one-field form sent by Enter or its button, as the library names and tags things; busy while it is sent. */
export function InlineEntry({ className, value, onChange, ready, onSubmit, label, placeholder, maxLength, testId, button, inputRef, onKeyDown, list, children }: Props) {
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!ready || busy) return;
    setBusy(true);
    try {
      await onSubmit();
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className={className} onSubmit={(e) => void submit(e)}>
      <input
        ref={inputRef}
        className="input input--small"
        data-testid={testId}
        aria-label={label}
        placeholder={placeholder}
        list={list}
        value={value}
        maxLength={maxLength}
        dir="auto"
        disabled={busy}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={onKeyDown}
      />
      {children}
      <button type="submit" className={button.className} data-testid={button.testId} disabled={busy || !ready}>
        {button.label}
      </button>
    </form>
  );
}
