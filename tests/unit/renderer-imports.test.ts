import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const ENTRY = join(root, 'src/renderer/src/main.tsx');

// Runtime imports only: `import type …` and `export type …` vanish in the bundle.
const RUNTIME_IMPORT = /^\s*(?:import|export)\s+(?!type\b)(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm;

/** Every module the renderer loads at run time, following relative imports from main.tsx. */
const runtimeGraph = (entry: string): { files: Set<string>; packages: Map<string, string> } => {
  const files = new Set<string>();
  const packages = new Map<string, string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    for (const [, spec] of readFileSync(file, 'utf8').matchAll(RUNTIME_IMPORT)) {
      if (!spec) continue;
      if (spec.startsWith('.')) {
        const target = resolve(dirname(file), spec);
        if (/\.(tsx?|json)$/.test(target) && existsSync(target) && !target.endsWith('.json')) visit(target);
      } else if (!packages.has(spec)) {
        packages.set(spec, relative(root, file));
      }
    }
  };
  visit(entry);
  return { files, packages };
};

describe('renderer runtime imports', () => {
  it('never reach zod: its eval probe is exactly what the CSP forbids', () => {
    const { files, packages } = runtimeGraph(ENTRY);
    expect(files.size).toBeGreaterThan(10); // the walk really followed the graph
    expect(packages.has('react')).toBe(true); // …and really sees package imports
    expect(packages.get('zod'), `zod imported (first by ${packages.get('zod')})`).toBeUndefined();
  });

  it('never reach Node or Electron modules', () => {
    const { packages } = runtimeGraph(ENTRY);
    const forbidden = [...packages.keys()].filter((p) => p === 'electron' || p.startsWith('node:') || ['better-sqlite3', 'keytar', 'sharp'].includes(p));
    expect(forbidden).toEqual([]);
  });
});
