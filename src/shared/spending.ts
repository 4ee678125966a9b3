/**
 * The spending limit's bounds, in plain TypeScript so the renderer can use them without pulling zod (whose eval
 * probe the CSP forbids): above the limit a batch asks before it is queued; $1 unless the user changes it.
 */
export const DEFAULT_SPEND_LIMIT_USD = 1;
export const MAX_SPEND_LIMIT_USD = 10_000;
