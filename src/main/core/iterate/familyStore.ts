import type { Database } from 'better-sqlite3';
import type { ImageSummary } from '../../../shared/ipc/schemas/images.ts';
import type { Operation } from '../../../shared/iterate.ts';
import { prepared } from '../db/statements.ts';
import { type ImageSummaryRow, summaryColumns } from '../library/imageQueries.ts';
import { toSummary } from '../library/imageMapping.ts';

/**
 * An image's family as one tree. Each image hangs under its first parent (the base of a combine, the source of an
 * upscale or a cut-out): every image then has one place in one tree, so the viewer's tree and the grid's stacks
 * agree on which family an image belongs to. The other inputs of a combine are still named by "Made from".
 * A parent that was purged ends the walk up: the child is the root of what is left.
 */

/** Generations walked up and down; links restored by import could in principle loop, and this ends any walk. */
const MAX_GENERATIONS = 32;
/** The viewer shows a small tree: a family larger than this is cut, and says so. */
export const MAX_FAMILY_NODES = 200;

interface FamilyNode {
  image: ImageSummary;
  /** Its first parent within the tree (null for the root). */
  parentId: string | null;
  /** 0 for the root, 1 for its versions, … */
  generation: number;
  operation: Operation | null;
}

export interface Family {
  rootId: string;
  /** Tree order: each image before its versions, versions oldest first. */
  nodes: FamilyNode[];
  /** More images belong to the family than are listed. */
  truncated: boolean;
}

/** Up the first-parent links to the oldest ancestor still in the library (the trash counts: it is still there). */
const ROOTS_SQL = `WITH RECURSIVE up(start, id, depth) AS (
    SELECT i.id, i.id, 0 FROM json_each(?) AS j JOIN images AS i ON i.id = j.value
    UNION ALL
    SELECT up.start, p.parent_id, up.depth + 1
      FROM up JOIN image_parents AS p ON p.child_id = up.id AND p.position = 0
      JOIN images AS i ON i.id = p.parent_id
     WHERE up.depth < ${MAX_GENERATIONS})
  SELECT start, id, depth FROM up`;

/** Down the first-parent links from a root, breadth first; the family's rows, with what made each. */
const DESCENDANTS_SQL = `WITH RECURSIVE down(id, parent_id, depth) AS (
    SELECT ?, NULL, 0
    UNION ALL
    SELECT p.child_id, down.id, down.depth + 1
      FROM down JOIN image_parents AS p ON p.parent_id = down.id AND p.position = 0
     WHERE down.depth < ${MAX_GENERATIONS})
  SELECT ${summaryColumns('i')}, down.parent_id AS parentId, down.depth AS generation, d.operation
    FROM down JOIN images AS i ON i.id = down.id LEFT JOIN image_derivations AS d ON d.image_id = i.id
   ORDER BY down.depth, i.created_at, i.id
   LIMIT ?`;

interface DescendantRow extends ImageSummaryRow {
  parentId: string | null;
  generation: number;
  operation: Operation | null;
}

/** The family root of each id (an image without a parent in the library is its own root); unknown ids are left out. */
export const familyRoots = (db: Database, ids: readonly string[]): Map<string, string> => {
  const rows = prepared(db, ROOTS_SQL).all(JSON.stringify(ids)) as Array<{ start: string; id: string; depth: number }>;
  const deepest = new Map<string, { id: string; depth: number }>();
  for (const row of rows) {
    const seen = deepest.get(row.start);
    if (!seen || row.depth > seen.depth) deepest.set(row.start, { id: row.id, depth: row.depth });
  }
  return new Map([...deepest].map(([start, root]) => [start, root.id]));
};

/** Orders breadth-first rows as a tree: each node followed by its subtree, siblings oldest first. */
const treeOrder = (nodes: FamilyNode[]): FamilyNode[] => {
  const children = new Map<string | null, FamilyNode[]>();
  for (const node of nodes) children.set(node.parentId, [...(children.get(node.parentId) ?? []), node]);
  const ordered: FamilyNode[] = [];
  const visit = (node: FamilyNode): void => {
    ordered.push(node);
    for (const child of children.get(node.image.id) ?? []) visit(child);
  };
  for (const root of children.get(null) ?? []) visit(root);
  return ordered;
};

/** The whole family of `id` as a tree, or null when no such image is in the library. */
export const readFamily = (db: Database, id: string): Family | null => {
  const rootId = familyRoots(db, [id]).get(id);
  if (!rootId) return null;
  const rows = prepared(db, DESCENDANTS_SQL).all(rootId, MAX_FAMILY_NODES + 1) as DescendantRow[];
  // Breadth first, so an image met again (only a loop of restored links does that) keeps its first, nearest place.
  const seen = new Set<string>();
  const unique = rows.filter((row) => !seen.has(row.id) && seen.add(row.id));
  const truncated = unique.length > MAX_FAMILY_NODES;
  const nodes = unique.slice(0, MAX_FAMILY_NODES).map((row) => ({
    image: toSummary(row),
    parentId: row.parentId,
    generation: row.generation,
    operation: row.operation,
  }));
  return { rootId, nodes: treeOrder(nodes), truncated };
};
