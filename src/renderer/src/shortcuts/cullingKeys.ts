/** What a key does to the image(s) in hand, in the viewer and in the grid: the culling keys photo tools share. */
export type CullAction = { kind: 'rate'; rating: number } | { kind: 'favorite' } | { kind: 'trash' };

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey?: boolean;
}

export const cullAction = (e: KeyLike): CullAction | null => {
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  if (/^[0-5]$/.test(e.key)) return { kind: 'rate', rating: Number(e.key) };
  const k = e.key.toLowerCase();
  if (k === 'f') return { kind: 'favorite' };
  // Backspace is the key macOS labels "delete".
  if (k === 'x' || e.key === 'Delete' || e.key === 'Backspace') return { kind: 'trash' };
  return null;
};

/** Ctrl+A on Windows/Linux, Cmd+A on macOS. */
export const isSelectAll = (e: KeyLike): boolean => (e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'a';
