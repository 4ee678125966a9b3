import { useTranslation } from 'react-i18next';
import { type FieldMessage, messagesFor } from './fieldMessages.ts';

/** The per-model check's notes for one field: errors block Generate, warnings only inform. */
export function FieldNotes({ messages, field }: { messages: readonly FieldMessage[]; field: string }) {
  const { t } = useTranslation();
  const mine = messagesFor(messages, field);
  if (mine.length === 0) return null;
  return (
    <div id={noteId(field)} className="field__notes">
      {mine.map((m) => (
        <p
          key={m.key}
          className={m.severity === 'error' ? 'field__error' : 'field__warning'}
          data-testid="field-message"
          data-field={field}
          data-severity={m.severity}
        >
          {t(m.key, m.params)}
        </p>
      ))}
    </div>
  );
}

const noteId = (field: string): string => `note-${field}`;

/** aria props for an input whose notes FieldNotes renders. */
export const describedBy = (messages: readonly FieldMessage[], field: string) => {
  const mine = messagesFor(messages, field);
  return mine.length === 0
    ? {}
    : { 'aria-describedby': noteId(field), 'aria-invalid': mine.some((m) => m.severity === 'error') || undefined };
};
