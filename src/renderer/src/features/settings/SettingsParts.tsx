import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../ui/Field.tsx';

/** One section of the Settings view: a panel under its heading. */
export function SettingsSection({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="panel settings-section" aria-labelledby={id}>
      <h2 id={id} className="settings-section__title">
        {title}
      </h2>
      {children}
    </section>
  );
}

interface NumberProps {
  /** `<id>-input` is the input's id and test id. */
  id: string;
  label: string;
  help: string;
  value: string;
  /** Whether the text is a number within its bounds (checked by the caller). */
  valid: boolean;
  inputMode: 'numeric' | 'decimal';
  onChange: (value: string) => void;
}

/** A number typed by the user, as text: marked invalid (once something is typed) when it is out of bounds. */
export function SettingsNumberField({ id, label, help, value, valid, inputMode, onChange }: NumberProps) {
  return (
    <Field id={`${id}-input`} label={label}>
      <input id={`${id}-input`} className="input input--number" data-testid={`${id}-input`} inputMode={inputMode} value={value} aria-invalid={value !== '' && !valid} onChange={(e) => onChange(e.target.value)} />
      <p className="field__help">{help}</p>
    </Field>
  );
}

/** A settings form's Save button, and what was saved once it was. */
export function SettingsSaveRow({ testId, savedTestId, disabled, savedText }: { testId: string; savedTestId: string; disabled: boolean; savedText: string | null }) {
  const { t } = useTranslation();
  return (
    <div className="settings-grid__actions">
      <button type="submit" className="button button--primary button--small" data-testid={testId} disabled={disabled}>
        {t('common.save')}
      </button>
      {savedText !== null && (
        <span className="feedback" role="status" data-testid={savedTestId}>
          {savedText}
        </span>
      )}
    </div>
  );
}
