import { createRequire } from 'node:module';

/**
 * Modules electron-builder packages with (@electron/asar, @electron/fuses), loaded the way app-builder-lib loads them:
 * they are its dependencies, not the project's, so npm may not hoist them to the top of node_modules.
 */
const fromBuilder = createRequire(createRequire(import.meta.url).resolve('electron-builder/package.json'));
export const requireFromBuilder = createRequire(fromBuilder.resolve('app-builder-lib/package.json'));
