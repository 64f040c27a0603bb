// Questions (issue 3 and issue 12 targets on this 2-core machine): how does a steady-state cascade solve
// scale with stages and species? Targets: saturated 100 stages × 6 species < 1 ms; 1,000 stages × 15
// species < 50 ms. (Linear cascades against a bare Thomas kernel: linear.bench.ts.)
import { bench, describe } from 'vitest';
import { separationFactors, simulateCascade } from '../src/index.js';
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
    [1000, 15],
    [10, 17],
    [100, 17],
  ] as const) {
    const s = spec(n, c, 'separationFactors');
    bench(`${n} stages × ${c} species`, () => {
      simulateCascade(s);
    });
  }
});

// The issue-12 case: a light-REE Nd/Sm cut (La, Ce, Pr, Nd, Sm, Eu; β 1, 5, 10, 15, 120, 240), feed as
// Mountain Pass (1 mol/h at 1 mol/L), scrub reflux W = 0.45 (about 3× the minimum), S = W + (Sm + Eu):
// a knife-edge cut that the first solver failed on for n = m >= 14. Targets: < 1 ms at 10 + 10;
// converging at 50 + 50, 500 + 500 and 2,000 + 2,000.
describe('the 6-element Nd/Sm cut (issue 12), n + n stages', () => {
  const names = ['La', 'Ce', 'Pr', 'Nd', 'Sm', 'Eu'];
  const beta = [1, 5, 10, 15, 120, 240];
  const share = [33.2, 49.1, 4.34, 12.0, 0.789, 0.118];
  const sum = share.reduce((a, b) => a + b, 0);
  const W = 0.45;
  const S = W + ((share[4] as number) + (share[5] as number)) / sum;
  for (const n of [10, 50, 500, 2000]) {
    const s = {
      stages: { extraction: n, scrub: n },
      feed: { flows: Object.fromEntries(names.map((e, i) => [e, (share[i] as number) / sum])), volume: 1 },
      organic: { volume: S / 0.18 },
      scrub: { volume: W, reflux: W },
      equilibrium: separationFactors(Object.fromEntries(names.map((e, i) => [e, beta[i] as number]))),
    };
    bench(`${n} + ${n}`, () => {
      simulateCascade(s);
    });
  }
});
