// simulateCascade against closed forms and in hard regimes: long and high-reflux cascades with the
// saturated model (trace species spanning hundreds of decades, where Newton on raw amounts stalled;
// DESIGN.md), the Fenske limit, and Murphree stages against Kremser–Colburn.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fenskeStages, kremserUnextracted, overallEfficiency } from '../../src/sx/design/closedForms.js';
import { distribution, separationFactors } from '../../src/sx/equilibrium/equilibrium.js';
import { simulateCascade } from '../../src/sx/steady/simulateCascade.js';

/** An equimolar A/B feed, saturated organic carrying S = W + 0.5 (half the feed to the organic product). */
function cascade(n: number, m: number, beta: number, W: number) {
  return simulateCascade({
    stages: { extraction: n, scrub: m },
    feed: { flows: { A: 0.5, B: 0.5 }, volume: 1 },
    organic: { volume: (W + 0.5) / 0.18 },
    scrub: { volume: 1, reflux: W },
    equilibrium: separationFactors({ A: beta, B: 1 }),
  });
}

describe('simulateCascade on long saturated cascades with product reflux', () => {
  for (const [n, m] of [
    [150, 150],
    [500, 500],
    [1000, 1000],
  ] as const) {
    it(`simulateCascade(${n} + ${m} stages, β = 1.5, W = 3) converges and closes the balance`, () => {
      const r = cascade(n, m, 1.5, 3);
      expect(r.converged).toBe(true);
      expect(r.balanceError).toBeLessThanOrEqual(1e-9);
      // Total balance of the saturated model (exact): the net product is S − W = 0.5 of the 1.0 fed.
      const product = (r.product.flows.A as number) + (r.product.flows.B as number);
      expect(product).toBeCloseTo(0.5, 9);
      // Far more stages than Fenske's minimum for 99.99 % / 99.99 % (ln(9999²)/ln 1.5 = 45): both products
      // are essentially pure; the impurity falls by about β per surplus stage.
      expect(r.product.purity.A).toBeGreaterThan(1 - 1e-12);
      expect(r.raffinate.purity.B).toBeGreaterThan(1 - 1e-12);
    });
  }
});

describe('Fenske limit', () => {
  it('at very high reflux the fewest stages meeting 99 % / 99 % (β = 2) is the Fenske minimum rounded up', () => {
    // Fenske (ree-data 3.9): N_min = ln[(P/(1−P))·(P/(1−P))] / ln β = ln(99²)/ln 2 = 13.26 for an equimolar
    // feed. At total reflux each stage multiplies the A/B ratio by β, so 14 stages suffice and 13 cannot, for
    // the best feed position; W = 10⁴ mol per mol feed approximates total reflux.
    const nMin = fenskeStages(0.99, 0.01, 2);
    expect(nMin).toBeCloseTo(Math.log(99 * 99) / Math.LN2, 12);
    const meets = (total: number) => {
      for (let n = 1; n < total; n++) {
        const r = cascade(n, total - n, 2, 1e4);
        if ((r.product.purity.A as number) >= 0.99 && (r.raffinate.purity.B as number) >= 0.99) return true;
      }
      return false;
    };
    expect(meets(Math.ceil(nMin))).toBe(true);
    expect(meets(Math.floor(nMin))).toBe(false);
  });
});

describe('Murphree stages in simulateCascade against the Kremser–Colburn closed form', () => {
  it('N stages of Murphree efficiency E leave kremserUnextracted(ε, N·E_o) in the raffinate, on either phase', () => {
    // Kremser with Murphree stages (ree-data 3.9; the overall efficiency E_o = ln(1 + E(ε − 1))/ln ε for
    // organic-phase E, and its aqueous-phase counterpart): N real stages act as N·E_o equilibrium stages.
    fc.assert(
      fc.property(
        fc.double({ min: 0.2, max: 5, noNaN: true }),
        fc.double({ min: 0.3, max: 1, noNaN: true }),
        fc.integer({ min: 1, max: 60 }),
        fc.constantFrom<'organic' | 'aqueous'>('organic', 'aqueous'),
        (epsilon, E, N, phase) => {
          const r = simulateCascade({
            stages: { extraction: N },
            feed: { flows: { S: 1 }, volume: 1 },
            organic: { volume: 1 },
            equilibrium: distribution({ S: epsilon }),
            efficiency: { murphree: E, phase },
          });
          const expected = kremserUnextracted(epsilon, N * overallEfficiency(epsilon, E, phase));
          expect(Math.abs((r.raffinate.flows.S as number) - expected)).toBeLessThanOrEqual(
            1e-9 * Math.max(expected, 1e-3),
          );
        },
      ),
      { numRuns: 200 },
    );
  });
});
