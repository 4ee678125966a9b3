import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { parseTags } from './tags.ts';

interface Props {
  /** Suggestions: the library's tag names. */
  tags: readonly { name: string }[];
  testId: string;
  onAdd: (tags: string[]) => Promise<boolean>;
}

/** A tag field with the library's tags as suggestions; Enter adds (several at once with commas). */
export function TagEntry({ tags, testId, onAdd }: Props) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const listId = useId();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const parsed = parseTags(text);
    if (parsed.length === 0 || busy) return;
    setBusy(true);
    const ok = await onAdd(parsed);
    setBusy(false);
    if (ok) setText('');
  };

  return (
    <form className="tag-entry" onSubmit={(e) => void submit(e)}>
      <input
        className="input input--small"
        data-testid={testId}
        aria-label={t('tags.add')}
        placeholder={t('tags.placeholder')}
        list={listId}
        value={text}
        maxLength={400}
        dir="auto"
        disabled={busy}
        onChange={(e) => setText(e.target.value)}
      />
      <datalist id={listId}>
        {tags.map((tag) => (
          <option key={tag.name} value={tag.name} />
        ))}
      </datalist>
      <button type="submit" className="button button--small" data-testid={`${testId}-submit`} disabled={busy || parseTags(text).length === 0}>
        {t('tags.addButton')}
      </button>
    </form>
  );
}
