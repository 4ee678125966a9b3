import type { Database } from 'better-sqlite3';
import type { Operation, ParentRole } from '../../../shared/iterate.ts';

/**
 * Where each image came from (migration 0009): its parents in order with their roles and hashes, the operation,
 * and the request as sent (inputs named, never their bytes). A parent that was purged keeps its id and sha256 here,
 * so the child can still say what it was made from.
 */
interface LineageParent {
  /** Null when the input was a file from outside the library. */
  id: string | null;
  sha256: string;
  role: ParentRole;
}

export interface LineageRecord {
  operation: Operation;
  parents: readonly LineageParent[];
  request: Record<string, unknown>;
  enhancedPrompt: string | null;
}

type ParentState = 'present' | 'trashed' | 'deleted' | 'file';

interface ParentView extends LineageParent {
  /** The operation that made the child from this parent. */
  operation: Operation;
  state: ParentState;
}

export interface Lineage {
  operation: Operation | null;
  request: Record<string, unknown> | null;
  enhancedPrompt: string | null;
  parents: ParentView[];
  /** Images made from this one, oldest first. */
  children: string[];
}

export const insertLineage = (db: Database, childId: string, record: LineageRecord): void => {
  db.prepare('INSERT INTO image_derivations (image_id, operation, request_json, enhanced_prompt) VALUES (?, ?, ?, ?)').run(
    childId,
    record.operation,
    JSON.stringify(record.request),
    record.enhancedPrompt,
  );
  const parent = db.prepare('INSERT INTO image_parents (child_id, position, parent_id, parent_sha256, role) VALUES (?, ?, ?, ?, ?)');
  record.parents.forEach((p, position) => parent.run(childId, position, p.id, p.sha256, p.role));
};

interface ParentRow {
  id: string | null;
  sha256: string;
  role: ParentRole;
  trashedAt: number | null;
  present: 0 | 1;
}

const stateOf = (row: ParentRow): ParentState => {
  if (row.id === null) return 'file';
  if (!row.present) return 'deleted';
  return row.trashedAt === null ? 'present' : 'trashed';
};

/** What the library knows of an image's family; generated and imported images have no parents. */
export const readLineage = (db: Database, id: string): Lineage => {
  const derivation = db
    .prepare('SELECT operation, request_json AS requestJson, enhanced_prompt AS enhancedPrompt FROM image_derivations WHERE image_id = ?')
    .get(id) as { operation: Operation; requestJson: string; enhancedPrompt: string | null } | undefined;
  const rows = db
    .prepare(
      `SELECT p.parent_id AS id, p.parent_sha256 AS sha256, p.role, i.trashed_at AS trashedAt, i.id IS NOT NULL AS present
         FROM image_parents AS p LEFT JOIN images AS i ON i.id = p.parent_id
        WHERE p.child_id = ? ORDER BY p.position`,
    )
    .all(id) as ParentRow[];
  const children = db
    .prepare(
      `SELECT DISTINCT p.child_id AS id, i.created_at FROM image_parents AS p JOIN images AS i ON i.id = p.child_id
        WHERE p.parent_id = ? ORDER BY i.created_at, p.child_id`,
    )
    .all(id) as Array<{ id: string }>;
  const operation = derivation?.operation ?? null;
  return {
    operation,
    request: derivation ? (JSON.parse(derivation.requestJson) as Record<string, unknown>) : null,
    enhancedPrompt: derivation?.enhancedPrompt ?? null,
    parents: rows.map((r) => ({ id: r.id, sha256: r.sha256, role: r.role, operation: operation ?? 'edit', state: stateOf(r) })),
    children: children.map((c) => c.id),
  };
};
