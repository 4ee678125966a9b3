/**
 * The views the window can open on: the one the user was last in. Settings is a detour, not a place to return to.
 * Apart from the settings schema so the renderer can use it without loading zod (its CSP forbids zod's eval probe).
 */
export const START_VIEWS = ['generate', 'library'] as const;
export type StartView = (typeof START_VIEWS)[number];
