// `npm run bench`: one JSON line per figure. Speed goals live here as ratios against a baseline measured in the same
// run (these machines are noisy), never as timed assertions in the test suite.
import { clientVsOpenAiSdk, ingestVsFloor } from './generation.bench.ts';
import { report } from './measure.ts';

const benches = { client_vs_openai_sdk: clientVsOpenAiSdk, ingest_vs_floor: ingestVsFloor };
const only = process.argv.slice(2);

for (const [name, bench] of Object.entries(benches)) {
  if (only.length && !only.includes(name)) continue;
  report(await bench());
}
