import { useCallback, useEffect, useState } from 'react';
import { call, subscribe } from '../../api.ts';
import { useDebouncedCallback } from '../../hooks/useDebouncedCallback.ts';

export interface TagCount {
  name: string;
  count: number;
}

/** Every tag in the library with how many images carry it: filter choices and autocomplete. */
export const useTagList = (): { tags: readonly TagCount[]; reload: () => void } => {
  const [tags, setTags] = useState<readonly TagCount[]>([]);
  const reload = useCallback(() => {
    // Autocomplete is a nicety: if the list cannot be read, typing a tag still works.
    call('tags.list', {}).then((r) => setTags(r.tags), () => {});
  }, []);
  const reloadSoon = useDebouncedCallback(reload, 300);
  useEffect(() => {
    reload();
    return subscribe('images.changed', reloadSoon);
  }, [reload, reloadSoon]);
  return { tags, reload };
};
