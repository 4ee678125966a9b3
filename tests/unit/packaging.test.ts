import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { FUSE_SENTINEL, fuseWireBytes, readFuseWire } from '../packaging/fuseWire.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const CONFIG_FILE = 'electron-builder.yml';
const config = YAML.parse(readFileSync(join(ROOT, CONFIG_FILE), 'utf8')) as Record<string, any>;
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { main: string; productName?: string };

// electron-builder's own modules (app-builder-lib comes with electron-builder at one exact version).
const requireFromBuilder = createRequire(createRequire(import.meta.url).resolve('electron-builder/package.json'));
const builderConfig = requireFromBuilder('app-builder-lib/out/util/config/config.js') as {
  getConfig(projectDir: string, configPath: string | null, fromOptions: unknown): Promise<Record<string, any>>;
  validateConfiguration(config: unknown, debugLogger: unknown): Promise<void>;
};
const { DebugLogger } = requireFromBuilder('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

const targetsOf = (platform: { target: unknown }): string[] =>
  (platform.target as (string | { target: string })[]).map((t) => (typeof t === 'string' ? t : t.target));

describe('electron-builder.yml', () => {
  it('names the app', () => {
    expect(config.appId).toBe('ai.lagoon.studio');
    expect(config.productName).toBe('Lagoon');
    expect(pkg.productName).toBe('Lagoon');
    expect(config.directories.output).toBe('release');
  });

  it('ships electron-vite output and the manifest, where package.json main points', () => {
    expect(config.files).toEqual(expect.arrayContaining(['out/**', 'package.json']));
    expect(pkg.main.replace(/^\.\//, '')).toMatch(/^out\//);
  });

  it('packs into asar but unpacks native code', () => {
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['**/*.node', '**/node_modules/sharp/**/*', '**/node_modules/@img/**/*']));
  });

  it('builds dmg+zip (hardened) on macOS, nsis on Windows, AppImage+deb on Linux', () => {
    expect(targetsOf(config.mac).toSorted()).toEqual(['dmg', 'zip']);
    expect(config.mac.hardenedRuntime).toBe(true);
    expect(config.mac.category).toBe('public.app-category.graphics-design');
    expect(targetsOf(config.win)).toEqual(['nsis']);
    expect(targetsOf(config.linux).toSorted()).toEqual(['AppImage', 'deb']);
    expect(config.linux.category).toBe('Graphics');
  });

  it('uses entitlements that keep library validation on', () => {
    const plist = readFileSync(join(ROOT, config.mac.entitlements), 'utf8');
    expect(config.mac.entitlementsInherit).toBe(config.mac.entitlements);
    const granted = [...plist.replace(/<!--[\s\S]*?-->/g, '').matchAll(/<key>([^<]+)<\/key>\s*<true\/>/g)].map((m) => m[1]);
    expect(granted).toEqual(['com.apple.security.cs.allow-jit']);
  });

  it('sets the fuses of RELIABILITY §1 exactly', () => {
    expect(config.electronFuses).toStrictEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('passes electron-builder’s own schema validation (and that validation is not vacuous)', async () => {
    const loaded = await builderConfig.getConfig(ROOT, CONFIG_FILE, null);
    expect(loaded.appId).toBe('ai.lagoon.studio');
    await expect(builderConfig.validateConfiguration(loaded, new DebugLogger(false))).resolves.toBeUndefined();
    const broken = { ...loaded, electronFuses: { ...loaded.electronFuses, runAsNodeTypo: false } };
    await expect(builderConfig.validateConfiguration(broken, new DebugLogger(false))).rejects.toThrow(/configuration/i);
  });
});

describe('fuse wire produced from this config', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lagoon-fuses-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('flips a synthetic Electron binary to 0 1 0 0 1 1 x 0 through electron-builder and @electron/fuses', async () => {
    const fuses = requireFromBuilder('@electron/fuses') as { flipFuses(path: string, config: unknown): Promise<number> };
    const constants = requireFromBuilder('@electron/fuses/dist/constants.js') as { SENTINEL: string };
    expect(constants.SENTINEL).toBe(FUSE_SENTINEL);
    const { PlatformPackager } = requireFromBuilder('app-builder-lib') as {
      PlatformPackager: { prototype: { generateFuseConfig(f: unknown): Promise<unknown> } };
    };
    const fuseConfig = await PlatformPackager.prototype.generateFuseConfig.call(null, config.electronFuses);

    // Every fuse starts opposite to the wanted state; index 6 (V8 snapshot) is left as the binary has it.
    const binaryPath = join(dir, 'electron');
    const initial = '10110001';
    writeFileSync(binaryPath, Buffer.concat([Buffer.alloc(4096, 7), fuseWireBytes(initial), Buffer.alloc(512, 9)]));
    await fuses.flipFuses(binaryPath, fuseConfig);

    const { version, wire } = readFuseWire(readFileSync(binaryPath));
    expect(version).toBe(1);
    expect(wire).toBe(`010011${initial[6]}0`);
  });
});

describe('icon', () => {
  it('is a real 1024x1024 PNG rendered from resources/icon.svg', async () => {
    const iconPath = join(ROOT, config.icon ?? 'resources/icon.png');
    const meta = await sharp(iconPath).metadata();
    expect(meta.format).toBe('png');
    expect([meta.width, meta.height]).toEqual([1024, 1024]);
    const stats = await sharp(iconPath).stats();
    // Not blank: visibly different colours, and an opaque tile on a transparent margin.
    expect(Math.max(...stats.channels.slice(0, 3).map((c) => c.stdev))).toBeGreaterThan(20);
    expect(stats.channels[3]?.max).toBe(255);
    expect(stats.channels[3]?.min).toBe(0);

    const fromSvg = await sharp(join(ROOT, 'resources/icon.svg'), { density: 72 }).resize(1024, 1024).raw().toBuffer();
    const png = await sharp(iconPath).ensureAlpha().raw().toBuffer();
    expect(png.length).toBe(fromSvg.length);
    let differing = 0;
    for (let i = 0; i < png.length; i++) if (Math.abs((png[i] ?? 0) - (fromSvg[i] ?? 0)) > 8) differing++;
    expect(differing / png.length).toBeLessThan(0.01);
  });
});
