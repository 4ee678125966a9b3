import type { RouteOutput } from '../../../../shared/ipc/contract.ts';
import { useImageAnswer } from './useImageAnswer.ts';

export type Lineage = RouteOutput<'images.lineage'>;

/** Where an image came from and what was made from it, kept current as images change. */
export const useLineage = (id: string): Lineage | null => useImageAnswer('images.lineage', id);
