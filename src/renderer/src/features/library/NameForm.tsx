import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { cutUnits } from '../../lib/text.ts';

interface Props {
  label: string;
  initial: string;
  testId: string;
  onSubmit: (name: string) => Promise<void>;
  onCancel: () => void;
}

/** An inline name field (new collection, rename, save search): Enter saves, Escape cancels. */
export function NameForm({ label, initial, testId, onSubmit, onCancel }: Props) {
  const { t } = useTranslation();
  const [name, setName] = useState(initial);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  // Shown because the user asked to name something: the field takes focus, so typing lands in it.
  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const trimmed = name.trim();
    if (trimmed === '' || busy) return;
    setBusy(true);
    try {
      await onSubmit(cutUnits(trimmed, 100));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="name-form" onSubmit={(e) => void submit(e)}>
      <input
        ref={input}
        className="input input--small"
        data-testid={testId}
        aria-label={label}
        placeholder={label}
        value={name}
        maxLength={100}
        dir="auto"
        disabled={busy}
        onChange={(e) => setName(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            e.stopPropagation();
            onCancel();
          }
        }}
      />
      <button type="submit" className="button button--primary button--small" data-testid={`${testId}-save`} disabled={busy || name.trim() === ''}>
        {t('common.save')}
      </button>
    </form>
  );
}
