import { useTranslation } from 'react-i18next';
import { formatCount } from '../../lib/format.ts';
import { Popover } from '../../ui/Popover.tsx';
import type { Curation } from './useCuration.ts';

interface Props {
  ids: readonly string[];
  curation: Curation;
}

/** What a selection in the trash can do: come back, or be deleted for good behind a confirmation. */
export function BulkTrashActions({ ids, curation }: Props) {
  const { t, i18n } = useTranslation();
  return (
    <>
      <button type="button" className="button button--primary button--small" data-testid="bulk-restore" onClick={() => void curation.restore(ids)}>
        {t('bulk.restore')}
      </button>
      <Popover testId="bulk-delete-forever" label={t('bulk.deleteForever')} buttonClass="button button--danger-ghost button--small">
        {(close) => (
          <div className="confirm" role="group" aria-labelledby="bulk-delete-forever-text">
            <p id="bulk-delete-forever-text">{t('bulk.deleteForeverText', { count: ids.length, formatted: formatCount(ids.length, i18n.language) })}</p>
            <div className="confirm__actions">
              <button
                type="button"
                className="button button--danger button--small"
                data-testid="bulk-delete-forever-confirm"
                onClick={() => {
                  close();
                  void curation.deleteForever(ids);
                }}
              >
                {t('trash.confirm')}
              </button>
              <button type="button" className="button button--ghost button--small" onClick={close}>
                {t('common.cancel')}
              </button>
            </div>
          </div>
        )}
      </Popover>
    </>
  );
}
