import { Field } from '../../ui/Field.tsx';
import type { FieldMessage } from './fieldMessages.ts';
import { describedBy, FieldNotes } from './FieldNotes.tsx';

interface Props {
  /** The input's id and test id. */
  id: string;
  /** The form field it edits, whose per-model notes show beneath. */
  field: string;
  label: string;
  help: string;
  min: number;
  max: number;
  step: number;
  /** As typed: '' leaves the value to the model. */
  value: string;
  placeholder: string;
  messages: readonly FieldMessage[];
  onChange: (value: string) => void;
}

/** A number of the native route (steps, CFG, LoRA strength): its bounds, help, and the per-model check's notes. */
export function NumberField({ id, field, label, help, min, max, step, value, placeholder, messages, onChange }: Props) {
  return (
    <Field id={id} label={label}>
      <input
        id={id}
        className="input"
        type="number"
        data-testid={id}
        min={min}
        max={max}
        step={step}
        value={value}
        placeholder={placeholder}
        onChange={(e) => onChange(e.target.value)}
        {...describedBy(messages, field)}
      />
      <p className="field__help">{help}</p>
      <FieldNotes messages={messages} field={field} />
    </Field>
  );
}
