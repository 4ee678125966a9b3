import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { call } from '../../api.ts';
import { useInvalidateOn } from '../../hooks/useInvalidateOn.ts';

export interface TagCount {
  name: string;
  count: number;
}

const TAGS = ['tags'] as const;
const NONE: readonly TagCount[] = [];

/** Every tag in the library with how many images carry it: filter choices and autocomplete. */
export const useTagList = (): { tags: readonly TagCount[]; reload: () => void } => {
  const client = useQueryClient();
  // Autocomplete is a nicety: if the list cannot be read, typing a tag still works (no error is shown).
  const { data } = useQuery({ queryKey: TAGS, queryFn: () => call('tags.list', {}).then((r) => r.tags) });
  useInvalidateOn('images.changed', TAGS);
  const reload = useCallback(() => void client.invalidateQueries({ queryKey: TAGS }), [client]);
  return { tags: data ?? NONE, reload };
};
