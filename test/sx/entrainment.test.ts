// Entrainment: a fraction e_a of each stage's aqueous outflow goes up with its organic, a fraction e_o of
// its organic outflow down with its aqueous, joining the next stage's inflow. Zero entrainment changes
// nothing; one and two stages follow hand-derived closed forms; every species is conserved; entrainment
// contaminates the outlet that receives the other phase; the dynamic end state is the steady state.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CascadeSpec } from '../../src/sx/cascadeSpec.js';
import { simulateCascadeDynamics } from '../../src/sx/dynamics/dynamics.js';
import { distribution, separationFactors } from '../../src/sx/equilibrium/equilibrium.js';
import { phDependent } from '../../src/sx/equilibrium/phDependent.js';
import { type CascadeResult, simulateCascade } from '../../src/sx/steady/simulateCascade.js';
import { codeOf } from '../helpers.js';

const linear: CascadeSpec = {
  stages: { extraction: 6, scrub: 5 },
  feed: { flows: { A: 0.5, B: 0.5 }, volume: 1 },
  organic: { volume: 2 },
  scrub: { volume: 1 },
  equilibrium: distribution({ A: 0.85, B: 1.5 }),
};

/** ree-data 3.8a: β = 2, equimolar feed, 99.9 % A / 99.99 % B; S and W by hand (scrub control, E'_M = √2). */
const fPrimeA = (0.5 - (1 - 0.9999)) / (0.999 - (1 - 0.9999));
const W = fPrimeA / (Math.SQRT2 - 1);
const S = (Math.SQRT2 * fPrimeA) / (Math.SQRT2 - 1);
const xu: CascadeSpec = {
  stages: { extraction: 25, scrub: 21 },
  feed: { flows: { A: 0.5, B: 0.5 }, volume: 1 },
  organic: { volume: S / 0.18 },
  scrub: { volume: 1, reflux: W },
  equilibrium: separationFactors({ A: 2, B: 1 }),
};

