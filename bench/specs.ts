// Cascade specs shared by the benchmarks: n stages (half extraction, half scrub) and c species S0..S(c-1).
import { distribution, separationFactors } from '../src/index.js';

/**
 * Linear: D = 0.5·1.3^i, O/A = 1, scrub 0.5. Saturated: β = 1.5^i, product reflux W = 3, capacity S = W + 0.5
 * (a deliberately over-staged, pinched cascade: the hard case).
 */
export function spec(stages: number, species: number, model: 'distribution' | 'separationFactors') {
  const names = Array.from({ length: species }, (_, i) => `S${i}`);
  const flows = Object.fromEntries(names.map((s) => [s, 1 / species]));
  const half = Math.max(1, Math.floor(stages / 2));
  if (model === 'distribution') {
    return {
      stages: { extraction: half, scrub: stages - half },
      feed: { flows, volume: 1 },
      organic: { volume: 1 },
      scrub: { volume: 0.5 },
      equilibrium: distribution(Object.fromEntries(names.map((s, i) => [s, 0.5 * 1.3 ** i]))),
    };
  }
  // Saturated model: reflux W of the product, capacity S = W + half the feed.
  return {
    stages: { extraction: half, scrub: stages - half },
    feed: { flows, volume: 1 },
    organic: { volume: 3.5 / 0.18 },
    scrub: { volume: 1, reflux: 3 },
    equilibrium: separationFactors(Object.fromEntries(names.map((s, i) => [s, 1.5 ** i]))),
  };
}
