/**
 * nanny's weight rules, as pure functions of numbers: the weight a server is added with, the
 * slow start that doubles it up to the configured weight, the load-based adjustment, and how
 * many successful checks re-admit a server. All results are integers, as nanny's `int`s.
 */

/** nanny's `-S` (lvsd never passes it): the load never raises a weight above 10× the configured one. */
export const LOAD_SCALE = 10;

/** The weight a server is added with: `weight >> 5` (weight/32), at least 1, so weight 0 gives 1. */
export function initialWeight(weight: number): number {
  return Math.max(1, weight >> 5);
}

/** One slow-start step, taken while the weight is below the configured one: doubled, up to it. */
export function slowStartWeight(last: number, weight: number): number {
  return Math.min(last * 2, weight);
}

/**
 * How many checks apart nanny adjusts the weight of an active server, about every 20 s: it does
 * after a check when its count of successes (which starts at `readmitAfter`, see there) is a
 * multiple of this. Every check when `interval > 20` (nanny's `20 / interval` would be 0), and,
 * where nanny divides by zero, for an interval of 0.
 */
export function adjustEvery(interval: number): number {
  return interval > 20 || interval <= 0 ? 1 : Math.trunc(20 / interval);
}

/**
 * The load-based step, taken once the weight has reached the configured one. With load L:
 * L < 1 raises it by (weight/2)·∛(1−L), up to `scale`×weight; L > 1 lowers it by (weight/2)·∛(L−1),
 * not below weight; truncated to an integer, and kept only when it moves by weight/4 or more.
 * No load (null, negative: the command failed) or exactly 1 leaves it. Computed as nanny does,
 * so that truncation lands on the same integer: the load as a C float, ∛ as pow(x, 1/3).
 */
export function loadWeight(last: number, weight: number, load: number | null, scale = LOAD_SCALE): number {
  if (load === null) return last;
  const l = Math.fround(load);
  if (!(l >= 0) || l === 1) return last;
  const half = weight / 2;
  let next: number;
  if (l < 1) next = Math.min(Math.trunc(last + half * Math.pow(1 - l, 1 / 3)), scale * weight);
  else next = Math.max(Math.trunc(last - half * Math.pow(l - 1, 1 / 3)), weight);
  return Math.abs(next - last) >= Math.fround(weight / 4) ? next : last;
}

/**
 * One adjustment, as nanny's adjustWeight: slow start while below the configured weight (the
 * load is not read then, see `needsLoad`), else the load-based step.
 */
export function adjustedWeight(last: number, weight: number, load: number | null): number {
  return last < weight ? slowStartWeight(last, weight) : loadWeight(last, weight, load);
}

/** Whether the next adjustment reads the load (nanny runs the load command only then). */
export function needsLoad(last: number, weight: number): boolean {
  return last >= weight;
}

/**
 * How many consecutive successful checks re-admit a failed server: reentry / interval, C integer
 * division (nanny's countThresh). nanny's count starts there, so the first success adds a server
 * at start-up; 0 (reentry shorter than interval) re-admits on the first success, as 1 does. An
 * interval of 0 crashes nanny (division by zero); here it gives 1.
 */
export function readmitAfter(reentry: number, interval: number): number {
  return interval <= 0 ? 1 : Math.trunc(reentry / interval);
}
