import { z } from 'zod';
import { LANGUAGE_CHOICES, type LanguageChoice } from '../../languages.ts';
import { START_VIEWS, type StartView } from '../../startViews.ts';
import { PREPAINT_MAX_TILES } from '../../app.ts';
import { zNoInput } from './common.ts';
import { zSpendLimitUsd } from './spend.ts';

export type { LanguageChoice, StartView };
import { route } from '../route.ts';

/**
 * Whether Venice accepted the stored key, asked with its free account call when the key was saved: `unverified`
 * when Venice could not be asked (offline); it turns `verified` with the next call that succeeds. `rejected`: Venice
 * refused a key stored earlier (revoked, expired).
 */
const KEY_VERIFICATIONS = ['verified', 'unverified', 'rejected'] as const;
export const zKeyVerification = z.enum(KEY_VERIFICATIONS);
export type KeyVerification = z.infer<typeof zKeyVerification>;

/** What the renderer may know about the key: never the key itself. */
export const zKeyStatus = z.strictObject({
  present: z.boolean(),
  last4: z.string().length(4).nullable(),
  backend: z.string().max(60),
  /** null when no key is stored, or when it was stored by a Lagoon that did not check keys yet. */
  verification: zKeyVerification.nullable(),
});
export type KeyStatus = z.infer<typeof zKeyStatus>;

export const zLanguageChoice = z.enum(LANGUAGE_CHOICES);

export const zStartView = z.enum(START_VIEWS);

const zPreferences = z.strictObject({
  language: zLanguageChoice,
  /** Trashed images older than this are purged (file, thumbnail and row together). */
  trashRetentionDays: z.number().int().min(1).max(3650),
  /** How many database backups to keep. */
  backupsToKeep: z.number().int().min(1).max(100),
  /** A batch whose estimated price is above this asks before it is queued (default $1). */
  spendLimitUsd: zSpendLimitUsd,
  /** Where the window opens: the last of Generate and Library the user was in ('generate' on a first launch). */
  startView: zStartView,
});

const zPixels = z.number().int().min(0).max(20_000);

/**
 * Where the Library grid's first tiles sat when the window last showed the library's opening list (all images, newest
 * first, families not stacked), in CSS pixels of a window of `viewport`'s size. Main paints that many of the current
 * first images there in the window's HTML, before the renderer's script has run (prepaint.ts in core); a window of
 * another size shows none of it.
 */
export const zPrepaint = z
  .strictObject({
    viewport: z.strictObject({ width: zPixels.min(1), height: zPixels.min(1) }),
    left: zPixels,
    top: zPixels,
    columns: z.number().int().min(1).max(64),
    rows: z.number().int().min(1).max(64),
    tile: z.number().int().min(16).max(2_000),
    gap: z.number().int().min(0).max(200),
  })
  .refine((s) => s.columns * s.rows <= PREPAINT_MAX_TILES, { message: `at most ${PREPAINT_MAX_TILES} tiles` });
export type Prepaint = z.infer<typeof zPrepaint>;

export const settingsRoutes = {
  'settings.get_key_status': route({ input: zNoInput, output: zKeyStatus }),
  // The cap only stops absurd payloads at the boundary; the key's real checks live in core (KEY_INVALID_FORMAT).
  'settings.set_api_key': route({ input: z.strictObject({ apiKey: z.string().max(4096) }), output: zKeyStatus }),
  'settings.clear_api_key': route({ input: zNoInput, output: zKeyStatus }),
  'settings.get_preferences': route({ input: zNoInput, output: zPreferences }),
  'settings.set_language': route({ input: z.strictObject({ language: zLanguageChoice }), output: zPreferences }),
  'settings.set_library_prefs': route({
    input: z.strictObject({ trashRetentionDays: z.number().int().min(1).max(3650).optional(), backupsToKeep: z.number().int().min(1).max(100).optional() }),
    output: zPreferences,
  }),
  'settings.set_spend_limit': route({ input: z.strictObject({ spendLimitUsd: zSpendLimitUsd }), output: zPreferences }),
  'settings.set_start_view': route({ input: z.strictObject({ view: zStartView }), output: zPreferences }),
  // null: paint none (families stacked, or tiles so small the screen holds more than a first page).
  'settings.set_prepaint': route({ input: z.strictObject({ prepaint: zPrepaint.nullable() }), output: z.strictObject({ saved: z.literal(true) }) }),
};
