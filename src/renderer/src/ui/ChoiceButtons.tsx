interface Props<T extends string> {
  /** The group's accessible name. */
  label: string;
  choices: readonly T[];
  value: T;
  onChange: (choice: T) => void;
  labelOf: (choice: T) => string;
  testIdOf: (choice: T) => string;
  className: string;
  /** A button's classes, chosen or not. */
  itemClassName: (chosen: boolean) => string;
}

/** One of a few choices as a row of buttons, the chosen one pressed (the generate form's mode, the iterate panel's). */
export function ChoiceButtons<T extends string>({ label, choices, value, onChange, labelOf, testIdOf, className, itemClassName }: Props<T>) {
  return (
    <div className={className} role="group" aria-label={label}>
      {choices.map((choice) => (
        <button
          key={choice}
          type="button"
          className={itemClassName(choice === value)}
          data-testid={testIdOf(choice)}
          aria-pressed={choice === value}
          onClick={() => onChange(choice)}
        >
          {labelOf(choice)}
        </button>
      ))}
    </div>
  );
}
