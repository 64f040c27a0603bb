// The distribution model with a loading capacity (competitive Langmuir isotherm
// C_org,i = D_i C_aq,i / (1 + Σ D_k C_aq,k / Q)): Kremser at low loading, an organic carrying Q·O at high
// loading, the one-stage closed form, its Jacobian, conservation, the dynamic mixer split and end state.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CascadeSpec } from '../../src/sx/cascadeSpec.js';
import { simulateCascadeDynamics } from '../../src/sx/dynamics/dynamics.js';
import { distribution } from '../../src/sx/equilibrium/equilibrium.js';
import { simulateCascade } from '../../src/sx/steady/simulateCascade.js';
import {
  consistency,
  consistencySlope,
  impliedFactor,
  ratios,
  stageKernel,
} from '../../src/sx/steady/stageKernels.js';
import { codeOf } from '../helpers.js';

/** Kremser, fresh solvent: fraction of the solute left in the raffinate after N stages (ree-data 3.9). */
const kremser = (eps: number, n: number) => (eps === 1 ? 1 / (n + 1) : (eps - 1) / (eps ** (n + 1) - 1));

const total = (r: Readonly<Record<string, number>>) => Object.values(r).reduce((a, b) => a + b, 0);

describe('distribution(D, { capacity })', () => {
  it('keeps the plain model unchanged and validates the capacity', () => {
    expect(distribution({ A: 2 })).toEqual({ kind: 'distribution', D: { A: 2 } });
    expect(distribution({ A: 2 }, { capacity: 0.18 })).toEqual({
      kind: 'distribution',
      D: { A: 2 },
      capacity: 0.18,
    });
    expect(codeOf(() => distribution({ A: 2 }, { capacity: 0 }))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => distribution({ A: 2 }, { capacity: Number.NaN }))).toBe('NOT_FINITE');
    expect(codeOf(() => distribution({ A: 2 }, { capacity: 1e13 }))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => distribution({ A: 2 }, { loading: 1 } as never))).toBe('UNKNOWN_KEY');
  });

  it('its stage kernel gives the Langmuir isotherm y* = εx/(1 + Σεx/Q) at the factor the amounts imply, and the consistency derivatives match central differences', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.01, max: 10, noNaN: true }), { minLength: 1, maxLength: 5 }),
        fc.array(fc.double({ min: 0.05, max: 20, noNaN: true }), { minLength: 5, maxLength: 5 }),
        fc.double({ min: 0.01, max: 10, noNaN: true }),
        (xs, ds, capacity) => {
          const c = xs.length;
          const species = xs.map((_, i) => `S${i}`);
          const model = distribution(Object.fromEntries(species.map((s, i) => [s, ds[i] as number])), {
            capacity,
          });
          const k = stageKernel(model, species, 1.3, 0.7);
          const x = Float64Array.from(xs);
          const u = impliedFactor(k, x, 0) as number;
          const K = new Float64Array(c);
          ratios(k, u, K);
          // The isotherm written out: ε = D·O/A, Q = capacity·O.
          const eps = species.map((_, i) => ((ds[i] as number) * 0.7) / 1.3);
          const load = eps.reduce((t, e, i) => t + e * (xs[i] as number), 0) / (capacity * 0.7);
          for (let i = 0; i < c; i++) {
            const y = ((eps[i] as number) * (xs[i] as number)) / (1 + load);
            if (Math.abs((K[i] as number) * (xs[i] as number) - y) > 1e-12 * y) return false;
          }
          // The organic never carries more than its capacity Q·O.
          if (!(K.reduce((t, kk, i) => t + kk * (xs[i] as number), 0) < capacity * 0.7)) return false;
          // Consistency: zero at the implied factor; ∂F/∂ln x_i against central differences.
          const dx = new Float64Array(c);
          const F = consistency(k, u, x, 0, dx);
          if (Math.abs(F) > 1e-12) return false;
          for (let i = 0; i < c; i++) {
            const h = 1e-6;
            const xp = Float64Array.from(x);
            const xm = Float64Array.from(x);
            xp[i] = (x[i] as number) * Math.exp(h);
            xm[i] = (x[i] as number) * Math.exp(-h);
            const fd = (consistency(k, u, xp, 0) - consistency(k, u, xm, 0)) / (2 * h);
            if (Math.abs(fd - (dx[i] as number)) > 1e-7) return false;
          }
          return (
            Math.abs(consistency(k, u + 1e-3, x, 0) - consistency(k, u, x, 0) + 1e-3) < 1e-12 &&
            consistencySlope(k) === -1
          );
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('simulateCascade with a capacity-limited distribution model', () => {
  it('at low loading is the Kremser cascade (the Langmuir correction is of order loading / capacity)', () => {
    // Feed 1e-9 against a capacity of 1 per unit organic: Σ D C_aq / Q ≤ 1e-8, so the raffinate fraction
    // matches Kremser to about 1e-8 relative.
    for (const [D, n] of [
      [0.5, 4],
      [1.8, 8],
      [3, 12],
    ] as const) {
      const r = simulateCascade({
        stages: { extraction: n },
        feed: { flows: { S: 1e-9 }, volume: 1 },
        organic: { volume: 1 },
        equilibrium: distribution({ S: D }, { capacity: 1 }),
      });
      expect(r.converged).toBe(true);
      const fraction = (r.raffinate.flows.S ?? 0) / 1e-9;
      expect(Math.abs(fraction - kremser(D, n))).toBeLessThanOrEqual(1e-6 * kremser(D, n));
    }
  });

  it('at high loading the loaded organic carries capacity × organic volume, shared in proportion to D·x', () => {
    // Feed 1e4 times the organic's capacity (0.18 × 2 = 0.36): the top stage's aqueous holds almost all of
    // it, u = Σ ε x ≥ 1e4 Q, so Σ y = Q·u/(Q + u) lies within 1e-4 of Q below it.
    const Q = 0.18 * 2;
    const r = simulateCascade({
      stages: { extraction: 5 },
      feed: { flows: { A: 3600, B: 1800 }, volume: 1 },
      organic: { volume: 2 },
      equilibrium: distribution({ A: 10, B: 3 }, { capacity: 0.18 }),
    });
    expect(r.converged).toBe(true);
    const loaded = total(r.loadedOrganic.flows);
    expect(loaded).toBeLessThan(Q);
    expect(loaded).toBeGreaterThan(Q * (1 - 1e-4));
    // Competitive shares: y_A / y_B = D_A x_A / (D_B x_B) in the top stage.
    const top = r.profile.at(-1);
    expect((top?.organic.A ?? 0) / (top?.organic.B ?? 1)).toBeCloseTo(
      (10 * (top?.aqueous.A ?? 0)) / (3 * (top?.aqueous.B ?? 1)),
      10,
    );
  });

  it('one stage follows the closed form of x + y = F, y = εx / (1 + εx/Q)', () => {
    // Eliminating x = F − y: (ε/Q) y² − (1 + ε + εF/Q) y + εF = 0, the smaller root (y < Q and y < F).
    fc.assert(
      fc.property(
        fc.double({ min: 0.05, max: 20, noNaN: true }),
        fc.double({ min: 0.01, max: 5, noNaN: true }),
        fc.double({ min: 1e-3, max: 100, noNaN: true }),
        fc.double({ min: 0.2, max: 5, noNaN: true }),
        (D, capacity, F, O) => {
          const r = simulateCascade({
            stages: { extraction: 1 },
            feed: { flows: { S: F }, volume: 1 },
            organic: { volume: O },
            equilibrium: distribution({ S: D }, { capacity }),
          });
          const eps = D * O;
          const Q = capacity * O;
          const a = eps / Q;
          const b = 1 + eps + (eps * F) / Q;
          // Smaller root in the cancellation-free form 2c / (b + √(b² − 4ac)).
          const y = (2 * eps * F) / (b + Math.sqrt(b * b - 4 * a * eps * F));
          return r.converged && Math.abs((r.loadedOrganic.flows.S ?? 0) - y) <= 1e-10 * y;
        },
      ),
      { numRuns: 100 },
    );
  });

  it('conserves every species on random capacity-limited cascades (scrub, reflux, Murphree)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 25 }),
        fc.integer({ min: 0, max: 25 }),
        fc.double({ min: 0.01, max: 10, noNaN: true }),
        fc.double({ min: 0.3, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 0.3, noNaN: true }),
        (c, n, m, capacity, eff, refluxShare) => {
          const names = Array.from({ length: c }, (_, i) => `S${i}`);
          const D = Object.fromEntries(names.map((s, i) => [s, 0.4 * 1.8 ** i]));
          const flows = Object.fromEntries(names.map((s) => [s, 1 / c]));
          const spec: CascadeSpec = {
            stages: { extraction: n, scrub: m },
            feed: { flows, volume: 1 },
            organic: { volume: 2 },
            scrub: { volume: 1 },
            equilibrium: distribution(D, { capacity }),
            efficiency: { murphree: eff, phase: 'organic' },
            solver: { onNonConvergence: 'flag' },
          };
          // Reflux: a share of what the organic loads without it (it must stay below the loaded organic).
          const plain = total(simulateCascade(spec).loadedOrganic.flows);
          const r = simulateCascade({ ...spec, scrub: { volume: 1, reflux: refluxShare * plain } });
          const values = r.profile.flatMap((p) => [...Object.values(p.aqueous), ...Object.values(p.organic)]);
          return r.converged && r.balanceError <= 1e-9 && values.every(Number.isFinite);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('rejects an aqueous Murphree efficiency below 1 (its inverse isotherm is not implemented)', () => {
    const spec: CascadeSpec = {
      stages: { extraction: 3 },
      feed: { flows: { A: 1 }, volume: 1 },
      organic: { volume: 1 },
      equilibrium: distribution({ A: 2 }, { capacity: 1 }),
      efficiency: { murphree: 0.8, phase: 'aqueous' },
    };
    expect(codeOf(() => simulateCascade(spec))).toBe('NOT_SUPPORTED');
    expect(
      codeOf(() =>
        simulateCascade({ ...spec, equilibrium: { kind: 'distribution', D: { A: 2 }, capacity: -1 } }),
      ),
    ).toBe('OUT_OF_RANGE');
  });
});

describe('the capacity-limited mixer split and dynamics', () => {
  it('the dynamic end state is the steady state (organic Murphree 0.8, product reflux)', () => {
    const spec: CascadeSpec = {
      stages: { extraction: 4, scrub: 3 },
      feed: { flows: { A: 0.5, B: 0.5 }, volume: 1 },
      organic: { volume: 2 },
      scrub: { volume: 1, reflux: 0.1 },
      equilibrium: distribution({ A: 3, B: 1.5 }, { capacity: 0.3 }),
      efficiency: { murphree: 0.8, phase: 'organic' },
    };
    const ss = simulateCascade(spec);
    const r = simulateCascadeDynamics(spec, {
      holdup: { mixer: { residenceTime: 0.05 }, settler: { residenceTime: 0.5 } },
      duration: 300,
      dt: 0.05,
    });
    expect(r.balanceError).toBeLessThanOrEqual(1e-12);
    expect(r.reachedSteadyState).toBe(true);
    r.final.forEach((stage, j) => {
      for (const sp of ['A', 'B']) {
        expect(Math.abs((stage.aqueous[sp] ?? 0) - (ss.profile[j]?.aqueous[sp] ?? 0))).toBeLessThan(1e-9);
        expect(Math.abs((stage.organic[sp] ?? 0) - (ss.profile[j]?.organic[sp] ?? 0))).toBeLessThan(1e-9);
      }
    });
  });
});
