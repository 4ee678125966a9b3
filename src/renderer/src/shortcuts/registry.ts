import { type KeyLike, cullAction, isSelectAll } from './cullingKeys.ts';

/** Where a shortcut acts: the whole window, the Generate form, the library grid, the open viewer, or the iterate panel. */
export type ShortcutScope = 'app' | 'generate' | 'library' | 'viewer' | 'iterate';

export type ShortcutId =
  | 'help' | 'focusSearch' | 'showGenerate' | 'showLibrary' | 'showSettings' | 'generate'
  | 'moveCursor' | 'extendSelection' | 'toggleAtCursor' | 'open' | 'selectAll' | 'clearSelection' | 'toggleStack'
  | 'previous' | 'next' | 'zoomIn' | 'zoomOut' | 'rate' | 'favorite' | 'trash' | 'close'
  | 'sendIterate' | 'closeIterate';

export interface Shortcut {
  /** Also its description's key in the catalogs: `shortcuts.<id>`. */
  id: ShortcutId;
  scopes: readonly ShortcutScope[];
  /** What the "?" list shows, one entry per way of pressing it; "Mod" reads Ctrl, or ⌘ on a Mac. */
  keys: readonly string[];
  /** A text field has its own use for this chord (Ctrl+A selects the field's text): off while typing, like single keys. */
  textFieldKey?: boolean;
  matches: (e: KeyLike) => boolean;
}

const mod = (e: KeyLike): boolean => (e.ctrlKey || e.metaKey) && !e.altKey;
const plain = (e: KeyLike): boolean => !e.ctrlKey && !e.metaKey && !e.altKey;
const ARROWS = ['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End'];

/**
 * Every keyboard shortcut of the app. The handlers find what a key does only through `matchShortcut` (rule.ts), and
 * the "?" dialog lists this same table, so the list cannot drift from what the keys do.
 */
export const SHORTCUTS: readonly Shortcut[] = [
  { id: 'help', scopes: ['app'], keys: ['?'], matches: (e) => e.key === '?' && !e.ctrlKey && !e.metaKey },
  { id: 'focusSearch', scopes: ['app'], keys: ['Mod+F', '/'], matches: (e) => (mod(e) && e.key.toLowerCase() === 'f') || (plain(e) && e.key === '/') },
  { id: 'showGenerate', scopes: ['app'], keys: ['Mod+1'], matches: (e) => mod(e) && e.key === '1' },
  { id: 'showLibrary', scopes: ['app'], keys: ['Mod+2'], matches: (e) => mod(e) && e.key === '2' },
  { id: 'showSettings', scopes: ['app'], keys: ['Mod+3'], matches: (e) => mod(e) && e.key === '3' },
  { id: 'generate', scopes: ['generate'], keys: ['Mod+Enter'], matches: (e) => mod(e) && e.key === 'Enter' },
  { id: 'moveCursor', scopes: ['library'], keys: ['← → ↑ ↓', 'Home', 'End'], matches: (e) => plain(e) && !e.shiftKey && ARROWS.includes(e.key) },
  { id: 'extendSelection', scopes: ['library'], keys: ['Shift+← → ↑ ↓'], matches: (e) => plain(e) && e.shiftKey === true && ARROWS.includes(e.key) },
  { id: 'toggleAtCursor', scopes: ['library'], keys: ['Space'], matches: (e) => plain(e) && e.key === ' ' },
  { id: 'open', scopes: ['library'], keys: ['Enter'], matches: (e) => plain(e) && e.key === 'Enter' },
  { id: 'selectAll', scopes: ['library'], keys: ['Mod+A'], textFieldKey: true, matches: isSelectAll },
  { id: 'clearSelection', scopes: ['library'], keys: ['Esc'], matches: (e) => plain(e) && e.key === 'Escape' },
  { id: 'toggleStack', scopes: ['library'], keys: ['S'], matches: (e) => plain(e) && e.key.toLowerCase() === 's' },
  { id: 'previous', scopes: ['viewer'], keys: ['←'], matches: (e) => plain(e) && e.key === 'ArrowLeft' },
  { id: 'next', scopes: ['viewer'], keys: ['→'], matches: (e) => plain(e) && e.key === 'ArrowRight' },
  { id: 'zoomIn', scopes: ['viewer'], keys: ['+'], matches: (e) => plain(e) && (e.key === '+' || e.key === '=') },
  { id: 'zoomOut', scopes: ['viewer'], keys: ['−'], matches: (e) => plain(e) && e.key === '-' },
  { id: 'rate', scopes: ['library', 'viewer'], keys: ['1 … 5', '0'], matches: (e) => cullAction(e)?.kind === 'rate' },
  { id: 'favorite', scopes: ['library', 'viewer'], keys: ['F'], matches: (e) => cullAction(e)?.kind === 'favorite' },
  { id: 'trash', scopes: ['library', 'viewer'], keys: ['X', 'Delete'], matches: (e) => cullAction(e)?.kind === 'trash' },
  // Closing is the dialog's own Escape; listed so the "?" list is complete.
  { id: 'close', scopes: ['viewer'], keys: ['Esc'], matches: () => false },
  { id: 'sendIterate', scopes: ['iterate'], keys: ['Mod+Enter'], matches: (e) => mod(e) && e.key === 'Enter' },
  { id: 'closeIterate', scopes: ['iterate'], keys: ['Esc'], matches: (e) => plain(e) && e.key === 'Escape' },
];
