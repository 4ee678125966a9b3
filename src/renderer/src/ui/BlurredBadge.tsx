import { useTranslation } from 'react-i18next';
import type { ImageEndpoint } from '../../../shared/veniceFacts.ts';

/**
 * Venice blurred the image because Safe mode (moderation "auto" / safe_mode) was on. The badge says so and how to
 * get the image unblurred, so a blurry picture is never mistaken for a broken one.
 */
interface Props {
  variant: 'overlay' | 'notice';
  /** The form that made the image, when known: the advice then names that form's setting. */
  endpoint?: ImageEndpoint | undefined;
}

export function BlurredBadge({ variant, endpoint }: Props) {
  const { t } = useTranslation();
  const explanation = endpoint === 'openai' ? t('blurred.explanationSimple') : endpoint === 'native' ? t('blurred.explanationAdvanced') : t('blurred.explanation');
  const icon = (
    <svg className="blurred__icon" viewBox="0 0 24 24" aria-hidden="true">
      <path d="M2.5 12s3.5-6.5 9.5-6.5S21.5 12 21.5 12 18 18.5 12 18.5 2.5 12 2.5 12z" />
      <path d="M4 20L20 4" />
    </svg>
  );
  if (variant === 'overlay') {
    return (
      <span className="blurred blurred--overlay" data-testid="blurred-badge" title={explanation}>
        {icon}
        <span>{t('blurred.badge')}</span>
        <span className="visually-hidden">{explanation}</span>
      </span>
    );
  }
  return (
    <div className="blurred blurred--notice warn-box" data-testid="blurred-badge">
      {icon}
      <div>
        <p className="blurred__title">{t('blurred.title')}</p>
        <p className="blurred__text">{explanation}</p>
      </div>
    </div>
  );
}
