import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImageDetail } from '../../../shared/ipc/schemas/images.ts';
import { useLibrary } from '../hooks/useLibrary.ts';
import { ErrorMessage } from './ErrorMessage.tsx';
import { ImageGrid } from './ImageGrid.tsx';
import { ImageViewer } from './ImageViewer.tsx';

interface Props {
  onGoToGenerate: () => void;
  onReuse: (image: ImageDetail) => void;
}

export function LibraryView({ onGoToGenerate, onReuse }: Props) {
  const { t } = useTranslation();
  const library = useLibrary();
  const [openId, setOpenId] = useState<string | null>(null);

  const openIndex = openId === null ? -1 : library.items.findIndex((i) => i.id === openId);
  // The open image can vanish from the list (removed elsewhere); then the viewer simply closes.
  const openItem = openIndex >= 0 ? library.items[openIndex] : undefined;

  return (
    <section className="view" aria-labelledby="library-title">
      <header className="view__header view__header--row">
        <h1 id="library-title" className="view__title">
          {t('library.title')}
        </h1>
        {!!library.loaded && !library.hasMore && library.items.length > 0 && (
          <span className="muted" data-testid="library-count">
            {t('library.count', { count: library.items.length })}
          </span>
        )}
      </header>

      {library.error && (
        <div className="stack">
          <ErrorMessage error={library.error} testId="library-error" />
          <button type="button" className="button button--small" onClick={library.items.length ? library.loadMore : library.reload}>
            {t('library.retry')}
          </button>
        </div>
      )}

      {!library.loaded ? (
        <p className="muted" role="status" data-testid="library-loading">
          <span className="spinner" aria-hidden="true" /> {t('library.loading')}
        </p>
      ) : library.items.length === 0 && !library.error ? (
        <div className="panel empty" data-testid="library-empty">
          <svg className="empty__icon" viewBox="0 0 24 24" aria-hidden="true">
            <rect x="3" y="4" width="18" height="16" rx="3" />
            <circle cx="9" cy="10" r="2" />
            <path d="M21 16l-5-5-9 9" />
          </svg>
          <p>{t('library.empty')}</p>
          <button type="button" className="button button--primary" onClick={onGoToGenerate}>
            {t('library.emptyAction')}
          </button>
        </div>
      ) : (
        <ImageGrid
          items={library.items}
          hasMore={library.hasMore}
          loadingMore={library.loadingMore}
          onLoadMore={library.loadMore}
          onOpen={setOpenId}
        />
      )}

      {openItem && (
        <ImageViewer
          summary={openItem}
          previousId={library.items[openIndex - 1]?.id ?? null}
          nextId={library.items[openIndex + 1]?.id ?? null}
          onNavigate={setOpenId}
          onClose={() => setOpenId(null)}
          onReuse={onReuse}
        />
      )}
    </section>
  );
}