describe('simulateCascade with entrainment', () => {
  it('zero entrainment gives exactly the result without the field', () => {
    const cases: CascadeSpec[] = [
      linear,
      { ...linear, scrub: { volume: 1, reflux: 0.2 }, efficiency: { murphree: 0.7, phase: 'aqueous' } },
      xu,
    ];
    for (const spec of cases) {
      expect(simulateCascade({ ...spec, entrainment: { aqueousInOrganic: 0, organicInAqueous: 0 } })).toEqual(
        simulateCascade(spec),
      );
    }
  });

  it('one stage: raffinate (1 − e_a)·x + e_o·y, loaded organic (1 − e_o)·y + e_a·x', () => {
    // A single stage with feed F and fresh organic equilibrates to x = F/(1 + ε), y = εF/(1 + ε) whatever
    // the entrainment (nothing returns to it); the outlets then split as stated.
    const [D, ea, eo] = [1.6, 0.04, 0.07];
    const r = simulateCascade({
      stages: { extraction: 1 },
      feed: { flows: { S: 1 }, volume: 1 },
      organic: { volume: 1 },
      equilibrium: distribution({ S: D }),
      entrainment: { aqueousInOrganic: ea, organicInAqueous: eo },
    });
    const x = 1 / (1 + D);
    const y = D / (1 + D);
    expect(r.raffinate.flows.S).toBeCloseTo((1 - ea) * x + eo * y, 14);
    expect(r.loadedOrganic.flows.S).toBeCloseTo((1 - eo) * y + ea * x, 14);
  });

  it('two stages follow the hand-derived closed form R = F p² / ((1 + ε)² − p q)', () => {
    // Stages 1 and 2, feed F into stage 2, fresh organic, y_j = ε x_j (A = O). Inflows:
    //   stage 1: aqueous (1 − e_a) x_2, organic e_o y_2          → (1 − e_a + e_o ε) x_2 = (1 + ε) x_1
    //   stage 2: aqueous e_a x_1 + F, organic (1 − e_o) y_1     → F + (e_a + (1 − e_o) ε) x_1 = (1 + ε) x_2
    // With p = 1 − e_a + e_o ε, q = e_a + (1 − e_o) ε: x_2 = F(1 + ε)/((1 + ε)² − pq), and the raffinate
    // (1 − e_a) x_1 + e_o y_1 = p x_1 = F p²/((1 + ε)² − pq). At e = 0 it is Kremser's 1/(1 + ε + ε²).
    fc.assert(
      fc.property(
        fc.double({ min: 0.1, max: 10, noNaN: true }),
        fc.double({ min: 0, max: 0.5, noNaN: true }),
        fc.double({ min: 0, max: 0.5, noNaN: true }),
        (eps, ea, eo) => {
          const r = simulateCascade({
            stages: { extraction: 2 },
            feed: { flows: { S: 1 }, volume: 1 },
            organic: { volume: 1 },
            equilibrium: distribution({ S: eps }),
            entrainment: { aqueousInOrganic: ea, organicInAqueous: eo },
          });
          const p = 1 - ea + eo * eps;
          const q = ea + (1 - eo) * eps;
          const expected = (p * p) / ((1 + eps) ** 2 - p * q);
          return Math.abs((r.raffinate.flows.S ?? 0) - expected) <= 1e-12 * expected;
        },
      ),
      { numRuns: 100 },
    );
  });

  it('conserves every species on random cascades (linear or saturated, Murphree, reflux)', () => {
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 1, max: 20 }),
        fc.double({ min: 0, max: 0.2, noNaN: true }),
        fc.double({ min: 0, max: 0.2, noNaN: true }),
        fc.double({ min: 0.5, max: 1, noNaN: true }),
        fc.constantFrom('organic' as const, 'aqueous' as const),
        fc.double({ min: 0.05, max: 0.5, noNaN: true }),
        (saturated, n, m, ea, eo, eff, phase, refluxShare) => {
          const spec: CascadeSpec = saturated
            ? {
                stages: { extraction: n, scrub: m },
                feed: { flows: { A: 0.3, B: 0.5, C: 0.2 }, volume: 1 },
                organic: { volume: 0.6 / 0.18 },
                scrub: { volume: 1, reflux: refluxShare * 0.6 },
                equilibrium: separationFactors({ A: 3, B: 1.5, C: 1 }),
                efficiency: { murphree: eff, phase: 'organic' },
                entrainment: { aqueousInOrganic: ea, organicInAqueous: eo },
                solver: { onNonConvergence: 'flag' },
              }
            : {
                ...linear,
                stages: { extraction: n, scrub: m },
                scrub: { volume: 1, reflux: refluxShare * 0.1 },
                efficiency: { murphree: eff, phase },
                entrainment: { aqueousInOrganic: ea, organicInAqueous: eo },
              };
          let r: CascadeResult;
          try {
            r = simulateCascade(spec);
          } catch (e) {
            // A saturated organic taking more than the aqueous brings has no steady state (reported).
            return saturated && (e as { code?: string }).code === 'INFEASIBLE';
          }
          const values = r.profile.flatMap((p) => [...Object.values(p.aqueous), ...Object.values(p.organic)]);
          return r.converged && r.balanceError <= 1e-9 && values.every(Number.isFinite);
        },
      ),
      { numRuns: 80 },
    );
  });

  it('aqueous entrained into the loaded organic lowers the product purity; organic in the raffinate lowers its purity', () => {
    // Xu's 25 + 21 design meets 99.9 % A in the product and 99.99 % B in the raffinate without entrainment.
    // The top stage's aqueous is richer in B than its organic (β = 2), so aqueous carried out with the loaded
    // organic dilutes the A product; stage 1's organic is richer in A than its aqueous, so organic carried out
    // with the raffinate dilutes the B product.
    const clean = simulateCascade(xu);
    const wetOrganic = simulateCascade({ ...xu, entrainment: { aqueousInOrganic: 0.002 } });
    const wetAqueous = simulateCascade({ ...xu, entrainment: { organicInAqueous: 0.002 } });
    for (const r of [clean, wetOrganic, wetAqueous]) {
      expect(r.converged).toBe(true);
      expect(r.balanceError).toBeLessThanOrEqual(1e-9);
    }
    expect(clean.product.purity.A).toBeGreaterThanOrEqual(0.999);
    expect(wetOrganic.product.purity.A).toBeLessThan(0.999);
    expect(clean.raffinate.purity.B).toBeGreaterThanOrEqual(0.9999);
    expect(wetAqueous.raffinate.purity.B).toBeLessThan(0.9999);
  });

  it('the saturated organic still carries its capacity out of every stage (E = 1)', () => {
    const r = simulateCascade({ ...xu, entrainment: { aqueousInOrganic: 0.01, organicInAqueous: 0.01 } });
    for (const p of r.profile) expect((p.organic.A ?? 0) + (p.organic.B ?? 0)).toBeCloseTo(S, 9);
  });

  it('rejects fractions outside [0, 0.5], unknown keys, and the pH-dependent model', () => {
    expect(codeOf(() => simulateCascade({ ...linear, entrainment: { aqueousInOrganic: 0.6 } }))).toBe(
      'OUT_OF_RANGE',
    );
    expect(codeOf(() => simulateCascade({ ...linear, entrainment: { organicInAqueous: -0.1 } }))).toBe(
      'OUT_OF_RANGE',
    );
    expect(codeOf(() => simulateCascade({ ...linear, entrainment: { organic: 0.1 } as never }))).toBe(
      'UNKNOWN_KEY',
    );
    expect(codeOf(() => simulateCascade({ ...linear, entrainment: 0.1 as never }))).toBe('INVALID_TYPE');
    // The pH-dependent model has its own solver, without entrainment.
    const ph: CascadeSpec = {
      stages: { extraction: 2 },
      feed: { flows: { Nd: 0.01, 'H+': 0.1 }, volume: 1 },
      organic: { volume: 1, flows: { DEHPA: 0.1 } },
      equilibrium: phDependent({
        metals: { Nd: { D: 2 } },
        proton: 'H+',
        extractant: { species: 'DEHPA', molarMass: 322.431, density: 975.8 },
      }),
      entrainment: { aqueousInOrganic: 0.01 },
    };
    expect(codeOf(() => simulateCascade(ph))).toBe('NOT_SUPPORTED');
  });
});

