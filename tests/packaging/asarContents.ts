import { readdirSync, readFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { join } from 'node:path';
import { requireFromBuilder } from './builderModules.ts';

const asar = requireFromBuilder('@electron/asar') as {
  listPackage(archive: string, options: { isPack: boolean }): string[];
  statFile(archive: string, path: string): { size?: number; unpacked?: boolean; files?: unknown };
};

/** Every file path in the archive, relative, with forward slashes (folders left out). */
export const archiveFiles = (archive: string): string[] =>
  asar
    .listPackage(archive, { isPack: false })
    .map((p) => p.replaceAll('\\', '/').replace(/^\//u, ''))
    .filter((p) => asar.statFile(archive, p).files === undefined);

export const fileEntry = (archive: string, path: string): { size: number; unpacked: boolean } => {
  const entry = asar.statFile(archive, path);
  return { size: entry.size ?? -1, unpacked: entry.unpacked === true };
};

/**
 * The package folder a file belongs to, as package-lock.json names it: `node_modules/a`, `node_modules/@s/b`,
 * `node_modules/a/node_modules/c`; null for files outside node_modules.
 */
export const packageOf = (file: string): string | null => {
  const parts = file.split('/');
  let end = -1;
  for (let i = 0; i < parts.length - 1; i++) {
    if (parts[i] !== 'node_modules') continue;
    end = parts[i + 1]?.startsWith('@') ? i + 2 : i + 1;
    if (end >= parts.length - 1) return null; // a stray file directly in node_modules/ or a scope folder
  }
  return end < 0 ? null : parts.slice(0, end + 1).join('/');
};

export interface LockPackage {
  dev?: boolean;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}
export type LockPackages = Record<string, LockPackage>;

/** Node's lookup in lock-file terms: `name` as seen from package `from` (nearest node_modules upward). */
const resolveIn = (packages: LockPackages, from: string, name: string): string | null => {
  for (let base = from; ; ) {
    const candidate = base ? `${base}/node_modules/${name}` : `node_modules/${name}`;
    if (packages[candidate]) return candidate;
    if (!base) return null;
    const cut = base.lastIndexOf('/node_modules/');
    base = cut < 0 ? '' : base.slice(0, cut);
  }
};

/** A package and every package it depends on at run time (optional ones when installed), as lock keys. */
export const runtimeClosure = (packages: LockPackages, root: string): Set<string> => {
  const seen = new Set<string>();
  const visit = (key: string): void => {
    if (seen.has(key)) return;
    seen.add(key);
    const pkg = packages[key] ?? {};
    for (const name of Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies })) {
      const dep = resolveIn(packages, key, name);
      if (dep) visit(dep);
    }
  };
  visit(root);
  return seen;
};

/** Native code: Node addons and the shared libraries they link (sharp's libvips). */
export const isNativeCode = (file: string): boolean => /\.node$|\.so(\.\d+)*$|\.dylib$|\.dll$/u.test(file);

const NPM_NAME = /^(?:@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*$/u;

/** Bare module specifiers the built main bundle (and its chunks) import: what main loads at run time. */
export const bareImportsOf = (mainDir: string): Set<string> => {
  const found = new Set<string>();
  const files = readdirSync(mainDir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js'));
  for (const file of files) {
    const code = readFileSync(join(mainDir, file), 'utf8');
    for (const m of code.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)["']([^"'./][^"']*)["']/gu)) {
      const name = m[1]!.startsWith('@') ? m[1]!.split('/').slice(0, 2).join('/') : m[1]!.split('/')[0]!;
      // The pattern also meets look-alikes inside string literals; only what can name a package counts.
      if (isBuiltin(name) || name === 'electron' || !NPM_NAME.test(name)) continue;
      found.add(name);
    }
  }
  return found;
};
