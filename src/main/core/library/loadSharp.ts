import type Sharp from 'sharp';

/**
 * sharp, loaded on first use. Loading it loads libvips (a native library of tens of megabytes) and its helpers,
 * which costs a command that only reads the database (`lagoon list`, `lagoon search`) a good part of its run; every
 * image operation is asynchronous anyway, so the first one awaits the load instead.
 */
let loading: Promise<typeof Sharp> | undefined;

export const loadSharp = (): Promise<typeof Sharp> => (loading ??= import('sharp').then((module) => module.default));
