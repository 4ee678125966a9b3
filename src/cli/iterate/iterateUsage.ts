import { EDIT_RESOLUTIONS } from '../../shared/iterate.ts';
import { IMAGE_FORMATS } from '../../shared/venice.ts';
import { DEFAULT_EDIT_MODEL } from './iterateArgs.ts';

/** Help for the commands that change an image (help/general.ts lists them). */
const INPUTS = `IMAGE is a library id ("lagoon list" shows them) or a PNG, JPEG or WebP file, with 65,536 to 33,177,600 pixels
and under 25 MB; one that is not is refused before anything is sent (exit 2). Each stored result prints one
line (or one JSON object with --json) with its id, file, width, height, format and "parents" (the input ids in
order; a file input has none). Results remember what they were made from: "lagoon show ID --json" lists
"parents" and "children". A refusal under Venice's content policy stores nothing and exits 8.`;

const EDIT_OPTIONS = `  --prompt TEXT          what to change (required)
  --model ID             an edit model from Venice's inpaint list (default ${DEFAULT_EDIT_MODEL})
  --aspect-ratio R       e.g. 16:9, or auto (the input's own shape, the default)
  --resolution R         ${EDIT_RESOLUTIONS.join(' | ')} (default 1K)
  --format F             ${IMAGE_FORMATS.join(' | ')} (default: png at 1K, jpeg at 2K and 4K, as Venice does)
  --enhance              let Venice rewrite the prompt first (extra charge); the rewrite is stored with the image
  --no-safe-mode         do not ask Venice to blur adult results
  --json                 JSON lines`;

export const ITERATE_TOPICS: Record<string, string> = {
  edit: `Usage: lagoon edit IMAGE --prompt TEXT [options]

${EDIT_OPTIONS}

Priced per edit by the model (the price is printed before sending). ${INPUTS}`,
  combine: `Usage: lagoon combine IMAGE IMAGE… --prompt TEXT [options]

  The first image is the base (it sets the shape); the others follow in the order given, up to the model's
  limit (3 unless Venice lists another).

${EDIT_OPTIONS}

${INPUTS}`,
  upscale: `Usage: lagoon upscale IMAGE [--scale 2|4] [--creativity N] [--json]

  --scale 2|4            how much larger each edge gets (default 2); $0.02 for 2×, $0.08 for 4×
  --creativity N         0 to 0.02 (Venice's default 0.01): how much detail the upscaler may invent

  The result size is printed before sending. Venice makes at most 16,777,216 pixels: a larger request is
  reduced to what Venice will do, and the command says so. ${INPUTS}`,
  'remove-background': `Usage: lagoon remove-background IMAGE [--json]

  A PNG of the same size with the background transparent ($0.03). ${INPUTS}`,
};
