/**
 * What a Monte Carlo study names besides its model: the uncertain inputs and the acceptance bands of its
 * outputs (shared by the study and its summaries).
 */
import type { Distribution } from './distributions.js';

/** An uncertain input: the path of a number in the base scenario and its distribution. */
export interface MonteCarloParameter {
  readonly path: string;
  readonly distribution: Distribution;
}

/** An acceptance band for an output: met when min <= value <= max (either bound may be left out). */
export interface Threshold {
  readonly min?: number;
  readonly max?: number;
}
