import { DEFAULT_TEMPLATE, TEMPLATE_TOKENS } from '../shared/fileNames.ts';
import { IMAGE_FORMATS, IMAGE_SIZES, MODERATION_LEVELS, NATIVE_LIMITS } from '../shared/venice.ts';
import { STYLE_REFERENCE_LIMITS, WEB_SEARCH_USD } from '../shared/veniceFacts.ts';
import { DEFAULT_LIST_LIMIT } from './args.ts';
import { BACKUP_USAGE } from './backupArgs.ts';
import { DEFAULT_SEARCH_LIMIT } from './searchArgs.ts';
import { GENERATE_DEFAULTS, QUALITIES } from './generateArgs.ts';
import { CURATION_USAGE } from './curationArgs.ts';
import { EXAMPLES } from './help/examples.ts';
import { generalUsage, withExamples } from './help/general.ts';
import { ITERATE_TOPICS } from './iterate/iterateUsage.ts';



const GENERATE = `Usage: lagoon generate (--prompt TEXT | --prompts-file FILE) [options]

  --prompt TEXT          what to draw
  --prompts-file FILE    one prompt a line (blank lines are skipped; - reads standard input); two are made at a
                         time, as in the app; the earliest failing line decides the exit code
  --model ID             a Venice image model, see "lagoon models" (default: Venice's default model)
  --size SIZE            ${IMAGE_SIZES.join(' | ')} (default ${GENERATE_DEFAULTS.size}),
                         or any WIDTHxHEIGHT up to ${NATIVE_LIMITS.maxPixelEdge} for models sized in pixels
  --format FORMAT        ${IMAGE_FORMATS.join(' | ')} (default ${GENERATE_DEFAULTS.outputFormat})
  --moderation LEVEL     ${MODERATION_LEVELS.join(' | ')} (default ${GENERATE_DEFAULTS.moderation}); auto blurs adult images (Venice's safe mode)
  --json                 one JSON object per line of output (see "Records" below)

Batches:
  --max-failures N       stop sending after N prompts failed (default 3); a rejected key (401), a missing
                         key or keychain and a too-low balance (402) stop the batch at once
  --fail-fast            stop after the first failed prompt (--max-failures 1)
  --skip-done            skip a line whose exact request (prompt and every option) is already in the library
  --failed-to FILE       write the prompts that made no image to FILE, one a line: the next --prompts-file
  --progress plain|none  progress on standard error: a live line on a terminal, plain lines elsewhere (default)
  --quiet, -q            no progress and no closing count; failures and a stopped batch's summary still print
  Ctrl-C (or SIGTERM, SIGHUP, a closed pipe) stops the batch: nothing queued is sent, a request already at Venice
  is aborted and reported as "may have been charged", and the last line says what was saved, what was in flight
  and which lines were not sent. Exit 130 (SIGINT), 143 (SIGTERM), 129 (SIGHUP), 141 (closed pipe); a second
  Ctrl-C quits at once.

Options for Venice's native endpoint (any of them, or a WIDTHxHEIGHT size, sends the request there):
  --aspect-ratio W:H     for models sized by aspect ratio, e.g. 16:9
  --resolution TIER      for models with resolution tiers, e.g. 1K, 2K
  --quality LEVEL        ${QUALITIES.join(' | ')}, for models with qualities
  --negative TEXT        what not to draw (models that use a negative prompt)
  --seed N               the same seed and settings give the same first image (default: a random seed, printed);
                         a negative seed is written --seed=-N
  --steps N              for step-based models, at most the model's maximum
  --cfg X                prompt adherence, above 0 and at most ${NATIVE_LIMITS.cfgMax}
  --style NAME           a style preset, see "lagoon models --styles"
  --variants N           1 to ${NATIVE_LIMITS.variantsMax} images from one request, one output line each, sharing one "batch"
  --hide-watermark       ask Venice to leave out its watermark
  --style-ref ID|FILE    a reference image for the style (repeatable, up to the model's limit; only models that
                         take references, see "lagoon models"); read and checked before anything is sent
  --style-strength X     how strongly the references count, ${STYLE_REFERENCE_LIMITS.minStrength} to ${STYLE_REFERENCE_LIMITS.maxStrength} (Venice's default ${STYLE_REFERENCE_LIMITS.defaultStrength})
  --lora-strength N      0 to ${NATIVE_LIMITS.loraStrengthMax}, for models built on LoRAs (others ignore it)
  --web-search           let the model search the web first (models that offer it; $${WEB_SEARCH_USD} more per image)
  --no-prompt-thinking   skip the model's own prompt-rewriting step (models that have one)

Every prompt and option is checked before anything is sent, against the chosen model's limits in Venice's model
list (refreshed when it is a day old): a value the model does not take, or a model Venice lists as offline, exits
with 2 and sends nothing. A deprecated model still works, with a warning. Progress and warnings go to standard
error. A request Venice blocks under its content policy stores nothing and exits with 8.

Records (--json), one per line, each naming its input ("line": the --prompts-file line, null or absent for --prompt):
  image    {"id","file","prompt","model","width","height","format","flags","createdAt","line","batch","seed"}
  failure  {"error":{"code","message","mayHaveBeenCharged","retryable"},"line","prompt"}
           mayHaveBeenCharged: the request may have reached Venice (sending it again may be billed again);
           retryable: the same request may succeed later as it is. A line the batch never sent has code CANCELLED.
  skipped  {"skipped":"already made","line","prompt"}                                    (--skip-done)`;

