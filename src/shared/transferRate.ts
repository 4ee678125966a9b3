/** Before this much time has passed a rate says little (the first files include starting the workers). */
const RATE_AFTER_MS = 1000;

export interface TransferRate {
  /** Files a second so far; null until there is enough to tell. */
  perSecond: number | null;
  /** The time left at that rate; null while the rate is unknown. */
  remainingMs: number | null;
}

/**
 * An export's or import's rate and time left: the average since the start, steadier than the last few files, whose
 * sizes vary. The one computation both main (for its imports) and the window (for dropped files) use.
 */
export const transferRate = (done: number, total: number, elapsedMs: number): TransferRate => {
  const perSecond = done > 0 && elapsedMs >= RATE_AFTER_MS ? (done * 1000) / elapsedMs : null;
  return { perSecond, remainingMs: perSecond === null ? null : Math.round((Math.max(0, total - done) / perSecond) * 1000) };
};
