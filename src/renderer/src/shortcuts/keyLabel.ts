export const isMac = /Mac|iPhone|iPad/.test(navigator.userAgent);

/** A registry key as the user's keyboard names it: "Mod+F" → ["⌘", "F"] on a Mac, ["Ctrl", "F"] elsewhere. */
export const keyParts = (combo: string): string[] =>
  combo === '+' ? ['+'] : combo.split('+').map((part) => (part === 'Mod' ? (isMac ? '⌘' : 'Ctrl') : part));
