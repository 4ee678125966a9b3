import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { InlineEntry } from './InlineEntry.tsx';
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
  const listId = useId();
  const parsed = parseTags(text);
  return (
    <InlineEntry
      className="tag-entry"
      value={text}
      onChange={setText}
      ready={parsed.length > 0}
      onSubmit={async () => {
        if (await onAdd(parsed)) setText('');
      }}
      label={t('tags.add')}
      placeholder={t('tags.placeholder')}
      maxLength={400}
      testId={testId}
      button={{ label: t('tags.addButton'), className: 'button button--small', testId: `${testId}-submit` }}
      list={listId}
    >
      <datalist id={listId}>
        {tags.map((tag) => (
          <option key={tag.name} value={tag.name} />
        ))}
      </datalist>
    </InlineEntry>
  );
}
