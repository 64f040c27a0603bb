// Scrub by acid (Xu's saturated organic): each 3 mol H+ strip 1 mol RE from the last stage's organic, which
// then leaves with its capacity less acid/3, and that RE goes down the cascade as the internal reflux W.
// Against a RE-reflux scrub with the same W, the balance says what must be equal; conservation, rejections
// and the dynamic end state.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CascadeSpec } from '../../src/sx/cascadeSpec.js';
import { simulateCascadeDynamics } from '../../src/sx/dynamics/dynamics.js';
import { distribution, separationFactors } from '../../src/sx/equilibrium/equilibrium.js';
import { type CascadeResult, simulateCascade } from '../../src/sx/steady/simulateCascade.js';
import { codeOf } from '../helpers.js';

const total = (r: Readonly<Record<string, number>>) => Object.values(r).reduce((a, b) => a + b, 0);

/** ree-data 3.8a: β = 2, equimolar feed, 99.9 % A / 99.99 % B; S and W by hand (scrub control, E'_M = √2). */
const fPrimeA = (0.5 - (1 - 0.9999)) / (0.999 - (1 - 0.9999));
const W = fPrimeA / (Math.SQRT2 - 1);
const S = (Math.SQRT2 * fPrimeA) / (Math.SQRT2 - 1);
const reflux: CascadeSpec = {
  stages: { extraction: 25, scrub: 21 },
  feed: { flows: { A: 0.5, B: 0.5 }, volume: 1 },
  organic: { volume: S / 0.18 },
  scrub: { volume: 1, reflux: W },
  equilibrium: separationFactors({ A: 2, B: 1 }),
};
const acid: CascadeSpec = { ...reflux, scrub: { volume: 1, acid: 3 * W } };

