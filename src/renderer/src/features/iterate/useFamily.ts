import type { RouteOutput } from '../../../../shared/ipc/contract.ts';
import { useImageAnswer } from './useImageAnswer.ts';

export type Family = RouteOutput<'images.family'>;
export type FamilyNode = Family['nodes'][number];

/** An image's whole family as a tree, kept current as images change. */
export const useFamily = (id: string): Family | null => useImageAnswer('images.family', id);
