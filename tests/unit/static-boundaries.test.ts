import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * Static rules over src/ that keep Electron at the edge and the security-relevant calls in their one file
 * (RELIABILITY §1: items 1–4, 6, 8–10, 17–18, 20 and the "extra" row). Comments are stripped first, so a comment
 * explaining a rule never trips it.
 */
const ROOT = resolve(import.meta.dirname, '../..');
const SOURCE = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;

interface SourceFile {
  path: string; // relative to the repo, with forward slashes
  imports: string[]; // every module specifier: import, import type, export from, import(), require()
  code: string; // comments and types removed
}

const analyse = (path: string, text: string): SourceFile => {
  const imports = ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName);
  const code = ts.transpileModule(text, {
    fileName: path,
    reportDiagnostics: false,
    compilerOptions: {
      removeComments: true,
      jsx: ts.JsxEmit.Preserve,
      target: ts.ScriptTarget.ESNext,
      module: ts.ModuleKind.ESNext,
      verbatimModuleSyntax: false,
    },
  }).outputText;
  return { path, imports, code };
};

const walk = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : walk(full);
    return SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts') ? [full] : [];
  });

const FILES: SourceFile[] = walk(join(ROOT, 'src')).map((full) =>
  analyse(relative(ROOT, full).split(sep).join('/'), readFileSync(full, 'utf8')),
);

const importsElectron = (f: SourceFile): boolean => f.imports.some((s) => s === 'electron' || s.startsWith('electron/'));

