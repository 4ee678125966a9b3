import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MODEL_ID, modelsBody, priceUsd, stylesBody } from '../fake-venice/catalog.ts';
import type { FakeVenice } from '../fake-venice/server.ts';
import { closedPortUrl, eachCliTestbed } from './helpers/cliTestbed.ts';

const KEY = 'sk-canary-cli-models-8c1e5a3f-0b7d-4f2a-9e6c-4d8b2f0a6c1e';
const FAKE_MODELS = modelsBody('image').data;
const STEP_MODELS = new Set(['venice-sd35', 'lustify-v7', 'lustify-v8']);

// Each test starts several real processes: on a loaded machine that takes longer than the default 20 s.
describe('lagoon models (real child processes, the fake Venice over HTTP)', { timeout: 90_000 }, () => {
  let fake: FakeVenice;
  let dataDir: string;
  /** No key at all: the catalogue is public, and the keychain entry named here is empty. */
  const lagoon = eachCliTestbed(
    { key: KEY, prefix: 'lagoon-cli-models-', env: { VENICE_API_KEY: undefined, LAGOON_KEYCHAIN_SERVICE: `Lagoon-test-${randomUUID()}` } },
    (bed) => ({ fake, dataDir } = bed),
  );
  const catalogFetches = (): number => fake.requests.filter((r) => r.path === '/api/v1/models').length;

  it('--json: one object per model of the fake catalogue, in its order, with every field right', async () => {
    const run = await lagoon(['models', '--json']);
    expect(run.code).toBe(0);
    expect(run.lines.map((l) => l.id)).toEqual(FAKE_MODELS.map((m) => m.id));
    for (const [index, raw] of FAKE_MODELS.entries()) {
      const spec = raw.model_spec;
      const c = spec.constraints;
      const line = run.lines[index] ?? {};
      expect(Object.keys(line).toSorted()).toEqual(Object.keys(run.lines[0] ?? {}).toSorted());
      expect(line).toEqual({
        id: raw.id,
        name: spec.name,
        default: raw.id === DEFAULT_MODEL_ID,
        priceUsd: priceUsd(raw),
        pricing: {
          generation: spec.pricing.generation ?? null,
          resolutions: spec.pricing.resolutions ?? null,
          quality: spec.pricing.quality ?? null,
        },
        sizing: c.aspectRatios ? 'aspect_ratio' : 'pixels',
        widthHeightDivisor: c.aspectRatios ? null : c.widthHeightDivisor,
        aspectRatios: c.aspectRatios ?? null,
        defaultAspectRatio: c.defaultAspectRatio ?? null,
        resolutions: c.resolutions ?? null,
        defaultResolution: c.defaultResolution ?? null,
        qualities: c.qualities ?? null,
        defaultQuality: c.defaultQuality ?? null,
        steps: c.steps,
        usesSteps: STEP_MODELS.has(raw.id),
        supportsNegativePrompt: STEP_MODELS.has(raw.id),
        promptLimit: c.promptCharacterLimit,
        traits: spec.traits ?? [],
        deprecated: spec.deprecation ? { date: spec.deprecation.date, replacement: spec.deprecation.replacementModelId ?? null } : null,
        offline: spec.offline === true,
        styleReferences: spec.supportsStyleReferences === true ? { max: c.maxStyleReferences ?? 1, strength: c.supportsStyleReferenceStrength === true } : null,
        webSearch: spec.supportsWebSearch === true,
        promptThinking: spec.supportsOptimizePromptThinking === true,
        usesLora: STEP_MODELS.has(raw.id),
      });
    }
    // Spot checks in plain numbers, so a shared mistake in the expectation above cannot hide.
    const byId = new Map(run.lines.map((l) => [l.id, l]));
    expect(byId.get('gpt-image-1-5')).toMatchObject({ priceUsd: 0.26, qualities: ['low', 'medium', 'high'], defaultQuality: 'medium' });
    expect(byId.get('nano-banana-2')).toMatchObject({
      priceUsd: 0.1,
      resolutions: ['1K', '2K', '4K'],
      sizing: 'aspect_ratio',
      styleReferences: { max: 3, strength: true },
      webSearch: true,
      promptThinking: true,
      usesLora: false,
    });
    expect(byId.get('lustify-v7')).toMatchObject({ deprecated: { date: '2026-04-16T00:00:00.000Z', replacement: 'lustify-v8' } });
    expect(byId.get('hunyuan-image-v3')).toMatchObject({ offline: true });
    expect(byId.get('venice-sd35')).toMatchObject({ widthHeightDivisor: 16, steps: { default: 25, max: 30 }, promptLimit: 1500 });
    expect(run.stderr).toBe('');
  });

  it('human output: an aligned table, defaults marked, notes for deprecated and offline models', async () => {
    const run = await lagoon(['models']);
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    const header = lines[0] ?? '';
    expect(header).toMatch(/^ID\s+NAME\s+USD\/IMAGE\s+PROMPT\s+STEPS\s+RESOLUTIONS\s+QUALITIES\s+NOTES\s+SIZING$/);
    const rows = lines.slice(1, 1 + FAKE_MODELS.length);
    expect(rows.map((r) => r.split(' ')[0])).toEqual(FAKE_MODELS.map((m) => m.id));
    // Aligned: every column starts at the header's offset in every row.
    for (const column of ['NAME', 'USD/IMAGE', 'PROMPT', 'STEPS', 'RESOLUTIONS', 'QUALITIES', 'NOTES', 'SIZING']) {
      const at = header.indexOf(column);
      for (const row of rows) expect({ column, row, before: row.slice(at - 2, at), first: row[at] }).toEqual({ column, row, before: '  ', first: expect.stringMatching(/\S/) });
    }
    const row = (id: string): string => rows.find((r) => r.startsWith(`${id} `)) ?? '';
    expect(row('z-image-turbo')).toMatch(/Z-Image Turbo\s+0\.01\s+7500\s+-\s+-\s+-\s+default, fastest\s+width\/height ÷8$/);
    expect(row('venice-sd35')).toMatch(/\s1500\s+25\/30\s.*LoRA\s+width\/height ÷16$/);
    expect(row('nano-banana-2')).toMatch(
      /0\.10 \(0\.10–0\.19\)\s+32768\s+-\s+1K\* 2K 4K\s+-\s+references ≤3, web search, prompt thinking\s+ratios 1:1\* 3:2 16:9 21:9 9:16 2:3 3:4 4:5$/,
    );
    expect(row('gpt-image-1-5')).toMatch(/0\.26 \(0\.07–0\.98\).*low medium\* high/);
    expect(row('grok-imagine-image')).toContain('0.0325');
    expect(row('lustify-v7')).toContain('deprecated 2026-04-16 → lustify-v8, most_uncensored');
    expect(row('hunyuan-image-v3')).toMatch(/\sOFFLINE\s/);
    expect(run.stdout).toContain('* marks the default.');
    expect(run.stderr).toMatch(/^Model list from Venice as of \d{4}-\d\d-\d\d \d\d:\d\d UTC\.$/m);
  });

  it('--styles lists the style names; the list is fetched once and then read from the library', async () => {
    const styles = await lagoon(['models', '--styles', '--json']);
    expect(styles.code).toBe(0);
    expect(styles.lines).toEqual(stylesBody().data.map((style) => ({ style })));
    expect((await lagoon(['models', '--styles'])).stdout.split('\n')).toContain('Anime');
    expect(catalogFetches()).toBe(1);
    expect((await lagoon(['models', '--refresh', '--json'])).lines).toHaveLength(FAKE_MODELS.length);
    expect(catalogFetches()).toBe(2);
  });

  it('without Venice: the failure class with no saved list or with --refresh; a stale saved list is shown with a warning', async () => {
    const offline = { env: { LAGOON_API_BASE_URL: await closedPortUrl() } };
    const none = await lagoon(['models', '--json'], offline);
    expect(none.code).toBe(7);
    expect(none.lines).toMatchObject([{ error: { code: 'OFFLINE', message: expect.stringContaining('could not reach Venice') } }]);

    expect((await lagoon(['models'])).code).toBe(0);
    const refresh = await lagoon(['models', '--refresh', '--json'], offline);
    expect(refresh.code).toBe(7);
    expect(refresh.lines).toMatchObject([{ error: { code: 'OFFLINE', message: expect.stringContaining('The saved list is unchanged') } }]);

    // A day-old copy is refreshed first; when that fails, the copy is still the best answer there is.
    const db = new Database(join(dataDir, 'lagoon.db'));
    db.prepare("UPDATE catalog_meta SET value = '1000' WHERE key = 'fetched_at'").run();
    db.close();
    const stale = await lagoon(['models', '--json'], offline);
    expect(stale.code).toBe(0);
    expect(stale.lines).toHaveLength(FAKE_MODELS.length);
    expect(stale.stderr).toContain("lagoon: warning: showing the saved model list from 1970-01-01 00:00 UTC; Venice's model list could not be loaded");
  });

  it('help names every option', async () => {
    const help = await lagoon(['models', '--help']);
    expect(help.code).toBe(0);
    for (const flag of ['--json', '--refresh', '--styles']) expect(help.stdout).toContain(flag);
    const general = await lagoon(['--help']);
    expect(general.stdout).toContain('lagoon models [--json] [--refresh]');
    const generate = await lagoon(['help', 'generate']);
    for (const flag of ['--aspect-ratio', '--negative', '--seed', '--steps', '--cfg', '--style', '--variants', '--resolution', '--quality', '--hide-watermark']) {
      expect(generate.stdout).toContain(flag);
    }
    expect(generate.stdout).not.toContain('Not available yet');
  });
});
