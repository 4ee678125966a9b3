import type { ReactNode } from 'react';
import { Field } from './Field.tsx';

export interface SelectOption<T extends string | number> {
  value: T;
  label: string;
  disabled?: boolean;
  /** The option's own language (a language named in itself). */
  lang?: string;
}

interface Props<T extends string | number> {
  id: string;
  /** The select's test id; its id unless told. */
  testId?: string;
  label: ReactNode;
  value: T;
  options: readonly SelectOption<T>[];
  /** Called only with a value the list offers, so a caller never has to check what it gets. */
  onChange: (value: T) => void;
  /**
   * Labels a value held that the list does not offer (a style or a model gone from the catalogue): it stays shown
   * and chosen rather than the select silently showing another. '' means "nothing chosen" and is never added.
   */
  unlisted?: (value: T) => string;
  /** Extra classes beside `field` (`field--wide`, …). */
  className?: string;
  /** Extra classes beside `select` (`select--narrow`). */
  selectClassName?: string;
  /** Shown beside the label (the model list's refresh link). */
  tools?: ReactNode;
  disabled?: boolean;
  'aria-describedby'?: string | undefined;
  'aria-invalid'?: boolean | undefined;
  /** What follows the select: help, the per-model notes, warnings. */
  children?: ReactNode;
}

/** A labelled select over a list of options: every select of the forms is one of these. */
export function SelectField<T extends string | number>(props: Props<T>) {
  const { id, testId = id, label, value, onChange, unlisted, className, selectClassName, tools, children } = props;
  const listed = props.options.some((o) => o.value === value);
  const options = unlisted && !listed && value !== '' ? [...props.options, { value, label: unlisted(value) }] : props.options;
  return (
    <Field id={id} label={label} tools={tools} className={className}>
      <select
        id={id}
        className={selectClassName ? `select ${selectClassName}` : 'select'}
        data-testid={testId}
        value={value}
        disabled={props.disabled}
        aria-describedby={props['aria-describedby']}
        aria-invalid={props['aria-invalid']}
        onChange={(e) => {
          const picked = options.find((o) => String(o.value) === e.target.value);
          if (picked) onChange(picked.value);
        }}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value} disabled={o.disabled} lang={o.lang}>
            {o.label}
          </option>
        ))}
      </select>
      {children}
    </Field>
  );
}
