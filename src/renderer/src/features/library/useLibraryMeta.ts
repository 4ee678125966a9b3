import { useEffect, useMemo, useState } from 'react';
import { call } from '../../api.ts';

export interface LibraryMeta {
  /** Choices for the model filter: the cached Venice catalogue plus every model seen in the library. */
  models: readonly string[];
  retentionDays: number | null;
  /** When the retention was read: "deleted for good in N days" counts from here. */
  now: number;
}

/** Facts the library's controls need from elsewhere: model names, and how long the trash keeps things. */
export const useLibraryMeta = (seenModels: ReadonlySet<string>, inTrash: boolean): LibraryMeta => {
  const [catalogModels, setCatalogModels] = useState<readonly string[]>([]);
  const [retention, setRetention] = useState<{ days: number | null; now: number }>({ days: null, now: 0 });

  useEffect(() => {
    // The cached catalogue answers offline; if it cannot, the models seen in the library still fill the list.
    call('models.list', {}).then((c) => setCatalogModels(c.models.map((m) => m.id)), () => {});
  }, []);

  // Read each time the trash is opened: Settings may have changed it meanwhile.
  useEffect(() => {
    if (!inTrash) return;
    call('settings.get_preferences', {}).then((p) => setRetention({ days: p.trashRetentionDays, now: Date.now() }), () => {});
  }, [inTrash]);

  const models = useMemo(() => [...new Set([...catalogModels, ...seenModels])].toSorted((a, b) => a.localeCompare(b)), [catalogModels, seenModels]);

  return { models, retentionDays: retention.days, now: retention.now };
};
