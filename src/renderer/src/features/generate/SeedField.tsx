import { useTranslation } from 'react-i18next';
import { Field } from '../../ui/Field.tsx';
import type { FieldMessage } from './fieldMessages.ts';
import { randomSeed } from './randomSeed.ts';
import { describedBy, FieldNotes } from './FieldNotes.tsx';

interface Props {
  locked: boolean;
  seed: string;
  messages: readonly FieldMessage[];
  onChange: (next: { seedLocked: boolean; seed: string }) => void;
}

/** Random (no seed sent; main picks and records one) or locked to a number the user can type or roll. */
export function SeedField({ locked, seed, messages, onChange }: Props) {
  const { t } = useTranslation();
  return (
    <Field
      id={locked ? 'seed-input' : 'seed-lock'}
      label={t('advanced.seedLabel')}
      tools={
        <label className="check check--inline">
          <input
            id="seed-lock"
            type="checkbox"
            data-testid="seed-lock"
            checked={locked}
            // Locking an empty seed rolls one, so the lock always means a concrete, repeatable number.
            onChange={(e) => onChange({ seedLocked: e.target.checked, seed: e.target.checked && seed.trim() === '' ? String(randomSeed()) : seed })}
          />
          <span>{t('advanced.seedLock')}</span>
        </label>
      }
    >
      {locked ? (
        <div className="input-row">
          <input
            id="seed-input"
            className="input input--mono"
            data-testid="seed-input"
            inputMode="numeric"
            autoComplete="off"
            spellCheck={false}
            value={seed}
            onChange={(e) => onChange({ seedLocked: true, seed: e.target.value })}
            {...describedBy(messages, 'seed')}
          />
          <button
            type="button"
            className="icon-button icon-button--boxed"
            data-testid="seed-random"
            aria-label={t('advanced.seedRoll')}
            title={t('advanced.seedRoll')}
            onClick={() => onChange({ seedLocked: true, seed: String(randomSeed()) })}
          >
            <svg viewBox="0 0 24 24" aria-hidden="true">
              <rect x="4" y="4" width="16" height="16" rx="3.5" />
              <circle cx="9" cy="9" r="1.1" />
              <circle cx="15" cy="15" r="1.1" />
              <circle cx="15" cy="9" r="1.1" />
              <circle cx="9" cy="15" r="1.1" />
            </svg>
          </button>
        </div>
      ) : (
        <p className="field__help" data-testid="seed-random-note">
          {t('advanced.seedRandomHelp')}
        </p>
      )}
      <FieldNotes messages={messages} field="seed" />
    </Field>
  );
}
