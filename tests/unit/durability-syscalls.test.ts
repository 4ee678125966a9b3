import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  commitAfterDurableFiles,
  fsyncedAroundRenames,
  noMediaUnlinked,
  pruneAfterNewBackup,
  type RuleResult,
  unlinkAfterCommit,
} from './helpers/durabilityRules.ts';
import { parseStrace, stepWindows, type Syscall } from './helpers/syscallTrace.ts';
import { makeImage } from './fixtures/transferImages.ts';

/**
 * Issue "ship and recover" §4: durability, not only atomicity. A SIGKILL cannot tell a missing fsync (the page cache
 * outlives the process), so ingest, import, export, trash, purge and backup run under strace and the order of
 * their syscalls is checked against the protocol: data fsynced before its rename, the folder fsynced after it, the
 * commit after both, nothing unlinked before the commit that forgets it. Two mutants of atomicFile.ts (each with one
 * fsync removed, in a copy of the sources) must fail the same checks.
 */
const ROOT = resolve(import.meta.dirname, '../..');
const TRACED = 'openat,write,pwrite64,fsync,fdatasync,rename,renameat,renameat2,unlink,unlinkat,link,linkat';

const probe = spawnSync('strace', ['-f', '-qq', '-e', 'trace=none', process.execPath, '-e', '0'], { encoding: 'utf8' });
const ptraceRefused = probe.error === undefined && probe.status !== 0 && /ptrace|not permitted/iu.test(probe.stderr);
if (ptraceRefused) {
  console.error(`\n${'!'.repeat(100)}\n!! SKIPPED: the syscall-level durability test — this machine refuses ptrace (${probe.stderr.trim()})\n${'!'.repeat(100)}\n`);
}

