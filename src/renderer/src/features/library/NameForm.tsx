import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { cutUnits } from '../../lib/text.ts';
import { InlineEntry } from '../../ui/InlineEntry.tsx';

/** Names are kept to this many characters (a collection's, a saved search's). */
const MAX_NAME = 100;

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
  const input = useRef<HTMLInputElement>(null);

  // Shown because the user asked to name something: the field takes focus, so typing lands in it.
  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);

  return (
    <InlineEntry
      className="name-form"
      value={name}
      onChange={setName}
      ready={name.trim() !== ''}
      onSubmit={() => onSubmit(cutUnits(name.trim(), MAX_NAME))}
      label={label}
      placeholder={label}
      maxLength={MAX_NAME}
      testId={testId}
      button={{ label: t('common.save'), className: 'button button--primary button--small', testId: `${testId}-save` }}
      inputRef={input}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          e.stopPropagation();
          onCancel();
        }
      }}
    />
  );
}
