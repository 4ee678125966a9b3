/** The window's views, in the sidebar's order. */
export const VIEWS = ['generate', 'library', 'settings'] as const;
export type View = (typeof VIEWS)[number];
