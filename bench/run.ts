// `npm run bench`: one JSON line per figure; `node bench/run.ts <name>…` runs only those. Speed goals live here (as
// ratios against a baseline measured in the same run where the machine's speed matters), never as timed
// assertions in the test suite. Libraries of 100k and 1M synthetic images are built once and cached
// (bench/syntheticLibrary.ts; LAGOON_BENCH_CACHE moves the cache).
import { cliStartup } from './cli.bench.ts';
import { clientVsOpenAiSdk, ingestVsFloor } from './generation.bench.ts';
import { gridFigures } from './grid.bench.ts';
import { importHostileFolder } from './import.bench.ts';
import { importFigures } from './importSpeed.bench.ts';
import { editPeakMemory25mb, editRequestOverheadVsFloor } from './iterate.bench.ts';
import { firstPageDuringQuickCheck, launchSweep100k } from './launch.bench.ts';
import { launchToGrid1m } from './launchGrid.bench.ts';
import { type Figure, report } from './measure.ts';
import { coreInNodeRss1m } from './rss.bench.ts';
import { searchFigures } from './search.bench.ts';
import { migrateSearchLineage1m } from './searchMigration.bench.ts';
import { gridJump1m } from './seek.bench.ts';
import { migrate1m, syntheticGeneration1m } from './synthetic.bench.ts';

/** Figures measured together (one library, one browser) are produced by one call for all the names asked for. */
interface Group {
  names: readonly string[];
  run(names: readonly string[]): Promise<Figure[]>;
}

const single = (name: string, bench: () => Promise<Figure>): Group => ({ names: [name], run: async () => [await bench()] });

const GROUPS: readonly Group[] = [
  single('client_vs_openai_sdk', clientVsOpenAiSdk),
  single('ingest_vs_floor', ingestVsFloor),
  single('edit_request_overhead_vs_floor', editRequestOverheadVsFloor),
  single('edit_peak_memory_vs_input_25mb', editPeakMemory25mb),
  single('synthetic_generation_s_1m', syntheticGeneration1m),
  single('migrate_1m_s', migrate1m),
  single('migrate_search_lineage_1m_s', migrateSearchLineage1m),
  { names: ['search_p95_ms_1m', 'search_route_overhead_vs_same_sql', 'first_page_ms_1m'], run: searchFigures },
  single('first_page_during_quick_check_ms_1m', firstPageDuringQuickCheck),
  single('grid_jump_ms_1m', gridJump1m),
  single('launch_sweep_stall_ms_100k', launchSweep100k),
  single('launch_to_grid_ms_1m', launchToGrid1m),
  single('import_hostile_folder_ms', importHostileFolder),
  { names: ['import_vs_floor', 'import_stall_ms'], run: importFigures },
  single('core_in_node_rss_mb_1m', coreInNodeRss1m),
  {
    names: ['grid_first_paint_ms_100k', 'grid_scroll_fps_100k', 'grid_visible_thumbs_share_100k',
      'grid_fling_placeholder_share_100k', 'grid_fling_thumbs_share_100k', 'grid_settle_ms_100k'],
    run: gridFigures,
  },
  { names: ['cli_help_ms', 'cli_search_ms'], run: cliStartup },
];

const known = GROUPS.flatMap((g) => g.names);
const only = process.argv.slice(2);
const unknown = only.filter((name) => !known.includes(name));
if (unknown.length) {
  process.stderr.write(`Unknown figure(s): ${unknown.join(', ')}. Known: ${known.join(', ')}\n`);
  process.exit(2);
}

const started = performance.now();
for (const group of GROUPS) {
  const names = group.names.filter((name) => !only.length || only.includes(name));
  if (names.length) for (const figure of await group.run(names)) report(figure);
}
process.stderr.write(`[bench] done in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
