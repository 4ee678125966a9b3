/**
 * `node --import register.ts <app>/out/main/index.js [args]`: boots a packaged main bundle under Node with the
 * stand-in `electron` module. A synchronous module hook (module.registerHooks) maps the `electron` specifier to
 * electron.ts for every importer; argv takes the shape of a packaged Electron app (the executable, then the
 * user's arguments), so main reads its arguments as it would there.
 */
import { registerHooks } from 'node:module';
import { pathToFileURL } from 'node:url';

const standIn = pathToFileURL(new URL('./electron.ts', import.meta.url).pathname).href;

registerHooks({
  resolve(specifier, context, nextResolve) {
    if (specifier === 'electron') return { url: standIn, shortCircuit: true };
    return nextResolve(specifier, context);
  },
});

// node, script, ...args → executable, ...args (what process.argv is in a packaged Electron app).
process.argv.splice(1, 1);
const resources = process.env.LAGOON_STANDIN_RESOURCES;
if (resources) Object.defineProperty(process, 'resourcesPath', { value: resources, enumerable: true });
