import type { Migration } from '../migrate.ts';
import { migration0001 } from './0001-initial.ts';
import { migration0002 } from './0002-file-health.ts';
import { migration0003 } from './0003-jobs.ts';
import { migration0004 } from './0004-import-endpoint.ts';
import { migration0005 } from './0005-curation.ts';
import { migration0006 } from './0006-search.ts';
import { migration0007 } from './0007-spend-index.ts';
import { migration0008 } from './0008-job-owner-kind.ts';
import { migration0009 } from './0009-lineage.ts';
import { migration0010 } from './0010-spend-ledger.ts';
import { migration0011 } from './0011-placeholders.ts';
import { migration0012 } from './0012-search-lineage.ts';
import { migration0013 } from './0013-position-counts.ts';
import { migration0014 } from './0014-curation-counts.ts';

/**
 * Every schema change, in order, imported statically so the bundle carries them all. A shipped migration is never
 * edited: a fix is a new migration appended here.
 */
export const ALL_MIGRATIONS: readonly Migration[] = [migration0001, migration0002, migration0003, migration0004, migration0005, migration0006, migration0007, migration0008, migration0009, migration0010, migration0011, migration0012, migration0013, migration0014];
