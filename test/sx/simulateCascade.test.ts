import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { distribution, separationFactors } from '../../src/sx/equilibrium/equilibrium.js';
import { simulateCascade } from '../../src/sx/steady/simulateCascade.js';
import { codeOf } from '../helpers.js';

/** Kremser, fresh solvent: fraction of the solute left in the raffinate after N stages (ree-data 3.9, D, H). */
const kremser = (eps: number, n: number) => (eps === 1 ? 1 / (n + 1) : (eps - 1) / (eps ** (n + 1) - 1));

describe('simulateCascade with distribution ratios', () => {
  it("runs the issue's example form and closes the balance", () => {
    const r = simulateCascade({
      stages: { extraction: 20, scrub: 20 },
      feed: { flows: { A: 0.5, B: 0.5 }, volume: 1 },
      organic: { volume: 2 },
      scrub: { volume: 1 },
      equilibrium: {
        extraction: distribution({ A: 0.85, B: 1.275 }),
        scrub: distribution({ A: 0.404762, B: 0.607143 }),
      },
      efficiency: { murphree: 0.8, phase: 'organic' },
    });
    expect(r.converged).toBe(true);
    expect(r.iterations).toBe(1);
    expect(r.balanceError).toBeLessThanOrEqual(1e-9);
    expect(r.profile).toHaveLength(40);
    expect((r.raffinate.flows.A ?? 0) + (r.loadedOrganic.flows.A ?? 0)).toBeCloseTo(0.5, 12);
  });

  it('matches the Kremser closed form for fresh solvent on random ε and N', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.2, max: 5, noNaN: true }), fc.integer({ min: 1, max: 60 }), (D, n) => {
        const r = simulateCascade({
          stages: { extraction: n },
          feed: { flows: { S: 1 }, volume: 1 },
          organic: { volume: 1 },
          equilibrium: distribution({ S: D }),
        });
        const expected = kremser(D, n);
        // Relative accuracy 1e-9, or 1e-12 of the feed for the vanishing raffinates of long, strong cascades.
        return Math.abs((r.raffinate.flows.S ?? 0) - expected) <= 1e-9 * expected + 1e-12;
      }),
      { numRuns: 150 },
    );
  });

  it('matches the Kremser form with pre-loaded solvent: (x_F − y_in/D)/(x_N − y_in/D) = (ε^(N+1) − 1)/(ε − 1)', () => {
    // ree-data 3.9 general Kremser form, in concentrations with A = O = 1 (so amounts = concentrations).
    const [D, n, xF, yIn] = [1.8, 8, 1, 0.2];
    const r = simulateCascade({
      stages: { extraction: n },
      feed: { flows: { S: xF }, volume: 1 },
      organic: { volume: 1, flows: { S: yIn } },
      equilibrium: distribution({ S: D }),
    });
    const xN = r.raffinate.flows.S ?? Number.NaN;
    expect((xF - yIn / D) / (xN - yIn / D)).toBeCloseTo((D ** (n + 1) - 1) / (D - 1), 8);
  });

  it('a Murphree efficiency of 1 on either phase is the equilibrium cascade; below 1 it extracts less', () => {
    const base = {
      stages: { extraction: 6 },
      feed: { flows: { S: 1 }, volume: 1 },
      organic: { volume: 1 },
      equilibrium: distribution({ S: 2 }),
    } as const;
    const ideal = simulateCascade(base).raffinate.flows.S ?? 0;
    expect(
      simulateCascade({ ...base, efficiency: { murphree: 1, phase: 'aqueous' } }).raffinate.flows.S,
    ).toBeCloseTo(ideal, 12);
    for (const phase of ['organic', 'aqueous'] as const) {
      const r = simulateCascade({ ...base, efficiency: { murphree: 0.6, phase } });
      expect(r.raffinate.flows.S).toBeGreaterThan(ideal);
      expect(r.balanceError).toBeLessThanOrEqual(1e-9);
    }
  });

  it('conserves every species on random linear cascades', () => {
    const species = fc.uniqueArray(fc.constantFrom('La', 'Ce', 'Pr', 'Nd', 'Sm', 'A', 'B'), {
      minLength: 1,
      maxLength: 7,
    });
    fc.assert(
      fc.property(
        species,
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 0, max: 40 }),
        fc.double({ min: 0.05, max: 20, noNaN: true }),
        fc.double({ min: 0.3, max: 1, noNaN: true }),
        (names, n, m, ratio, eff) => {
          const D = Object.fromEntries(names.map((s, i) => [s, 0.2 + i * 0.7]));
          const flows = Object.fromEntries(names.map((s, i) => [s, 1 + i]));
          const r = simulateCascade({
            stages: { extraction: n, scrub: m },
            feed: { flows, volume: 1 },
            organic: { volume: ratio },
            scrub: { volume: 0.5 },
            equilibrium: distribution(D),
            efficiency: { murphree: eff, phase: 'organic' },
          });
          const finite = r.profile.every((p) => Object.values(p.aqueous).every(Number.isFinite));
          return r.converged && r.balanceError <= 1e-9 && finite;
        },
      ),
      { numRuns: 120 },
    );
  });
});

