import { createContext, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ImageSummary } from '../../../../shared/ipc/schemas/images.ts';
import { MAX_ROOT_IDS } from '../../../../shared/paging.ts';
import { call, subscribe } from '../../api.ts';
import { type Stack, stackItems } from './familyStacks.ts';

export interface FamilyStacks {
  /** The results as the grid shows them: stacked when stacking is on, else as they are. */
  items: readonly ImageSummary[];
  stacks: ReadonlyMap<string, Stack>;
  /** Expands or folds the stack led by this tile. */
  toggle: (leadId: string) => void;
}

const NO_STACKS: ReadonlyMap<string, Stack> = new Map();
export const FamilyStacksContext = createContext<Pick<FamilyStacks, 'stacks' | 'toggle'>>({ stacks: NO_STACKS, toggle: () => {} });

/**
 * Stacks the loaded results by family (off by default). Each image's family root is asked once, for the ids the page
 * has not asked about yet; images added later (an import restoring a parent) may join a family, so those answers are
 * asked again then.
 */
export const useFamilyStacks = (items: readonly ImageSummary[], enabled: boolean): FamilyStacks => {
  const [roots, setRoots] = useState<ReadonlyMap<string, string>>(new Map());
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const [round, setRound] = useState(0);
  const asked = useRef({ round: 0, ids: new Set<string>() });

  useEffect(
    () =>
      subscribe('images.changed', (change) => {
        if (change.reason === 'added') setRound((r) => r + 1);
      }),
    [],
  );

  useEffect(() => {
    if (!enabled) return;
    // Images were added since the last round: every answer may have changed, so all are asked again.
    if (asked.current.round !== round) asked.current = { round, ids: new Set() };
    const seen = asked.current.ids;
    const missing = items.map((i) => i.id).filter((id) => !seen.has(id));
    for (let at = 0; at < missing.length; at += MAX_ROOT_IDS) {
      const ids = missing.slice(at, at + MAX_ROOT_IDS);
      for (const id of ids) seen.add(id);
      call('images.family_roots', { ids }).then(
        (answer) =>
          setRoots((before) => {
            const next = new Map(before);
            for (const id of ids) next.delete(id);
            for (const { id, rootId } of answer.roots) next.set(id, rootId);
            return next;
          }),
        () => ids.forEach((id) => seen.delete(id)),
      );
    }
  }, [items, enabled, round]);

  const stacked = useMemo(() => (enabled ? stackItems(items, roots, expanded) : { items, stacks: NO_STACKS }), [enabled, items, roots, expanded]);
  const { stacks } = stacked;
  const toggle = useCallback(
    (leadId: string) => {
      const stack = stacks.get(leadId);
      if (!stack) return;
      setExpanded((before) => {
        const next = new Set(before);
        if (!next.delete(stack.rootId)) next.add(stack.rootId);
        return next;
      });
    },
    [stacks],
  );
  return { items: stacked.items, stacks, toggle };
};