const MODELS = `Usage: lagoon models [--json] [--refresh] [--styles]

  Venice's image models, from the library's saved copy of the list (fetched first when it is missing or a day
  old): id, name, price per image, the prompt limit, steps (default/max, step-based models only), resolutions,
  qualities, notes (offline, deprecated → replacement, traits) and sizing (width/height divisor or aspect ratios).

  --refresh   fetch the list from Venice now; if that fails, say why and exit with its code
  --styles    the style names --style takes, one a line
  --json      one JSON object per model (or {"style"} per style), every key always present

No API key is needed.`;

const LIST = `Usage: lagoon list [--limit N] [--json]

  --limit N   how many of the newest images to show (default ${DEFAULT_LIST_LIMIT})
  --json      one JSON object per image`;

const SHOW = `Usage: lagoon show ID [--json]

  Prints everything the library holds about one image: file, prompt, model, size, the request sent, flags.`;

const SEARCH = `Usage: lagoon search [WORDS…] [filters] [--json]

  WORDS                  matched in the prompt (and the prompt Venice's enhancer wrote), negative prompt,
                         model, style and tags; none: every image, filtered. A word matches words that start
                         with it and its other forms (lighthouses: lighthouse; Häuser: Haus); "cabin OR puppy":
                         either; -cabin: leaves out images with the whole word cabin (or cabins); symbols
                         alone (🐉) match nothing: only words are searched
  --model ID             only this model (repeat for several)
  --from DATE            created on or after DATE (2024-05-01, or 2024-05-01T18:30 for a time)
  --to DATE              created on or before DATE (a date alone includes that whole day, local time)
  --aspect SHAPE         square | landscape | portrait
  --format FORMAT        ${IMAGE_FORMATS.join(' | ')} (repeat for several)
  --favorites            only favorites
  --min-rating N         rated N stars (1-5) or more
  --tag NAME             carrying this tag (repeat: all of them)
  --blurred              only images Venice blurred
  --kind KIND            original (made from a prompt, imports too) | edit | combine | upscale |
                         remove-background
  --has-versions         only images that other images were made from
  --trash                search the trash instead of the library
  --sort ORDER           newest | oldest | rating (default newest)
  --limit N              how many to show (default ${DEFAULT_SEARCH_LIMIT})
  --json                 one JSON object per image, as lagoon list prints them`;

const EXPORT = `Usage: lagoon export ID… (--to DIR | --zip FILE) [options]

  --to DIR               the folder to write into (created if missing); an existing file is never replaced:
                         a taken name gets " (2)"
  --zip FILE             one zip file instead of a folder
  --template T           file names from ${TEMPLATE_TOKENS.map((token) => `{${token}}`).join(' ')} (default ${DEFAULT_TEMPLATE})
  --strip-metadata       leave out the prompt and settings Lagoon otherwise writes into each file
  --sidecar              also write NAME.json beside each image with everything the library knows about it
  --json                 one JSON object per exported image: {"id","file","sidecar"?} (with --zip: {"id","zip","entry"})

  Prints each file written. An id not in the library is reported (NOT_FOUND) and the others are still exported;
  any failure makes the exit code non-zero.`;

const IMPORT = `Usage: lagoon import PATH… [--json] [--progress plain|none] [--quiet]

  Adds PNG, JPEG and WebP files, and every such file inside folders, to the library, reading the prompt and
  settings that Lagoon, AUTOMATIC1111 or ComfyUI wrote into them, several files at once (one per core). A file
  already in the library is skipped (one in the trash comes back). Prints how many were imported, skipped and
  failed; --json prints one JSON object per imported image (the summary then goes to standard error).

  --progress plain|none  the count, rate and time left on standard error: a live line on a terminal, a plain line
                         every few seconds elsewhere (default); --quiet is --progress none
  Ctrl-C stops taking files: those begun finish, everything imported stays and is printed (exit 130).`;

const TRASH = `Usage: lagoon trash ID… [--json]
       lagoon restore ID… [--json]

  trash moves images to the trash (the app empties it after the retention period); restore brings them back.
  Prints how many moved. An id not in the library is reported (NOT_FOUND) and makes the exit code 1.`;

const KEY = `Usage: lagoon key (set | status | clear) [--json]

  set      reads the key from standard input (a pipe, or pasted with echo off) — never from the command line —
           and stores it in the OS keychain, where the Lagoon app finds it too
  status   says whether a key is stored and where, showing at most its last four characters
  clear    removes the key from the OS keychain

When VENICE_API_KEY is set, that key is used and the keychain is left alone; set and clear then refuse.`;

const SPEND = `Usage: lagoon spend [--json]

  What Venice charged for this library's jobs, today, this month and all time (local calendar), from a ledger
  written as each job ends: charged (Venice answered with images, at the catalogue price) apart from possibly
  charged (the request may have reached Venice without a usable answer: a timeout, a server error, quitting
  mid-request). Deleting images never lowers it. The same figures as the app's account panel.

  --json   one object: {today, month, allTime} each {chargedUsd, possiblyChargedUsd, unpricedJobs}, and
           spendLimitUsd (the app asks before a batch estimated above it)

No API key is needed; nothing is sent.`;

const TOPICS: Record<string, string> = {
  generate: GENERATE,
  models: MODELS,
  list: LIST,
  show: SHOW,
  search: SEARCH,
  export: EXPORT,
  import: IMPORT,
  trash: TRASH,
  restore: TRASH,
  key: KEY,
  spend: SPEND,
  backup: BACKUP_USAGE,
  ...ITERATE_TOPICS,
  ...CURATION_USAGE,
};

/** The help for a topic, or the general help for none or an unknown one; each ends with examples. */
export const usage = (topic: string | null): string =>
  topic !== null && Object.hasOwn(TOPICS, topic) && TOPICS[topic] ? withExamples(TOPICS[topic], EXAMPLES[topic]) : generalUsage();