describe('simulateCascade with separation factors (Xu)', () => {
  it('reproduces the β = 2 worked example: 25 extraction + 21 scrub stages meet 99.9 % A and 99.99 % B', () => {
    // ree-data 3.8a (ZZS16 via the reference sheet; recomputed there, D): equimolar feed, β = β' = 2,
    // S = 1.709 and W = 1.208 mol per mol feed, stage-wise n ≈ 25, m = 21. The organic loading is 0.18 mol/L,
    // so the organic volume is S / 0.18; the scrub returns W of the product (RE reflux). S and W by hand from
    // ree-data 3.3-3.4 (scrub control: E'_M = √β; W = f'_A/(E'_M − 1); S = E'_M·f'_A/(E'_M − 1)); the sheet's
    // rounded 1.709/1.208 would shift the cut (net product 0.501 instead of f'_A = 0.5005).
    const fPrimeA = (0.5 - (1 - 0.9999)) / (0.999 - (1 - 0.9999));
    const W = fPrimeA / (Math.SQRT2 - 1);
    const S = (Math.SQRT2 * fPrimeA) / (Math.SQRT2 - 1);
    expect(W).toBeCloseTo(1.208, 3);
    expect(S).toBeCloseTo(1.709, 3);
    const r = simulateCascade({
      stages: { extraction: 25, scrub: 21 },
      feed: { flows: { A: 0.5, B: 0.5 }, volume: 1 },
      organic: { volume: S / 0.18 },
      scrub: { volume: 1, reflux: W },
      equilibrium: separationFactors({ A: 2, B: 1 }),
    });
    expect(r.converged).toBe(true);
    expect(r.balanceError).toBeLessThanOrEqual(1e-9);
    expect((r.product.flows.A ?? 0) + (r.product.flows.B ?? 0)).toBeCloseTo(fPrimeA, 9);
    expect(r.product.purity.A).toBeGreaterThanOrEqual(0.999);
    expect(r.raffinate.purity.B).toBeGreaterThanOrEqual(0.9999);
    // The organic is saturated: it carries S out of every stage.
    for (const p of r.profile) expect((p.organic.A ?? 0) + (p.organic.B ?? 0)).toBeCloseTo(S, 9);
  });

  it('fewer stages than the design miss the targets', () => {
    const r = simulateCascade({
      stages: { extraction: 15, scrub: 12 },
      feed: { flows: { A: 0.5, B: 0.5 }, volume: 1 },
      organic: { volume: 1.709 / 0.18 },
      scrub: { volume: 1, reflux: 1.208 },
      equilibrium: separationFactors({ A: 2, B: 1 }),
    });
    expect(Math.min(r.product.purity.A ?? 0, (r.raffinate.purity.B ?? 0) / 0.9999)).toBeLessThan(0.999);
  });

  it('an organic whose capacity exceeds the rare earths available is reported INFEASIBLE', () => {
    expect(
      codeOf(() =>
        simulateCascade({
          stages: { extraction: 5 },
          feed: { flows: { A: 0.5, B: 0.5 }, volume: 1 },
          organic: { volume: 10 / 0.18 },
          equilibrium: separationFactors({ A: 2, B: 1 }),
        }),
      ),
    ).toBe('INFEASIBLE');
  });
});

