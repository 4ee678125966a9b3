import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_FAMILY_NODES, familyRoots, readFamily } from '../../src/main/core/iterate/familyStore.ts';
import { insertLineage } from '../../src/main/core/iterate/lineageStore.ts';
import type { Operation, ParentRole } from '../../src/shared/iterate.ts';
import { insertRows, syntheticRows, tempDb, type TempDb } from './helpers/searchLibrary.ts';

// An image's family as one tree (first-parent links), over a real SQLite library with the real migrations.

let lib: TempDb;
let made: string[];
beforeEach(() => {
  lib = tempDb();
  // Ordered by creation, so "oldest first" among siblings is the order of `made`.
  const rows = syntheticRows(260).map((row, i) => ({ ...row, createdAt: 1_700_000_000_000 + i * 1000, trashedAt: null }));
  insertRows(lib.db, rows);
  made = rows.map((r) => r.id);
});
afterEach(() => lib.close());

const sha = (id: string): string => (lib.db.prepare('SELECT sha256 FROM images WHERE id = ?').get(id) as { sha256: string }).sha256;
const link = (child: string, operation: Operation, parents: Array<[string, ParentRole]>): void =>
  insertLineage(lib.db, child, { operation, request: { prompt: 'x' }, enhancedPrompt: null, parents: parents.map(([id, role]) => ({ id, sha256: sha(id), role })) });
const tree = (id: string) => readFamily(lib.db, id)?.nodes.map((n) => [n.image.id, n.parentId, n.generation, n.operation]);

describe('the family tree', () => {
  it('is the same tree from any member: root first, each image before its versions, versions oldest first', () => {
    const [root, edit, upscale, cutout, other, combined] = made as [string, string, string, string, string, string];
    link(edit, 'edit', [[root, 'base']]);
    link(upscale, 'upscale', [[edit, 'source']]);
    link(cutout, 'remove-background', [[root, 'source']]);
    // A combine hangs under its base; its layer's own family does not take it.
    link(combined, 'combine', [[edit, 'base'], [other, 'layer']]);
    const expected = [
      [root, null, 0, null],
      [edit, root, 1, 'edit'],
      [upscale, edit, 2, 'upscale'],
      [combined, edit, 2, 'combine'],
      [cutout, root, 1, 'remove-background'],
    ];
    for (const member of [root, edit, upscale, cutout, combined]) expect(tree(member)).toEqual(expected);
    expect(readFamily(lib.db, root)?.rootId).toBe(root);
    expect(tree(other)).toEqual([[other, null, 0, null]]);
    expect(familyRoots(lib.db, [upscale, combined, other, root])).toEqual(
      new Map([
        [upscale, root],
        [combined, root],
        [other, other],
        [root, root],
      ]),
    );
  });

  it('keeps a trashed ancestor in the tree (marked), and starts at the child when the parent was purged', () => {
    const [root, child, grandchild] = made as [string, string, string];
    link(child, 'edit', [[root, 'base']]);
    link(grandchild, 'upscale', [[child, 'source']]);
    lib.db.prepare('UPDATE images SET trashed_at = 1 WHERE id = ?').run(root);
    const trashed = readFamily(lib.db, grandchild);
    expect(trashed?.rootId).toBe(root);
    expect(trashed?.nodes[0]?.image.trashedAt).toBe(1);
    lib.db.prepare('DELETE FROM images WHERE id = ?').run(root);
    expect(tree(grandchild)).toEqual([
      [child, null, 0, 'edit'],
      [grandchild, child, 1, 'upscale'],
    ]);
  });

  it('leaves out ids that are not in the library, and answers null for an unknown image', () => {
    expect(familyRoots(lib.db, ['0b6f6c1e-3a4f-4d0e-9d4b-2f1c8a7e5b90', made[0] as string])).toEqual(new Map([[made[0], made[0]]]));
    expect(readFamily(lib.db, '0b6f6c1e-3a4f-4d0e-9d4b-2f1c8a7e5b90')).toBeNull();
  });

  it('cuts a very large family at its limit and says so; a loop of restored links still ends', () => {
    const [root, ...rest] = made as [string, ...string[]];
    lib.db.transaction(() => rest.forEach((child) => link(child, 'edit', [[root, 'base']])))();
    const big = readFamily(lib.db, root);
    expect(big?.nodes).toHaveLength(MAX_FAMILY_NODES);
    expect(big?.truncated).toBe(true);

    // Two images naming each other (links a hand-made XMP could restore): the walk stops at its generation limit.
    const fresh = tempDb();
    try {
      const rows = syntheticRows(2, 11).map((row) => ({ ...row, trashedAt: null }));
      insertRows(fresh.db, rows);
      const [a, b] = rows.map((r) => r.id) as [string, string];
      const hash = (id: string) => (fresh.db.prepare('SELECT sha256 FROM images WHERE id = ?').get(id) as { sha256: string }).sha256;
      insertLineage(fresh.db, a, { operation: 'edit', request: {}, enhancedPrompt: null, parents: [{ id: b, sha256: hash(b), role: 'base' }] });
      insertLineage(fresh.db, b, { operation: 'edit', request: {}, enhancedPrompt: null, parents: [{ id: a, sha256: hash(a), role: 'base' }] });
      expect([a, b]).toContain(familyRoots(fresh.db, [a]).get(a));
      expect(readFamily(fresh.db, a)?.nodes.length).toBeLessThanOrEqual(MAX_FAMILY_NODES);
    } finally {
      fresh.close();
    }
  });
});
