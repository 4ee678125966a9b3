import type { ReactNode } from 'react';

interface Props {
  /** The control's id: the label points at it. */
  id: string;
  label: ReactNode;
  /** Shown beside the label (a refresh link, a counter); the label then sits in a row with them. */
  tools?: ReactNode;
  /** Extra classes beside `field` (`field--wide`, …). */
  className?: string;
  /** The control, then what follows it (help, the per-model notes, warnings). */
  children: ReactNode;
}

/** One labelled form field: the label above its control, and whatever the form says about it below. */
export function Field({ id, label, tools, className, children }: Props) {
  const labelElement = (
    <label className="field__label" htmlFor={id}>
      {label}
    </label>
  );
  return (
    <div className={className ? `field ${className}` : 'field'}>
      {tools === undefined ? (
        labelElement
      ) : (
        <div className="field__label-row">
          {labelElement}
          {tools}
        </div>
      )}
      {children}
    </div>
  );
}