/** Code patterns that must appear nowhere in src/. */
const FORBIDDEN: [string, RegExp][] = [
  ['loadFile', /\bloadFile\b/],
  ['webSecurity: false', /\bwebSecurity\s*:\s*false\b/],
  ['nodeIntegration*: true', /\bnodeIntegration\w*\s*:\s*true\b/],
  ['contextIsolation: false', /\bcontextIsolation\s*:\s*false\b/],
  ['sandbox: false', /\bsandbox\s*:\s*false\b/],
  ['allowRunningInsecureContent: true', /\ballowRunningInsecureContent\s*:\s*true\b/],
  ['experimentalFeatures: true', /\bexperimentalFeatures\s*:\s*true\b/],
  ['enableBlinkFeatures', /\benableBlinkFeatures\b/],
  ['webviewTag: true', /\bwebviewTag\s*:\s*true\b/],
  ['dangerouslySetInnerHTML', /\bdangerouslySetInnerHTML\b/],
  ['insecure command-line switch', /no-sandbox|disable-web-security|ignore-certificate-errors|allow-insecure-localhost/],
  ['certificate override', /\bsetCertificateVerifyProc\b|['"]certificate-error['"]/],
  ['TLS verification off', /\bNODE_TLS_REJECT_UNAUTHORIZED\b/],
  ['security warnings off', /\bELECTRON_DISABLE_SECURITY_WARNINGS\b/],
  ['ELECTRON_RUN_AS_NODE', /\bELECTRON_RUN_AS_NODE\b/],
];

const WINDOW_CONSTRUCTION = /\bnew\s+(BrowserWindow|BrowserView|WebContentsView|BaseWindow)\b/;
const IPC_MAIN_REGISTRATION = /\bipcMain\s*\.\s*(handle|handleOnce|on|once|addListener|prependListener)\b/;

const violations = (files: SourceFile[]): string[] => {
  const found: string[] = [];
  for (const f of files) {
    const inShell = f.path.startsWith('src/main/shell/');
    const inPreload = f.path.startsWith('src/preload/');
    if (importsElectron(f) && !inShell && !inPreload) found.push(`${f.path}: imports electron outside src/main/shell and src/preload`);
    if (WINDOW_CONSTRUCTION.test(f.code) && f.path !== 'src/main/shell/window.ts') found.push(`${f.path}: creates a window outside window.ts`);
    if (IPC_MAIN_REGISTRATION.test(f.code) && f.path !== 'src/main/shell/ipc.ts') found.push(`${f.path}: registers ipcMain outside ipc.ts`);
    for (const [name, pattern] of FORBIDDEN) if (pattern.test(f.code)) found.push(`${f.path}: ${name}`);
    if (f.path.startsWith('src/main/') && f.imports.some((s) => /^(node:)?child_process$/.test(s)) && /\bfork\s*\(/.test(f.code)) {
      found.push(`${f.path}: child_process.fork (stops working with the RunAsNode fuse off; use utilityProcess)`);
    }
    if (inPreload) {
      // Type imports vanish when bundled; anything else would have to be bundled into a sandboxed script, so beside
      // electron only the import-free channel names may come in (the bundle test checks the built file too).
      const runtime = ts.preProcessFile(f.code, true, true).importedFiles.map((i) => i.fileName);
      const allowed = new Set(['electron', '../shared/ipc/channels.ts']);
      for (const s of runtime) if (!allowed.has(s)) found.push(`${f.path}: preload imports ${s} at runtime`);
    }
  }
  return found;
};

describe('static boundaries of src/', () => {
  it('scans the real tree', () => {
    const paths = FILES.map((f) => f.path);
    for (const expected of ['src/main/shell/window.ts', 'src/main/shell/ipc.ts', 'src/main/shell/main.ts', 'src/preload/index.ts', 'src/shared/ipc/contract.ts']) {
      expect(paths).toContain(expected);
    }
    expect(FILES.filter((f) => f.path.startsWith('src/main/core/')).length).toBeGreaterThan(5);
  });

  it('has no violations', () => {
    expect(violations(FILES)).toEqual([]);
  });

  it('keeps electron out of core, shared and the renderer', () => {
    const offenders = FILES.filter((f) => /^src\/(main\/core|shared|renderer)\//.test(f.path) && importsElectron(f)).map((f) => f.path);
    expect(offenders).toEqual([]);
  });

  it('has exactly two window constructions (the app window and the upgrade splash) and one ipcMain.handle, in their files', () => {
    const windowFile = FILES.find((f) => f.path === 'src/main/shell/window.ts');
    const ipcFile = FILES.find((f) => f.path === 'src/main/shell/ipc.ts');
    expect(windowFile?.code.match(new RegExp(WINDOW_CONSTRUCTION.source, 'g'))).toHaveLength(2);
    expect(ipcFile?.code.match(/\.\s*handle\s*\(/g)).toHaveLength(1);
  });

  it('loads the app through lagoon://, the single window factory and one IPC registration from main', () => {
    const main = FILES.find((f) => f.path === 'src/main/shell/main.ts');
    expect(main?.code).toMatch(/\benableSandbox\s*\(/);
    expect(main?.code).toMatch(/\brequestSingleInstanceLock\s*\(/);
    expect(main?.code).not.toMatch(/file:\/\//);
  });
});

const check = (path: string, text: string): string[] => violations([analyse(path, text)]);

describe('the scanner itself (positive controls)', () => {
  it.each([
    ['src/main/core/x.ts', "import { app } from 'electron';"],
    ['src/shared/x.ts', "import type { App } from 'electron';"],
    ['src/renderer/src/x.ts', "const { ipcRenderer } = require('electron');"],
    ['src/main/core/x.ts', "const e = await import('electron/main');"],
    ['src/main/shell/other.ts', "import { BrowserWindow } from 'electron'; new BrowserWindow({});"],
    ['src/main/shell/other.ts', "import { WebContentsView } from 'electron'; new WebContentsView();"],
    ['src/main/shell/main.ts', "ipcMain.handle('x', () => 1);"],
    ['src/main/shell/main.ts', "ipcMain .on('x', () => 1);"],
    ['src/main/shell/window.ts', 'win.loadFile("index.html");'],
    ['src/main/shell/window.ts', 'const p = { webSecurity : false };'],
    ['src/main/shell/window.ts', 'const p = { nodeIntegrationInSubFrames: true };'],
    ['src/main/shell/window.ts', "const p = { enableBlinkFeatures: 'x' };"],
    ['src/renderer/src/x.tsx', 'export const X = () => <div dangerouslySetInnerHTML={{ __html: s }} />;'],
    ['src/main/shell/main.ts', "app.commandLine.appendSwitch('ignore-certificate-errors');"],
    ['src/main/shell/main.ts', "app.on('certificate-error', (e, wc, u, err, cert, cb) => cb(true));"],
    ['src/main/core/x.ts', "process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';"],
    ['src/main/core/x.ts', "import { fork } from 'node:child_process'; fork('worker.js');"],
    ['src/preload/index.ts', "import { contextBridge } from 'electron'; import { routes } from '../shared/ipc/contract.ts'; contextBridge.exposeInMainWorld('api', routes);"],
  ])('flags %s: %s', (path, text) => {
    expect(check(path, text).length).toBeGreaterThan(0);
  });

  it('ignores comments and type-only imports where they are harmless', () => {
    expect(check('src/main/shell/window.ts', '// never loadFile, never webSecurity: false\n/* new BrowserWindow in ipc */ export {};')).toEqual([]);
    expect(check('src/preload/index.ts', "import { ipcRenderer } from 'electron';\nimport type { LagoonApi } from '../shared/ipc/contract.ts';\nexport const x: LagoonApi | null = null; ipcRenderer.invoke('x');")).toEqual([]);
  });
});
