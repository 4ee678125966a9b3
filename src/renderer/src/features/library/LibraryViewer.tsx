import type { ImageDetail, ImageSummary } from '../../../../shared/ipc/schemas/images.ts';
import type { Collection } from '../../../../shared/ipc/schemas/library.ts';
import { ImageViewer } from '../viewer/ImageViewer.tsx';
import type { Curation } from './useCuration.ts';
import type { ImageSearch } from './useImageSearch.ts';
import type { OpenImage } from './useOpenImage.ts';
import type { TagCount } from './useTagList.ts';

/** Within this many of the last loaded result, the viewer asks for the next page so → keeps going. */
const NEAR_END = 5;

interface Props {
  /** The results as the grid shows them: the viewer steps through them in that order. */
  items: readonly ImageSummary[];
  viewer: OpenImage;
  search: Pick<ImageSearch, 'hasMore' | 'loadMore' | 'highlights'>;
  curation: Curation;
  tags: readonly TagCount[];
  collections: readonly Collection[];
  onReuse: (image: ImageDetail) => void;
}

/** The viewer over the library's results, while one is open: its neighbours, the next page, the search's highlights. */
export function LibraryViewer({ items, viewer, search, curation, tags, collections, onReuse }: Props) {
  const { item, index } = viewer;
  if (!item) return null;
  return (
    <ImageViewer
      summary={item}
      previousId={items[index - 1]?.id ?? null}
      nextId={index >= 0 ? (items[index + 1]?.id ?? null) : null}
      nearEnd={search.hasMore && index >= 0 && index >= items.length - NEAR_END}
      onLoadMore={search.loadMore}
      compareWith={viewer.compareWith}
      onCompare={viewer.startCompare}
      ranges={search.highlights.get(item.id)}
      onNavigate={viewer.open}
      onClose={viewer.onClosed}
      onReuse={onReuse}
      curation={curation}
      tags={tags}
      collections={collections}
    />
  );
}
