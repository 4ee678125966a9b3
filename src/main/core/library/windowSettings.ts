/** Where the window opens: 'generate' or 'library' (exported for the bench, which opens its libraries as a returning Library user would). */
export const START_VIEW_SETTING = 'start_view';
/** Where the Library's first tiles sat, as JSON (zPrepaint): what the window's HTML paints before its script runs. */
export const PREPAINT_SETTING = 'prepaint';
