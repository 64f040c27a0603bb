/**
 * When an outlet's purity means something: an outlet that carries (next to) nothing, such as the raffinate
 * of a cascade filling up or the product at total reflux, has no defined purity (a ratio of round-off), so
 * reports leave its cell empty and charts leave the point out. Pure (no Node APIs).
 */
import type { CascadeDynamicsResult } from '../sx/dynamics/dynamics.js';
import type { CascadeOutlet } from '../sx/steady/simulateCascade.js';

/** An outlet whose total flow is below this share of the feed's total flow carries nothing. */
export const NEGLIGIBLE_FLOW_SHARE = 1e-9;

/** Sum of an outlet's flows (amount per unit time). */
export function outletTotal(o: CascadeOutlet | undefined): number {
  let t = 0;
  for (const v of Object.values(o?.flows ?? {})) t += v;
  return t;
}

/**
 * The feed's total flow of a dynamic run (amount per unit time): everything that entered (feed, and what
 * the organic and the scrub brought) divided by the simulated time, so a run with step changes gets its
 * average. Without simulated time or inflow, the largest outlet total of any sample stands in.
 */
export function inflowRate(r: CascadeDynamicsResult): number {
  let entered = 0;
  for (const v of Object.values(r.totalIn ?? {})) entered += v;
  const time = r.samples.at(-1)?.time ?? 0;
  if (time > 0 && entered > 0) return entered / time;
  let largest = 0;
  for (const s of r.samples) {
    largest = Math.max(largest, outletTotal(s.raffinate), outletTotal(s.product));
  }
  return largest;
}

/**
 * The purity (fraction) of `species` in an outlet, or undefined when the outlet's total flow is below
 * `NEGLIGIBLE_FLOW_SHARE` of `feedRate` (or not positive): a purity of nothing is undefined.
 */
export function definedPurity(o: CascadeOutlet, species: string, feedRate: number): number | undefined {
  const total = outletTotal(o);
  if (!(total > 0) || total < NEGLIGIBLE_FLOW_SHARE * feedRate) return undefined;
  return o.purity[species] ?? 0;
}
