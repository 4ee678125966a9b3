import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { mediaUrl } from '../../../shared/app.ts';
import type { ImageSummary } from '../../../shared/ipc/schemas/images.ts';
import { startDragOut } from '../dragOut.ts';
import { BlurredBadge } from './BlurredBadge.tsx';

interface Props {
  items: readonly ImageSummary[];
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore: () => void;
  onOpen: (id: string) => void;
}

/** How far below the visible area the next page is already asked for, so scrolling rarely meets the end. */
const PREFETCH_MARGIN = '800px';

export function ImageGrid({ items, hasMore, loadingMore, onLoadMore, onOpen }: Props) {
  const { t } = useTranslation();
  const sentinel = useRef<HTMLDivElement>(null);

  // Re-observed whenever the list grows: observe() reports the current state at once, so a sentinel that is still
  // in view after a page arrived asks for the next one instead of waiting for a scroll that may never come.
  useEffect(() => {
    const el = sentinel.current;
    if (!el || items.length === 0 || !hasMore || loadingMore) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) onLoadMore();
      },
      { root: el.closest('[data-scroll-root]'), rootMargin: `0px 0px ${PREFETCH_MARGIN} 0px` },
    );
    observer.observe(el);
    return () => observer.disconnect();
  }, [items.length, hasMore, loadingMore, onLoadMore]);

  return (
    <>
      <ul className="grid" data-testid="grid" aria-label={t('library.gridLabel')}>
        {items.map((item) => (
          <li key={item.id} className="grid__cell">
            <button
              type="button"
              className="grid__item"
              data-testid="grid-item"
              data-image-id={item.id}
              title={t('library.dragHint')}
              aria-label={t(item.blurred ? 'library.openBlurred' : 'library.open', { prompt: item.prompt })}
              draggable
              onDragStart={(e) => startDragOut(e, item.id)}
              onClick={() => onOpen(item.id)}
            >
              <img
                className="grid__thumb"
                src={mediaUrl('thumb', item.id)}
                alt=""
                loading="lazy"
                decoding="async"
                draggable={false}
              />
              {item.blurred && <BlurredBadge variant="overlay" />}
            </button>
          </li>
        ))}
      </ul>
      <div ref={sentinel} className="grid__sentinel" aria-hidden="true" />
      {loadingMore && (
        <p className="grid__more muted" role="status">
          <span className="spinner" aria-hidden="true" /> {t('library.loadingMore')}
        </p>
      )}
    </>
  );
}
