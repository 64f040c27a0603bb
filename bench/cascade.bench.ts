// Questions (issue 3 targets on this 2-core machine): how does a steady-state cascade solve scale with
// stages and species? Targets: 100 stages × 6 species < 1 ms; 1,000 stages × 15 species < 50 ms.
import { bench, describe } from 'vitest';
import { simulateCascade } from '../src/index.js';
import { spec } from './specs.js';

describe('steady state, distribution ratios (linear: one species-by-species sweep)', () => {
  for (const [n, c] of [
    [10, 2],
    [100, 2],
    [1000, 2],
    [2000, 2],
    [100, 6],
    [1000, 6],
    [1000, 15],
    [100, 17],
    [2000, 17],
  ] as const) {
    const s = spec(n, c, 'distribution');
    bench(`${n} stages × ${c} species`, () => {
      simulateCascade(s);
    });
  }
});

describe('steady state, separation factors (saturated organic, product reflux W = 3)', () => {
  // A deliberately over-staged cascade (β 1.5 per species step, W = 3): long pinches, the hard case.
  for (const [n, c] of [
    [10, 2],
    [100, 2],
    [1000, 2],
    [2000, 2],
    [100, 6],
    [1000, 6],
    [2000, 6],
    [10, 17],
    [100, 17],
  ] as const) {
    const s = spec(n, c, 'separationFactors');
    bench(`${n} stages × ${c} species`, () => {
      simulateCascade(s);
    });
  }
});
