import type { ReactNode } from 'react';

interface Props {
  testId: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  label: ReactNode;
  help: ReactNode;
}

/** A checkbox with its label and a line of help beneath, as every switch of the forms shows it. */
export function CheckField({ testId, checked, onChange, label, help }: Props) {
  return (
    <label className="check">
      <input type="checkbox" data-testid={testId} checked={checked} onChange={(e) => onChange(e.target.checked)} />
      <span>
        <span className="check__label">{label}</span>
        <span className="check__help">{help}</span>
      </span>
    </label>
  );
}
