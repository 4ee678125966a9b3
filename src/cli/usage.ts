import { IMAGE_FORMATS, IMAGE_SIZES, MODERATION_LEVELS } from '../shared/venice.ts';
import { DEFAULT_LIST_LIMIT, GENERATE_DEFAULTS } from './args.ts';

const GENERAL = `lagoon — make images with Venice.ai and keep them in the Lagoon library (the app's library).

Usage:
  lagoon generate --prompt TEXT [options]     make one image
  lagoon generate --prompts-file FILE [...]   make one image per line of FILE
  lagoon list [--limit N] [--json]            the newest images in the library
  lagoon show ID [--json]                     everything stored about one image
  lagoon key set                              store the API key (read from standard input)
  lagoon key status [--json]                  whether a key is stored, and where
  lagoon key clear                            remove the stored key
  lagoon help COMMAND                         details of one command

Environment:
  LAGOON_DATA_DIR       the library folder (default: the app's own data folder)
  LAGOON_API_BASE_URL   Venice's API (default https://api.venice.ai/api/v1)
  VENICE_API_KEY        use this key instead of the OS keychain (for scripts and CI)

Exit codes:
  0 ok · 2 invalid input (nothing sent) · 3 key missing or rejected · 4 balance too low · 5 rate limited
  6 Venice error or unusable answer · 7 network, offline or timeout · 8 blocked by content policy · 1 anything else`;

const GENERATE = `Usage: lagoon generate (--prompt TEXT | --prompts-file FILE) [options]

  --prompt TEXT          what to draw
  --prompts-file FILE    one prompt a line (blank lines are skipped); a failing prompt does not stop the rest,
                         and the first failure decides the exit code
  --model ID             a Venice image model (default: Venice's default)
  --size SIZE            ${IMAGE_SIZES.join(' | ')} (default ${GENERATE_DEFAULTS.size})
  --format FORMAT        ${IMAGE_FORMATS.join(' | ')} (default ${GENERATE_DEFAULTS.outputFormat})
  --moderation LEVEL     ${MODERATION_LEVELS.join(' | ')} (default ${GENERATE_DEFAULTS.moderation})
  --json                 one JSON object per line: {"id","file","prompt","model","width","height","format","flags",…}
                         or {"error":{"code","message"}}

Every prompt and option is checked before anything is sent. Progress goes to standard error.
Not available yet (they need Venice's native endpoint): --aspect-ratio --negative --seed --steps --cfg --style --variants`;

const LIST = `Usage: lagoon list [--limit N] [--json]

  --limit N   how many of the newest images to show (default ${DEFAULT_LIST_LIMIT})
  --json      one JSON object per image`;

const SHOW = `Usage: lagoon show ID [--json]

  Prints everything the library holds about one image: file, prompt, model, size, the request sent, flags.`;

const KEY = `Usage: lagoon key (set | status | clear) [--json]

  set      reads the key from standard input (a pipe, or pasted with echo off) — never from the command line —
           and stores it in the OS keychain, where the Lagoon app finds it too
  status   says whether a key is stored and where, showing at most its last four characters
  clear    removes the key from the OS keychain

When VENICE_API_KEY is set, that key is used and the keychain is left alone; set and clear then refuse.`;

const TOPICS: Record<string, string> = { generate: GENERATE, list: LIST, show: SHOW, key: KEY };

/** The help for a topic, or the general help for none or an unknown one. */
export const usage = (topic: string | null): string => (topic !== null && Object.hasOwn(TOPICS, topic) && TOPICS[topic]) || GENERAL;
