import type { ImageSummary } from '../../../../shared/ipc/schemas/images.ts';

export interface Stack {
  /** The family's root: what "expanded" is remembered by, whichever member leads the stack. */
  rootId: string;
  /** Members among the results. */
  count: number;
  expanded: boolean;
}

export interface Stacked {
  items: readonly ImageSummary[];
  /** By the id of the tile that leads each stack (the family's first member in the current order). */
  stacks: ReadonlyMap<string, Stack>;
}

/**
 * One tile per family: the family's first member in the current order leads its stack, where that member sits, so a
 * page loading later never moves a stack; expanded, the other members follow it in order. An image whose family has
 * no other member among the results is a tile of its own.
 */
export const stackItems = (items: readonly ImageSummary[], rootOf: ReadonlyMap<string, string>, expanded: ReadonlySet<string>): Stacked => {
  const root = (id: string): string => rootOf.get(id) ?? id;
  const members = new Map<string, ImageSummary[]>();
  for (const item of items) {
    const family = members.get(root(item.id));
    if (family) family.push(item);
    else members.set(root(item.id), [item]);
  }
  const shown: ImageSummary[] = [];
  const stacks = new Map<string, Stack>();
  for (const item of items) {
    const rootId = root(item.id);
    const family = members.get(rootId) ?? [item];
    if (family.length === 1) shown.push(item);
    else if (family[0] === item) {
      const open = expanded.has(rootId);
      stacks.set(item.id, { rootId, count: family.length, expanded: open });
      if (open) shown.push(...family);
      else shown.push(item);
    }
  }
  return { items: shown, stacks };
};
