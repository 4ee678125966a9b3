import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../api.ts';
import { ErrorMessage } from '../../ui/ErrorMessage.tsx';
import { DownscaleOffer } from './DownscaleOffer.tsx';
import type { Downscale } from './useDownscale.ts';

const PROBLEMS = ['too_heavy', 'not_an_image', 'too_small', 'too_large', 'too_large_to_upscale', 'not_imported', 'unreadable'] as const;
type Problem = (typeof PROBLEMS)[number];

interface Details {
  problem?: unknown;
  input?: unknown;
  width?: unknown;
  height?: unknown;
  bytes?: unknown;
  field?: unknown;
  canDownscale?: unknown;
  downscaleTo?: { width?: unknown; height?: unknown };
}

const problemOf = (details: Details): Problem | null => (PROBLEMS as readonly unknown[]).includes(details.problem) ? (details.problem as Problem) : null;
const num = (v: unknown): number => (typeof v === 'number' ? v : 0);
const sizeOf = (to: Details['downscaleTo']): { width: number; height: number } | null =>
  typeof to?.width === 'number' && typeof to.height === 'number' ? { width: to.width, height: to.height } : null;

/**
 * Why main refused the inputs, before anything was sent: the image (by position, or by file name), what is wrong
 * with it, and Venice's bound. Main's message is English for logs; these words come from the catalogs.
 */
export function InputProblem({ error, testId, downscale }: { error: ApiError; testId: string; downscale?: Downscale }) {
  const { t, i18n } = useTranslation();
  const details = (error.code === 'INVALID_INPUT' && typeof error.details === 'object' && error.details !== null ? error.details : {}) as Details;
  const problem = problemOf(details);
  if (problem === null) return <ErrorMessage error={error} compact testId={testId} />;
  const which = typeof details.input === 'number' ? t('iterate.form.position', { n: details.input + 1 }) : typeof details.input === 'string' ? details.input : t('iterate.form.theImage');
  const values = {
    which,
    width: num(details.width),
    height: num(details.height),
    megabytes: (num(details.bytes) / 1024 / 1024).toLocaleString(i18n.language, { maximumFractionDigits: 1 }),
  };
  return (
    <div className="error-message error-message--compact" role="status" data-testid={testId} data-error-code={error.code} data-problem={problem}>
      <div className="error-message__body">
        <p className="error-message__text">{t(`iterate.problem.${problem}`, values)}</p>
        <p className="muted">{t('iterate.problem.nothingSent')}</p>
        {downscale && details.canDownscale === true && typeof details.input === 'number' && (
          <DownscaleOffer downscale={downscale} index={details.input} size={sizeOf(details.downscaleTo)} />
        )}
      </div>
    </div>
  );
}
