import { NATIVE_LIMITS } from '../../../../shared/veniceFacts.ts';

/** A fresh random seed in Venice's positive range (0 is a literal seed there, not "random"). */
export const randomSeed = (): number => {
  const [n = 0] = crypto.getRandomValues(new Uint32Array(1));
  return (n % NATIVE_LIMITS.seedMax) + 1;
};
