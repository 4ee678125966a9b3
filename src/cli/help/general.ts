import { EXAMPLES } from './examples.ts';

/**
 * The general help (`lagoon`, `lagoon --help`). Plain text on purpose, free of zod and the core: run.ts answers
 * these without loading the argument parsers, so a script's `lagoon --help` costs little more than Node's start.
 */
const GENERAL = `lagoon — make images with Venice.ai and keep them in the Lagoon library (the app's library).

Usage:
  lagoon generate --prompt TEXT [options]     make an image (or up to 4 variants)
  lagoon generate --prompts-file FILE [...]   the same for every line of FILE
  lagoon edit IMAGE --prompt TEXT [options]   change an image (a library id or a file) with a prompt
  lagoon combine IMAGE IMAGE… --prompt TEXT   combine images, the first as the base
  lagoon upscale IMAGE [--scale 2|4]          enlarge an image 2× or 4×
  lagoon remove-background IMAGE              cut out the subject (a PNG with transparency)
  lagoon models [--json] [--refresh]          Venice's image models: prices, sizes, limits
  lagoon spend [--json]                       what Venice charged: today, this month, all time
  lagoon list [--limit N] [--json]            the newest images in the library
  lagoon show ID [--json]                     everything stored about one image
  lagoon search [WORDS] [filters] [--json]    find images by words in the prompt, model, style and tags
  lagoon export IDS… --to DIR [options]       copy images out, with their settings as metadata
  lagoon import PATH… [--json]                add PNG, JPEG and WebP files or folders to the library
  lagoon trash IDS… / lagoon restore IDS…     move images to the trash, or back
  lagoon rate STARS IDS… / lagoon fav IDS…    rate (0-5) or mark favorites (--off to unmark)
  lagoon tag|collection add|remove NAME IDS…  tags and collections (lagoon collection list)
  lagoon backup list|create|restore NAME      the database's backups; put one back
  lagoon key set                              store the API key (read from standard input)
  lagoon key status [--json]                  whether a key is stored, and where
  lagoon key clear                            remove the stored key
  lagoon help COMMAND                         details of one command (with examples)
  lagoon --version                            the version (also -V)

Environment:
  LAGOON_DATA_DIR       the library folder (default: the app's own data folder)
  LAGOON_API_BASE_URL   Venice's API (default https://api.venice.ai/api/v1)
  VENICE_API_KEY        use this key instead of the OS keychain (for scripts and CI)

Exit codes:
  0 ok · 2 invalid input (nothing sent) · 3 key missing or rejected · 4 balance too low · 5 rate limited
  6 Venice error or unusable answer · 7 network, offline or timeout · 8 blocked by content policy · 1 anything else`;

/** A help text with its examples appended (unless it has its own). */
export const withExamples = (text: string, examples: readonly string[] | undefined): string =>
  examples === undefined || /^Examples?:/m.test(text) ? text : `${text}\n\nExamples:\n${examples.map((line) => `  ${line}`).join('\n')}`;

export const generalUsage = (): string => withExamples(GENERAL, EXAMPLES.general);
