import type { IterateJobRequest } from './iterate.ts';

// Kept apart from iterate.ts, which builds zod schemas: the renderer asks isIterateRequest (through
// modelConstraints.ts) and must never load zod, whose eval probe is exactly what the renderer's CSP forbids.
const ITERATE_ENDPOINTS = ['edit', 'combine', 'upscale', 'remove-background'] as const;
export type IterateEndpoint = (typeof ITERATE_ENDPOINTS)[number];

export const isIterateRequest = (request: { endpoint: string }): request is IterateJobRequest =>
  (ITERATE_ENDPOINTS as readonly string[]).includes(request.endpoint);