describe('simulateCascade input checks', () => {
  const ok = {
    stages: { extraction: 3 },
    feed: { flows: { A: 1 }, volume: 1 },
    organic: { volume: 1 },
    equilibrium: distribution({ A: 1 }),
  };
  it('rejects bad stage counts, flows, volumes, missing model parameters and unknown keys', () => {
    expect(codeOf(() => simulateCascade({ ...ok, stages: { extraction: 0 } }))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => simulateCascade({ ...ok, stages: { extraction: 2.5 } }))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => simulateCascade({ ...ok, stages: { extraction: 20_000 } }))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => simulateCascade({ ...ok, feed: { flows: { A: -1 }, volume: 1 } }))).toBe(
      'OUT_OF_RANGE',
    );
    expect(codeOf(() => simulateCascade({ ...ok, feed: { flows: { A: Number.NaN }, volume: 1 } }))).toBe(
      'NOT_FINITE',
    );
    expect(codeOf(() => simulateCascade({ ...ok, organic: { volume: 0 } }))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => simulateCascade({ ...ok, feed: { flows: { A: 1, B: 1 }, volume: 1 } }))).toBe(
      'MISSING',
    );
    expect(codeOf(() => simulateCascade({ ...ok, stages: { extraction: 3, scrub: 2 } }))).toBe('MISSING');
    expect(codeOf(() => simulateCascade({ ...ok, extra: 1 } as never))).toBe('UNKNOWN_KEY');
    expect(
      codeOf(() => simulateCascade({ ...ok, feed: { flows: JSON.parse('{"__proto__": 1}'), volume: 1 } })),
    ).toBe('UNKNOWN_KEY');
    expect(codeOf(() => simulateCascade({ ...ok, efficiency: { murphree: 0, phase: 'organic' } }))).toBe(
      'OUT_OF_RANGE',
    );
    expect(codeOf(() => distribution({ A: 0 }))).toBe('OUT_OF_RANGE');
    const refluxed = { ...ok, stages: { extraction: 3, scrub: 2 }, scrub: { volume: 1, reflux: -1 } };
    expect(codeOf(() => simulateCascade(refluxed))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => simulateCascade({ ...refluxed, scrub: { volume: 1, reflux: 50 } }))).toBe(
      'INFEASIBLE',
    );
    expect(codeOf(() => separationFactors({ A: 2, B: 1 }, { loading: -1 }))).toBe('OUT_OF_RANGE');
  });
});

describe('simulateCascade robustness (separation factors)', () => {
  // Known gap (DESIGN.md, SX solver): about 1 % of random saturated cascades (long sections, 5-6 species)
  // do not converge yet. This property checks what must always hold: a converged result balances and is
  // finite, and a non-converged one says so (flag) with a finite residual above the tolerance.
  it('never returns a silent non-convergence or NaN on random feasible saturated cascades', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 6 }),
        fc.double({ min: 1.02, max: 100, noNaN: true }),
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 1, max: 60 }),
        fc.double({ min: 0.05, max: 5, noNaN: true }),
        fc.double({ min: 0.05, max: 0.95, noNaN: true }),
        (c, step, n, m, w, cut) => {
          // Species S0 (least extractable) .. S{c-1}, β growing geometrically by `step`; feed 1 mol, equal parts.
          const names = Array.from({ length: c }, (_, i) => `S${i}`);
          const beta = Object.fromEntries(names.map((s, i) => [s, step ** i]));
          const flows = Object.fromEntries(names.map((s) => [s, 1 / c]));
          // Scrub reflux W of the most extractable species; organic capacity S = W + cut (net product `cut` < 1).
          const r = simulateCascade({
            stages: { extraction: n, scrub: m },
            feed: { flows, volume: 1 },
            organic: { volume: (w + cut) / 0.18 },
            scrub: { volume: 1, flows: { [`S${c - 1}`]: w } },
            equilibrium: separationFactors(beta),
            solver: { onNonConvergence: 'flag' },
          });
          const values = r.profile.flatMap((p) => [...Object.values(p.aqueous), ...Object.values(p.organic)]);
          if (!values.every(Number.isFinite)) return false;
          return r.converged ? r.balanceError <= 1e-9 : Number.isFinite(r.residual) && r.residual > 1e-12;
        },
      ),
      { numRuns: 80 },
    );
  });
});
