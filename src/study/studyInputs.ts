/**
 * What a Monte Carlo study names besides its model: the uncertain inputs and the acceptance bands of its
 * outputs (shared by the study and its summaries).
 */
import type { Distribution, RelativeDistribution } from './distributions.js';

/**
 * An uncertain input: the path of a number in the base scenario and its distribution (absolute, or relative
 * to the base value: `{ kind: 'uniform', relative: 0.1 }` is ±10 %; a checked study holds the absolute one).
 */
export interface MonteCarloParameter {
  readonly path: string;
  readonly distribution: Distribution | RelativeDistribution;
}

/** An acceptance band for an output: met when min <= value <= max (either bound may be left out). */
export interface Threshold {
  readonly min?: number;
  readonly max?: number;
}
