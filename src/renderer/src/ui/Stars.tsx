import { useTranslation } from 'react-i18next';

const STAR = 'M12 3.5l2.6 5.3 5.9.9-4.3 4.1 1 5.8-5.2-2.7-5.2 2.7 1-5.8-4.3-4.1 5.9-.9z';

/** A read-only rating, for tiles; `label` names it (the grid translates it once for all its tiles). */
export function Stars({ rating, label }: { rating: number; label: string }) {
  return (
    <span className="stars" role="img" aria-label={label} data-rating={rating}>
      {Array.from({ length: rating }, (_, i) => (
        <svg key={i} viewBox="0 0 24 24" className="stars__star" aria-hidden="true">
          <path d={STAR} />
        </svg>
      ))}
    </span>
  );
}

interface InputProps {
  rating: number;
  onRate: (rating: number) => void;
  testId: string;
  disabled?: boolean;
}

/** Five star buttons; choosing the current rating again clears it (keyboard: 1–5, 0). */
export function StarInput({ rating, onRate, testId, disabled = false }: InputProps) {
  const { t } = useTranslation();
  return (
    <div className="star-input" role="group" aria-label={t('rating.group')} data-testid={testId} data-rating={rating}>
      {[1, 2, 3, 4, 5].map((n) => (
        <button
          key={n}
          type="button"
          className={`tool-button star-input__star${n <= rating ? ' star-input__star--on' : ''}`}
          aria-label={t('rating.set', { count: n })}
          aria-pressed={n === rating}
          data-rating={n}
          disabled={disabled}
          onClick={() => onRate(n === rating ? 0 : n)}
        >
          <svg viewBox="0 0 24 24" aria-hidden="true">
            <path d={STAR} />
          </svg>
        </button>
      ))}
    </div>
  );
}
