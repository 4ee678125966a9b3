import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

const { version } = JSON.parse(readFileSync(resolve(import.meta.dirname, 'package.json'), 'utf8')) as { version: string };

export default defineConfig({
  main: {
    // `lagoon --version` from the packaged app: its CLI chunk has no package.json beside it (src/cli/version.ts).
    define: { LAGOON_BUILD_VERSION: JSON.stringify(version) },
    build: {
      rollupOptions: { input: { index: resolve(import.meta.dirname, 'src/main/shell/main.ts') } },
    },
  },
  preload: {
    build: {
      // A sandboxed preload cannot be an ES module: it must be one CommonJS file.
      rollupOptions: {
        input: { index: resolve(import.meta.dirname, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(import.meta.dirname, 'src/renderer'),
    base: './',
    plugins: [react()],
    build: {
      rollupOptions: { input: { index: resolve(import.meta.dirname, 'src/renderer/index.html') } },
      // electron-vite leaves the renderer unminified by default: 1.4 MB of script to parse at every cold start
      // (React alone 429 kB). Minified, the window's first paint parses less than half of that.
      minify: true,
    },
  },
});
