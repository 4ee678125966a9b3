import type { Database } from 'better-sqlite3';
import { OPERATIONS, type Operation, type ParentRole } from '../../../shared/iterate.ts';
import { insertLineage } from '../iterate/lineageStore.ts';
import { lagoonIdOf, type ReadLineage, sha256Of } from './xmpLineage.ts';

/**
 * Restoring a family on import: an imported image whose XMP names parents (xmpMM, as Lagoon's export writes it) is
 * linked to those of them the library holds, found by their Lagoon id or, once imported themselves, by the original
 * id and hash their own packets carried. A parent not here yet is recorded by its hash and linked when it arrives,
 * so the order in which a family's files are imported does not matter. Runs inside the image's insert transaction.
 */
const importedOf = (response: Record<string, unknown>): Record<string, unknown> =>
  typeof response.imported === 'object' && response.imported !== null ? (response.imported as Record<string, unknown>) : {};

const roleFor = (operation: Operation, index: number): ParentRole => {
  if (operation === 'combine') return index === 0 ? 'base' : 'layer';
  return operation === 'edit' ? 'base' : 'source';
};

/**
 * The image the library holds for a parent named by Lagoon id and/or hash. The JSON lookups scan imported rows
 * only; an import of a family is small, and this runs once per parent it names. An imported Lagoon file keeps the
 * endpoint that made it (its request is exact), so "imported" is read as "made by no job of this library", which is
 * every import whatever its endpoint.
 */
const findParent = (db: Database, lagoonId: string | null, sha256: string): string | null => {
  const row = db
    .prepare(
      `SELECT id FROM images
        WHERE id = @lagoonId OR sha256 = @sha256
           OR (job_id IS NULL AND (json_extract(response_json, '$.imported.originalId') = @lagoonId
                                     OR json_extract(response_json, '$.imported.originalSha256') = @sha256))
        LIMIT 1`,
    )
    .get({ lagoonId, sha256 }) as { id: string } | undefined;
  return row?.id ?? null;
};

export const linkImported = (db: Database, id: string, record: { request: Record<string, unknown>; response: Record<string, unknown> }): void => {
  const imported = importedOf(record.response);
  // This image may be the parent of children imported before it.
  const ownSha = typeof imported.originalSha256 === 'string' ? imported.originalSha256 : null;
  if (ownSha) db.prepare('UPDATE image_parents SET parent_id = ? WHERE parent_id IS NULL AND parent_sha256 = ?').run(id, ownSha);
  const lineage = imported.lineage as ReadLineage | undefined;
  if (!lineage || !Array.isArray(lineage.parents) || lineage.parents.length === 0) return;
  const operation: Operation = (OPERATIONS as readonly string[]).includes(lineage.operation ?? '') ? (lineage.operation as Operation) : 'edit';
  const parents = lineage.parents.flatMap((ref, index) => {
    const sha256 = sha256Of(ref.instanceId);
    if (!sha256) return [];
    return [{ id: findParent(db, lagoonIdOf(ref.documentId), sha256), sha256, role: roleFor(operation, index) }];
  });
  if (parents.length === 0) return;
  insertLineage(db, id, { operation, parents, request: record.request, enhancedPrompt: null });
};