const work = mkdtempSync(join(tmpdir(), 'lagoon-strace-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface TracedRun {
  dataDir: string;
  steps: Map<string, Syscall[]>;
}

/** Runs the worker from `sourceRoot` (the project, or a mutated copy of it) under strace; returns each step's calls. */
const traceWorker = async (sourceRoot: string, name: string): Promise<TracedRun> => {
  const base = join(work, name);
  const [dataDir, importDir, exportDir] = ['data', 'import', 'export'].map((d) => join(base, d)) as [string, string, string];
  for (const dir of [dataDir, importDir, exportDir]) mkdirSync(dir, { recursive: true });
  writeFileSync(join(importDir, 'found.png'), await makeImage('png', { seed: 29 }));
  const traceFile = join(base, 'trace.txt');
  const worker = join(sourceRoot, 'tests/unit/fixtures/durabilityWorker.ts');
  const run = spawnSync('strace', ['-f', '-y', '-qq', '-s', '16', '-e', `trace=${TRACED}`, '-o', traceFile, process.execPath, worker], {
    env: { ...process.env, DATA_DIR: dataDir, IMPORT_DIR: importDir, EXPORT_DIR: exportDir },
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (run.status !== 0) throw new Error(`worker failed (${run.status}): ${run.stderr}`);
  return { dataDir, steps: stepWindows(parseStrace(readFileSync(traceFile, 'utf8'))) };
};

/** Every rule on the step it applies to, named, for one run. */
const judge = ({ dataDir, steps }: TracedRun): Record<string, RuleResult> => {
  const db = join(dataDir, 'lagoon.db');
  const step = (name: string): Syscall[] => steps.get(name) ?? [];
  return {
    'ingest: temp fsynced, renamed, folder fsynced': fsyncedAroundRenames(step('ingest')),
    'ingest: commit after the files are durable': commitAfterDurableFiles(step('ingest'), dataDir, db),
    'import: temp fsynced, renamed, folder fsynced': fsyncedAroundRenames(step('import')),
    'import: commit after the files are durable': commitAfterDurableFiles(step('import'), dataDir, db),
    'export: partial fsynced, linked, folder fsynced': fsyncedAroundRenames(step('export')),
    'trash: no file touched': noMediaUnlinked(step('trash'), dataDir),
    'purge: unlink after the commit, then fsync, then forget': unlinkAfterCommit(step('purge'), dataDir, db),
    'backup: copy fsynced, renamed, folder fsynced': fsyncedAroundRenames(step('backup')),
    'second backup: copy fsynced, renamed, folder fsynced': fsyncedAroundRenames(step('backup-prune')),
    'second backup: the first removed only after the new one is durable': pruneAfterNewBackup(step('backup-prune')),
  };
};

/** A copy of the sources with one fsync removed from one file; the project's own tree is never touched. */
const mutant = (name: string, file: string, statement: string, context: string): string => {
  const copy = join(work, `src-${name}`);
  for (const part of ['src', 'tests/unit/fixtures', 'package.json']) cpSync(join(ROOT, part), join(copy, part), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'), 'dir');
  const path = join(copy, 'src/main/core', file);
  const source = readFileSync(path, 'utf8');
  if (!source.includes(context)) throw new Error(`${file} no longer has "${context}": update this mutant`);
  writeFileSync(path, source.replace(context, context.replace(statement, 'void 0; /* fsync removed by the mutation test */')));
  return copy;
};

/** Each mutant removes one fsync; the rules named must then report what the removal broke. */
const MUTANTS = [
  { name: 'ingest data', file: 'library/atomicFile.ts', statement: 'await handle.sync();', context: 'await handle.sync();\n    await handle.close();', expected: { 'ingest: temp fsynced, renamed, folder fsynced': /renamed without an fsync after its last write/u, 'import: temp fsynced, renamed, folder fsynced': /renamed without an fsync after its last write/u } },
  { name: 'ingest folder', file: 'library/atomicFile.ts', statement: 'await fsyncDirectory(dir);', context: 'await fsyncDirectory(dir);\n}', expected: { 'ingest: commit after the files are durable': /commit before the folder of .* was fsynced/u } },
  { name: 'export data', file: 'transfer/exclusiveFile.ts', statement: 'await handle.sync();', context: 'await handle.sync();\n      await handle.close();', expected: { 'export: partial fsynced, linked, folder fsynced': /renamed without an fsync after its last write/u } },
  { name: 'purge folder', file: 'library/pendingPurges.ts', statement: 'await fsyncDirectory(dir).catch(() => undefined);', context: 'for (const dir of dirs) await fsyncDirectory(dir).catch(() => undefined);', expected: { 'purge: unlink after the commit, then fsync, then forget': /folder not fsynced after/u } },
  { name: 'backup folder', file: 'library/backup.ts', statement: 'await fsyncDirectory(dir);', context: 'await rename(partialPath, finalPath);\n      await fsyncDirectory(dir);', expected: { 'backup: copy fsynced, renamed, folder fsynced': /folder not fsynced after/u, 'second backup: the first removed only after the new one is durable': /old backup removed before a new one was durable/u } },
];

describe.skipIf(ptraceRefused)('durability at the syscall level (strace)', () => {
  let real: Record<string, RuleResult>;
  beforeAll(async () => {
    if (probe.error) throw new Error(`strace could not be run (apt-get install strace): ${probe.error.message}`);
    real = judge(await traceWorker(ROOT, 'real'));
  }, 180_000);

  it('holds every order of the protocol, in every step', () => {
    expect(Object.fromEntries(Object.entries(real).map(([rule, r]) => [rule, r.violations]))).toEqual(Object.fromEntries(Object.keys(real).map((rule) => [rule, []])));
  });

  it('saw what it checks: two files per image, two exported files, four purged files, two backups and one pruned', () => {
    const checked = Object.fromEntries(Object.entries(real).map(([rule, r]) => [rule, r.checked]));
    expect(checked).toMatchObject({
      'ingest: temp fsynced, renamed, folder fsynced': 2,
      'ingest: commit after the files are durable': 2,
      'import: commit after the files are durable': 2,
      'export: partial fsynced, linked, folder fsynced': 2,
      'purge: unlink after the commit, then fsync, then forget': 4,
      'backup: copy fsynced, renamed, folder fsynced': 1,
      'second backup: copy fsynced, renamed, folder fsynced': 1,
      'second backup: the first removed only after the new one is durable': 1,
    });
  });

  it.each(MUTANTS)('fails with the $name fsync removed ($file)', async ({ name, file, statement, context, expected }) => {
    const slug = name.replace(/\W+/gu, '-');
    const results = judge(await traceWorker(mutant(slug, file, statement, context), slug));
    for (const [rule, says] of Object.entries(expected)) expect(results[rule]!.violations.join('\n'), rule).toMatch(says);
  }, 120_000);
});
