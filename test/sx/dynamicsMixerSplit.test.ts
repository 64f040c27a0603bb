// The mixers' equilibrium splits (src/sx/dynamics/mixerSplit.ts): closed forms for one species, the
// equilibrium equations on random contents spanning 1e-300 to 1e12 (the bracketed Newton never fails and
// never reaches its iteration cap), and the limits (an empty mixer; a saturated mixer holding less than
// its capacity gives the organic everything).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SPLIT_MAX_ITERATIONS, splitLimited, splitSaturated } from '../../src/sx/dynamics/mixerSplit.js';

/** 10^e for e in [lo, hi]: magnitudes spread evenly over the decades. */
const decades = (lo: number, hi: number) => fc.double({ min: lo, max: hi, noNaN: true }).map((e) => 10 ** e);

describe('splitLimited (competitive Langmuir: organic κ·a/(1 + Σκa/K))', () => {
  it('splitLimited(one species) is the root of the quadratic: a + κa/(1 + κa/K) = n', () => {
    for (const [n, kappa, K] of [
      [1, 100, 1], // the reproducer's mixer: far above capacity
      [1e-9, 100, 1], // far below: a = n/(1 + κ)
      [5, 0.5, 2],
      [1e12, 1e-6, 1e-3],
    ] as const) {
      const share = new Float64Array(1);
      const its = splitLimited(
        Float64Array.of(n),
        0,
        1,
        Float64Array.of(kappa),
        K,
        new Float64Array(1),
        0,
        share,
      );
      expect(its).toBe(0);
      const a = n * (share[0] as number);
      expect(Math.abs(a + (kappa * a) / (1 + (kappa * a) / K) - n)).toBeLessThanOrEqual(1e-14 * n);
    }
  });

  it('splitLimited(random contents over 300 decades) satisfies the equilibrium to 1e-11 of the content, shares in [0, 1], below the iteration cap', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constant(0), decades(-300, 12)), { minLength: 1, maxLength: 8 }),
        fc.array(decades(-6, 12), { minLength: 8, maxLength: 8 }),
        decades(-6, 12),
        fc.double({ min: -1, max: 2, noNaN: true }),
        (n, k, K, warm) => {
          const c = n.length;
          const kappa = Float64Array.from(k.slice(0, c));
          const share = new Float64Array(c);
          const its = splitLimited(Float64Array.from(n), 0, c, kappa, K, Float64Array.of(warm), 0, share);
          expect(its).toBeLessThan(SPLIT_MAX_ITERATIONS);
          const a = n.map((x, i) => x * (share[i] as number));
          const loaded = a.reduce((s, x, i) => s + (kappa[i] as number) * x, 0);
          const lambda = 1 / (1 + loaded / K);
          const all = n.reduce((s, x) => s + x, 0);
          n.forEach((x, i) => {
            expect(share[i]).toBeGreaterThanOrEqual(0);
            expect(share[i]).toBeLessThanOrEqual(1);
            const organic = (kappa[i] as number) * (a[i] as number) * lambda;
            expect(Math.abs((a[i] as number) + organic - x)).toBeLessThanOrEqual(1e-11 * all);
          });
        },
      ),
      { numRuns: 2000, seed: 7 },
    );
  });
});

describe('splitSaturated (Xu: organic K·βa/Σβa)', () => {
  it('splitSaturated(one species) leaves n − K in the aqueous; at or below capacity the organic takes all', () => {
    const share = new Float64Array(1);
    expect(
      splitSaturated(Float64Array.of(3), 0, 1, Float64Array.of(2), 1, new Float64Array(1), 0, share),
    ).toBe(0);
    expect(3 * (share[0] as number)).toBeCloseTo(2, 14);
    const two = new Float64Array(2).fill(Number.NaN);
    splitSaturated(Float64Array.of(0.5, 0.5), 0, 2, Float64Array.of(1, 2), 1, new Float64Array(1), 0, two);
    expect([...two]).toEqual([0, 0]);
  });

  it('splitSaturated(random contents over 300 decades above capacity) satisfies a + Kβa/Σβa = n to 1e-11 of the content', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constant(0), decades(-300, 12)), { minLength: 2, maxLength: 8 }),
        fc.array(decades(0, 3), { minLength: 8, maxLength: 8 }),
        fc.double({ min: 0.001, max: 0.999, noNaN: true }),
        fc.double({ min: -1, max: 1e6, noNaN: true }),
        (n, b, fill, warm) => {
          const c = n.length;
          const all = n.reduce((s, x) => s + x, 0);
          fc.pre(all > 0);
          const K = fill * all;
          const beta = Float64Array.from(b.slice(0, c));
          const share = new Float64Array(c);
          const its = splitSaturated(Float64Array.from(n), 0, c, beta, K, Float64Array.of(warm), 0, share);
          expect(its).toBeLessThan(SPLIT_MAX_ITERATIONS);
          const a = n.map((x, i) => x * (share[i] as number));
          const sba = a.reduce((s, x, i) => s + (beta[i] as number) * x, 0);
          n.forEach((x, i) => {
            const organic = K * (((beta[i] as number) * (a[i] as number)) / sba);
            expect(Math.abs((a[i] as number) + organic - x)).toBeLessThanOrEqual(1e-11 * all);
          });
        },
      ),
      { numRuns: 2000, seed: 11 },
    );
  });
});