describe('simulateCascadeDynamics with entrainment', () => {
  const HOLDUP = { mixer: { residenceTime: 0.05 }, settler: { residenceTime: 0.5 } } as const;
  const cases: [string, CascadeSpec, number][] = [
    [
      'linear, aqueous Murphree 0.7, reflux',
      {
        ...linear,
        stages: { extraction: 4, scrub: 3 },
        scrub: { volume: 1, reflux: 0.2 },
        efficiency: { murphree: 0.7, phase: 'aqueous' },
        entrainment: { aqueousInOrganic: 0.02, organicInAqueous: 0.05 },
      },
      300,
    ],
    [
      'saturated, organic Murphree 0.9, reflux',
      {
        ...xu,
        stages: { extraction: 4, scrub: 4 },
        efficiency: { murphree: 0.9, phase: 'organic' },
        entrainment: { aqueousInOrganic: 0.03, organicInAqueous: 0.01 },
      },
      600,
    ],
  ];
  for (const [name, spec, duration] of cases) {
    it(`${name}: the end state is the steady state`, () => {
      const ss = simulateCascade(spec);
      const r = simulateCascadeDynamics(spec, { holdup: HOLDUP, duration, dt: 0.05 });
      expect(r.balanceError).toBeLessThanOrEqual(1e-12);
      r.final.forEach((stage, j) => {
        for (const sp of ss.species) {
          expect(Math.abs((stage.aqueous[sp] ?? 0) - (ss.profile[j]?.aqueous[sp] ?? 0))).toBeLessThan(1e-9);
          expect(Math.abs((stage.organic[sp] ?? 0) - (ss.profile[j]?.organic[sp] ?? 0))).toBeLessThan(1e-9);
        }
      });
      const last = r.samples.at(-1);
      for (const sp of ss.species) {
        expect(Math.abs((last?.raffinate.flows[sp] ?? 0) - (ss.raffinate.flows[sp] ?? 0))).toBeLessThan(1e-9);
        expect(Math.abs((last?.product.flows[sp] ?? 0) - (ss.product.flows[sp] ?? 0))).toBeLessThan(1e-9);
      }
    });
  }
});
