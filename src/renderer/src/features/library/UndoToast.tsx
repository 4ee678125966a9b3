import { useTranslation } from 'react-i18next';
import { formatCount } from '../../lib/format.ts';
import { ErrorMessage } from '../../ui/ErrorMessage.tsx';
import type { TrashUndo } from './useTrashUndo.ts';

/** "12 images moved to the trash — Undo", floating above the bulk bar's place. */
export function UndoToast({ trashUndo }: { trashUndo: TrashUndo }) {
  const { t, i18n } = useTranslation();
  const { pending, error } = trashUndo;
  if (!pending && !error) return null;
  return (
    <div className="undo-toast" role="status" data-testid="undo-toast">
      {pending && (
        <>
          <span>{t('trash.moved', { count: pending.ids.length, formatted: formatCount(pending.ids.length, i18n.language) })}</span>
          <button type="button" className="button button--small" data-testid="undo-trash" onClick={() => void trashUndo.undo()}>
            {t('trash.undo')}
          </button>
          <button type="button" className="icon-button icon-button--small" aria-label={t('trash.dismissUndo')} title={t('trash.dismissUndo')} onClick={trashUndo.dismiss}>
            <svg viewBox="0 0 24 24" aria-hidden="true">
              <path d="M6 6l12 12M18 6L6 18" />
            </svg>
          </button>
        </>
      )}
      {error && <ErrorMessage error={error} testId="undo-error" compact />}
    </div>
  );
}