describe('simulateCascade with an acid scrub', () => {
  it('equals the RE-reflux scrub with the same W in every aqueous flow, every organic below the top, and the net product', () => {
    // Top stage N with equilibrium stages. Reflux: aqueous in = W·y_N/S (composition of y_N), organic out
    // y_N = S·βx_N/Σβx_N; net product P = y_N (S − W)/S = (S − W)·βx_N/Σβx_N and the balance gives
    // x_N = y_{N−1} − P. Acid: organic out y_N = (S − W)·βx_N/Σβx_N (capacity less acid/3 = W) and
    // x_N = y_{N−1} − y_N. Same equations in (x_N, P, y_{N−1}): the cascades below are identical, the acid
    // cascade's loaded organic is the reflux cascade's net product, and only y_N itself differs (S − W vs S).
    const a = simulateCascade(acid);
    const r = simulateCascade(reflux);
    expect(a.converged && r.converged).toBe(true);
    const N = a.profile.length;
    a.profile.forEach((stage, j) => {
      for (const sp of ['A', 'B']) {
        const x = r.profile[j]?.aqueous[sp] ?? Number.NaN;
        expect(Math.abs((stage.aqueous[sp] ?? 0) - x)).toBeLessThanOrEqual(1e-10 * Math.max(x, 1e-6));
        if (j < N - 1) {
          const y = r.profile[j]?.organic[sp] ?? Number.NaN;
          expect(Math.abs((stage.organic[sp] ?? 0) - y)).toBeLessThanOrEqual(1e-10 * Math.max(y, 1e-6));
        }
      }
    });
    for (const sp of ['A', 'B']) {
      const p = r.product.flows[sp] ?? Number.NaN;
      expect(Math.abs((a.product.flows[sp] ?? 0) - p)).toBeLessThanOrEqual(1e-10 * p);
      expect(a.loadedOrganic.flows[sp]).toBe(a.product.flows[sp]);
    }
    expect(total(a.loadedOrganic.flows)).toBeCloseTo(S - W, 12);
    expect(total(r.loadedOrganic.flows)).toBeCloseTo(S, 12);
    // Xu's design targets are met as with the reflux scrub.
    expect(a.product.purity.A).toBeGreaterThanOrEqual(0.999);
    expect(a.raffinate.purity.B).toBeGreaterThanOrEqual(0.9999);
  });

  it('net product = the saturated balance: S(1 − (1 − E)^N) − acid/3 with organic Murphree E', () => {
    // Barren organic, every stage's organic leaves with Y_j = (1 − E) Y_{j−1} + E S (Y_0 = 0), so
    // Y_j = S(1 − (1 − E)^j); at the top the acid strips W: Y_N = S(1 − (1 − E)^N) − W. The raffinate
    // carries the rest of the feed.
    for (const E of [1, 0.9, 0.75]) {
      const r = simulateCascade({ ...acid, efficiency: { murphree: E, phase: 'organic' } });
      const expected = S * (1 - (1 - E) ** 46) - W;
      expect(r.converged).toBe(true);
      expect(total(r.product.flows)).toBeCloseTo(expected, 10);
      expect(total(r.raffinate.flows)).toBeCloseTo(1 - expected, 10);
    }
  });

  it('conserves every species on random saturated cascades with acid (and reflux)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 4 }),
        fc.double({ min: 1.2, max: 5, noNaN: true }),
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 0, max: 20 }),
        fc.double({ min: 0.05, max: 2, noNaN: true }),
        fc.double({ min: 0.1, max: 0.9, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0.6, max: 1, noNaN: true }),
        (c, step, n, m, w, cut, refluxPart, E) => {
          // Internal reflux w split between acid and RE reflux; organic capacity S = w + cut.
          const names = Array.from({ length: c }, (_, i) => `S${i}`);
          const beta = Object.fromEntries(names.map((s, i) => [s, step ** i]));
          const flows = Object.fromEntries(names.map((s) => [s, 1 / c]));
          let r: CascadeResult;
          try {
            r = simulateCascade({
              stages: { extraction: n, scrub: m },
              feed: { flows, volume: 1 },
              organic: { volume: (w + cut) / 0.18 },
              scrub: { volume: 1, reflux: refluxPart * w, acid: 3 * (1 - refluxPart) * w * E },
              equilibrium: separationFactors(beta),
              efficiency: { murphree: E, phase: 'organic' },
              solver: { onNonConvergence: 'flag' },
            });
          } catch (e) {
            // Flows with no steady state of the saturated model are reported as such.
            return (e as { code?: string }).code === 'INFEASIBLE';
          }
          const values = r.profile.flatMap((p) => [...Object.values(p.aqueous), ...Object.values(p.organic)]);
          if (!values.every(Number.isFinite)) return false;
          return r.converged ? r.balanceError <= 1e-9 : r.residual > 1e-12;
        },
      ),
      { numRuns: 80 },
    );
  });

  it('rejects acid on a distribution model, acid stripping the top organic bare, and bad values', () => {
    const lin: CascadeSpec = {
      stages: { extraction: 3, scrub: 2 },
      feed: { flows: { A: 1 }, volume: 1 },
      organic: { volume: 1 },
      scrub: { volume: 1, acid: 0.3 },
      equilibrium: distribution({ A: 2 }),
    };
    expect(codeOf(() => simulateCascade(lin))).toBe('NOT_SUPPORTED');
    // The top stage's organic carries S = 0.18 × S/0.18 = S; acid/3 must stay below E·S.
    expect(codeOf(() => simulateCascade({ ...acid, scrub: { volume: 1, acid: 3.03 * S } }))).toBe(
      'INFEASIBLE',
    );
    expect(
      codeOf(() =>
        simulateCascade({
          ...acid,
          scrub: { volume: 1, acid: 3 * 0.95 * S },
          efficiency: { murphree: 0.9, phase: 'organic' },
        }),
      ),
    ).toBe('INFEASIBLE');
    expect(codeOf(() => simulateCascade({ ...acid, scrub: { volume: 1, acid: -1 } }))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => simulateCascade({ ...acid, scrub: { volume: 1, acid: Number.NaN } }))).toBe(
      'NOT_FINITE',
    );
  });

  it('the dynamic end state is the steady state (organic Murphree 0.9, with entrainment)', () => {
    const spec: CascadeSpec = {
      ...acid,
      stages: { extraction: 4, scrub: 4 },
      efficiency: { murphree: 0.9, phase: 'organic' },
      entrainment: { aqueousInOrganic: 0.01 },
    };
    const ss = simulateCascade(spec);
    const r = simulateCascadeDynamics(spec, {
      holdup: { mixer: { residenceTime: 0.05 }, settler: { residenceTime: 0.5 } },
      duration: 600,
      dt: 0.05,
    });
    expect(r.balanceError).toBeLessThanOrEqual(1e-12);
    r.final.forEach((stage, j) => {
      for (const sp of ['A', 'B']) {
        expect(Math.abs((stage.aqueous[sp] ?? 0) - (ss.profile[j]?.aqueous[sp] ?? 0))).toBeLessThan(1e-9);
        expect(Math.abs((stage.organic[sp] ?? 0) - (ss.profile[j]?.organic[sp] ?? 0))).toBeLessThan(1e-9);
      }
    });
    const last = r.samples.at(-1);
    for (const sp of ['A', 'B'])
      expect(Math.abs((last?.product.flows[sp] ?? 0) - (ss.product.flows[sp] ?? 0))).toBeLessThan(1e-9);
  });
});
