import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImageDetail, ImageSummary } from '../../../../shared/ipc/schemas/images.ts';
import { type ApiError, call, toApiError } from '../../api.ts';
import type { Curation } from '../library/useCuration.ts';
import { iterateModeOf } from '../iterate/reuseIterate.ts';
import { ErrorMessage } from '../../ui/ErrorMessage.tsx';
import { StarInput } from '../../ui/Stars.tsx';
import { UseAsReferenceButton } from '../generate/UseAsReferenceButton.tsx';
import { variantInfo } from './variants.ts';

interface Props {
  info: ImageSummary;
  detail: ImageDetail | null;
  curation: Curation;
  comparing: boolean;
  onCompare: () => void;
  /** 'image': this image alone (the batch's request with one variant); 'batch': the request as it was sent. */
  onReuse: (scope: 'image' | 'batch') => void;
  onTrash: () => void;
  onRestore: () => void;
}

type Feedback = 'promptCopied' | 'imageCopied' | 'revealed';

/** Favourite and rating (not while the image is in the trash). */
function ViewerMarks({ info, curation }: Pick<Props, 'info' | 'curation'>) {
  const { t } = useTranslation();
  const trashed = info.trashedAt !== null;
  return (
    <div className="viewer__marks">
      <button
        type="button"
        className={`fav-toggle${info.favorite ? ' fav-toggle--on' : ''}`}
        data-testid="viewer-favorite"
        aria-pressed={info.favorite}
        aria-label={t('viewer.favorite')}
        title={t('viewer.favoriteHint')}
        disabled={trashed}
        onClick={() => void curation.setFavorite([info.id], !info.favorite)}
      >
        <svg viewBox="0 0 24 24" aria-hidden="true">
          <path d="M12 20s-7-4.4-7-10a4 4 0 0 1 7-2.6A4 4 0 0 1 19 10c0 5.6-7 10-7 10z" />
        </svg>
      </button>
      <StarInput testId="viewer-rating" rating={info.rating} disabled={trashed} onRate={(r) => void curation.setRating([info.id], r)} />
    </div>
  );
}

/** "Reuse settings": for a variant, this image alone (when it can be made alone) or the whole batch. */
function ReuseButtons({ detail, onReuse }: Pick<Props, 'detail' | 'onReuse'>) {
  const { t } = useTranslation();
  // A generation refills the generate form, an edit, combination or upscale its own form; an import has no request
  // and a background removal no settings.
  const reusable = detail !== null && (detail.endpoint === 'openai' || detail.endpoint === 'native' || iterateModeOf(detail.endpoint) !== null);
  const variant = detail ? variantInfo(detail) : null;
  return (
    <>
      {variant && (
        <button
          type="button"
          className="button button--primary button--small"
          data-testid="viewer-reuse-image"
          disabled={!reusable || !variant.reproducibleAlone}
          title={variant.reproducibleAlone ? undefined : t('viewer.variantNotAlone')}
          onClick={() => onReuse('image')}
        >
          {t('viewer.reuseImage')}
        </button>
      )}
      <button type="button" className={variant ? 'button button--small' : 'button button--primary button--small'} data-testid="viewer-reuse" disabled={!reusable} onClick={() => onReuse('batch')}>
        {variant ? t('viewer.reuseBatch', { count: variant.of }) : t('viewer.reuse')}
      </button>
    </>
  );
}

/** Favourite, rating, and what can be done with the open image: copy, reveal, reuse, compare, trash. Keyed by image id. */
export function ViewerActions({ info, detail, curation, comparing, onCompare, onReuse, onTrash, onRestore }: Props) {
  const { t } = useTranslation();
  const [feedback, setFeedback] = useState<Feedback | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const run = async (route: 'images.copy_prompt' | 'images.copy_image' | 'images.reveal', done: Feedback) => {
    try {
      await call(route, { id: info.id });
      setError(null);
      setFeedback(done);
    } catch (e) {
      setFeedback(null);
      setError(toApiError(e));
    }
  };

  const trashed = info.trashedAt !== null;
  return (
    <>
      <ViewerMarks info={info} curation={curation} />

      <div className="viewer__buttons">
        <ReuseButtons detail={detail} onReuse={onReuse} />
        <UseAsReferenceButton imageId={info.id} disabled={trashed || info.fileMissing} />
        <button type="button" className="button button--small" data-testid="viewer-copy-prompt" onClick={() => void run('images.copy_prompt', 'promptCopied')}>
          {t('viewer.copyPrompt')}
        </button>
        <button type="button" className="button button--small" data-testid="viewer-copy-image" disabled={info.fileMissing} onClick={() => void run('images.copy_image', 'imageCopied')}>
          {t('viewer.copyImage')}
        </button>
        <button type="button" className="button button--small" data-testid="viewer-reveal" disabled={info.fileMissing} onClick={() => void run('images.reveal', 'revealed')}>
          {t('viewer.reveal')}
        </button>
        <button type="button" className="button button--small" data-testid="viewer-compare" aria-pressed={comparing} title={t('viewer.compareHint')} onClick={onCompare}>
          {comparing ? t('viewer.compareEnd') : t('viewer.compare')}
        </button>
        {trashed ? (
          <button type="button" className="button button--small" data-testid="viewer-restore" onClick={onRestore}>
            {t('viewer.restore')}
          </button>
        ) : (
          <button type="button" className="button button--danger-ghost button--small" data-testid="viewer-trash" title={t('viewer.trashHint')} onClick={onTrash}>
            {t('viewer.trash')}
          </button>
        )}
      </div>
      {detail?.endpoint === 'import' && (
        <p className="viewer__hint muted" data-testid="viewer-reuse-why">
          {t('viewer.reuseImported')}
        </p>
      )}
      {feedback && (
        <p className="feedback" role="status" data-testid="viewer-feedback" data-feedback={feedback}>
          {t(`viewer.${feedback}`)}
        </p>
      )}
      {error && <ErrorMessage error={error} compact testId="viewer-action-error" />}
    </>
  );
}
