/**
 * At most `max` UTF-16 code units (the unit the contract's string limits count) without cutting an emoji or any
 * other astral character in half: a lone surrogate would make the string ill-formed, which main refuses.
 */
export const cutUnits = (s: string, max: number): string => {
  if (s.length <= max) return s;
  const cut = s.slice(0, max);
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
};
