/** A few command lines per topic, appended to its help: what a person copies first. */
export const EXAMPLES: Record<string, readonly string[]> = {
  general: [
    'lagoon generate --prompt "a paper boat on a lagoon at dawn"',
    'lagoon generate --prompts-file prompts.txt --json | jq -r .file',
    'lagoon search lighthouse --min-rating 4',
    'lagoon help generate',
  ],
  generate: [
    'lagoon generate --prompt "two herons in fog" --size 1024x1024 --format webp',
    'lagoon generate --prompt "two herons" --model venice-sd35 --variants 2 --seed 42',
    'lagoon generate --prompts-file prompts.txt --json --skip-done --failed-to retry.txt',
    'cat prompts.txt | lagoon generate --prompts-file - --fail-fast --quiet',
  ],
  models: ['lagoon models', 'lagoon models --json | jq -r \'select(.priceUsd < 0.02) | .id\'', 'lagoon models --styles'],
  list: ['lagoon list --limit 10', 'lagoon list --json | jq -r .id'],
  show: ['lagoon show 1b4e28ba-2fa1-11d2-883f-0016d3cca427', 'lagoon show 1b4e28ba-2fa1-11d2-883f-0016d3cca427 --json | jq .request'],
  search: ['lagoon search lighthouse fog', 'lagoon search --tag portfolio --min-rating 4 --json', 'lagoon search --from 2026-01-01 --sort oldest'],
  export: [
    'lagoon export 1b4e28ba-2fa1-11d2-883f-0016d3cca427 --to ~/Pictures/lagoon --sidecar',
    'lagoon search --favorites --json | jq -r .id | lagoon export - --zip ~/favorites.zip',
  ],
  import: ['lagoon import ~/Downloads/a1111-outputs', 'lagoon import one.png two.webp --json'],
  trash: ['lagoon trash 1b4e28ba-2fa1-11d2-883f-0016d3cca427', 'lagoon search --blurred --json | jq -r .id | lagoon trash -'],
  restore: ['lagoon restore 1b4e28ba-2fa1-11d2-883f-0016d3cca427', 'lagoon search --trash --json | jq -r .id | lagoon restore -'],
  key: ['echo "$VENICE_KEY" | lagoon key set', 'lagoon key status --json', 'VENICE_API_KEY=… lagoon generate --prompt "a fox"'],
  spend: ['lagoon spend', 'lagoon spend --json | jq .today'],
  rate: ['lagoon rate 5 1b4e28ba-2fa1-11d2-883f-0016d3cca427', 'lagoon search heron --json | jq -r .id | lagoon rate 3 -'],
  fav: ['lagoon fav 1b4e28ba-2fa1-11d2-883f-0016d3cca427', 'lagoon fav --off 1b4e28ba-2fa1-11d2-883f-0016d3cca427'],
  tag: ['lagoon tag add portfolio 1b4e28ba-2fa1-11d2-883f-0016d3cca427', 'lagoon search --blurred --json | jq -r .id | lagoon tag add review -'],
  collection: ['lagoon collection add "Birds" 1b4e28ba-2fa1-11d2-883f-0016d3cca427', 'lagoon collection list --json'],
};
