import { useQuery } from '@tanstack/react-query';
import type { ImageQuery, Timeline } from '../../../../shared/ipc/schemas/library.ts';
import { call } from '../../api.ts';
import { useInvalidateOn } from '../../hooks/useInvalidateOn.ts';
import { queryKey } from './query.ts';

const KEY = 'images.timeline';

/**
 * The current query's months for the date scrubber. Asked again once a burst of changes settles (an import adds
 * hundreds of images a minute: one timeline each second is plenty). A failure only hides the scrubber.
 */
export const useTimeline = (query: ImageQuery): Timeline | null => {
  const { data } = useQuery({ queryKey: [KEY, queryKey(query)], queryFn: () => call('images.timeline', { query }) });
  useInvalidateOn('images.changed', [KEY], 1000);
  return data ?? null;
};
