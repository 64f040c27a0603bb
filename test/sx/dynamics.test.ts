// The dynamic mixer-settler cascade: its end state is the steady state of simulateCascade (linear, Murphree,
// saturated with product reflux, side draws), the inventory identity holds at every step, one stage follows
// the closed forms of tanks in series, step changes and start-up policies end at the new steady state, bad
// options fail with typed errors. Pre-loaded starts and the start-up metrics: dynamicsStartup.test.ts;
// random cascades of every model: dynamicsRandom.test.ts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CascadeSpec } from '../../src/sx/cascadeSpec.js';
import { normaliseCascade } from '../../src/sx/cascadeSpec.js';
import { xuDesign } from '../../src/sx/design/xu.js';
import {
  type CascadeDynamicsOptions,
  type CascadeDynamicsResult,
  simulateCascadeDynamics,
} from '../../src/sx/dynamics/dynamics.js';
import { advance, emptyState, operatingPoint } from '../../src/sx/dynamics/dynamicsModel.js';
import { splitSaturated } from '../../src/sx/dynamics/mixerSplit.js';
import { distribution, separationFactors } from '../../src/sx/equilibrium/equilibrium.js';
import { type CascadeResult, simulateCascade } from '../../src/sx/steady/simulateCascade.js';
import { codeOf } from '../helpers.js';

const HOLDUP = { mixer: { residenceTime: 0.05 }, settler: { residenceTime: 0.5 } } as const;

/** Largest difference between the dynamic end profile and the steady profile, relative to `scale`. */
function profileGap(r: CascadeDynamicsResult, ss: CascadeResult, scale: number): number {
  let worst = 0;
  r.final.forEach((stage, j) => {
    const s = ss.profile[j];
    for (const sp of ss.species) {
      worst = Math.max(
        worst,
        Math.abs((stage.aqueous[sp] ?? Number.NaN) - (s?.aqueous[sp] ?? Number.NaN)) / scale,
        Math.abs((stage.organic[sp] ?? Number.NaN) - (s?.organic[sp] ?? Number.NaN)) / scale,
      );
    }
  });
  return worst;
}

const linear: CascadeSpec = {
  stages: { extraction: 4, scrub: 3 },
  feed: { flows: { A: 0.5, B: 0.5 }, volume: 1 },
  organic: { volume: 2 },
  scrub: { volume: 1 },
  equilibrium: distribution({ A: 0.85, B: 1.5 }),
};

describe('simulateCascadeDynamics end state = simulateCascade', () => {
  const cases: [string, CascadeSpec][] = [
    ['linear', linear],
    ['linear, organic Murphree 0.7', { ...linear, efficiency: { murphree: 0.7, phase: 'organic' } }],
    ['linear, aqueous Murphree 0.6', { ...linear, efficiency: { murphree: 0.6, phase: 'aqueous' } }],
    ['linear, product reflux 0.3', { ...linear, scrub: { volume: 1, reflux: 0.3 } }],
  ];
  for (const [name, spec] of cases) {
    it(`${name}: the profile after a long run is the steady profile (1e-9 of the feed)`, () => {
      const r = simulateCascadeDynamics(spec, { holdup: HOLDUP, duration: 300, dt: 0.05 });
      const ss = simulateCascade(spec);
      expect(profileGap(r, ss, 1)).toBeLessThanOrEqual(1e-9);
      expect(r.reachedSteadyState).toBe(true);
      expect(r.timeToFlowBand).toBeGreaterThan(0);
      expect(r.timeToFlowBand).toBeLessThan(300);
      expect(r.balanceError).toBeLessThanOrEqual(1e-12);
      const last = r.samples.at(-1);
      expect(last?.time).toBe(300);
      for (const sp of ['A', 'B']) {
        expect(Math.abs((last?.product.flows[sp] ?? 0) - (ss.product.flows[sp] ?? 0))).toBeLessThan(1e-9);
        expect(Math.abs((last?.raffinate.flows[sp] ?? 0) - (ss.raffinate.flows[sp] ?? 0))).toBeLessThan(1e-9);
      }
    });
  }

  it('saturated organic with product reflux (ree-data 3.8d Pr/Nd flows, β = 1.5, 6 + 6 stages): every start-up ends at the steady state', () => {
    // Xu's flows for 3.8d (f_A = 0.75, 99.9 % / 99.9 %): S and W per mol feed; loading 0.18 mol/L. Six stages
    // per section (the design needs ≈ 26 + 26) keep the run short; the steady state still exists.
    const d = xuDesign({ feed: { A: 0.75, B: 0.25 }, beta: 1.5, purity: { organic: 0.999, aqueous: 0.999 } });
    const spec: CascadeSpec = {
      stages: { extraction: 6, scrub: 6 },
      feed: { flows: { A: 0.75, B: 0.25 }, volume: 1 },
      organic: { volume: d.organicLoad / 0.18 },
      scrub: { volume: 1, reflux: d.scrubLoad },
      equilibrium: separationFactors({ A: 1.5, B: 1 }, { loading: 0.18 }),
    };
    const ss = simulateCascade(spec);
    for (const startup of ['empty', 'feed', { kind: 'totalReflux', duration: 50 }] as const) {
      const r = simulateCascadeDynamics(spec, { holdup: HOLDUP, duration: 4000, dt: 0.05, startup });
      expect(profileGap(r, ss, 1)).toBeLessThanOrEqual(1e-9);
      expect(Math.abs((r.samples.at(-1)?.product.purity.A ?? 0) - (ss.product.purity.A ?? 0))).toBeLessThan(
        1e-9,
      );
      expect(r.reachedSteadyState).toBe(true);
      expect(r.balanceError).toBeLessThanOrEqual(1e-9);
      // The saturated organic carries S = loading × O out of every stage at steady state.
      for (const p of r.final) expect((p.organic.A ?? 0) + (p.organic.B ?? 0)).toBeCloseTo(d.organicLoad, 8);
    }
  });
});

describe('simulateCascadeDynamics with side draws (three-outlet cascades)', () => {
  // Three species, A to the raffinate, C to the product, B drawn as a middle product from the scrub's
  // aqueous (stage 5 of 3 + 3); the second case adds an organic draw, a saturated organic with product
  // reflux, Murphree 0.8 and entrainment.
  const threeOutlet: CascadeSpec = {
    stages: { extraction: 3, scrub: 3 },
    feed: { flows: { A: 0.3, B: 0.4, C: 0.3 }, volume: 1 },
    organic: { volume: 2 },
    scrub: { volume: 1 },
    equilibrium: distribution({ A: 0.5, B: 1, C: 2 }),
    draws: [{ stage: 5, phase: 'aqueous', fraction: 0.3 }],
  };
  const saturated: CascadeSpec = {
    ...threeOutlet,
    organic: { volume: 3 },
    scrub: { volume: 1, reflux: 0.2 },
    equilibrium: separationFactors({ A: 1, B: 2, C: 4 }, { loading: 0.2 }),
    draws: [
      { stage: 5, phase: 'aqueous', fraction: 0.3 },
      { stage: 2, phase: 'organic', fraction: 0.2 },
    ],
    entrainment: { aqueousInOrganic: 0.05, organicInAqueous: 0.03 },
    efficiency: { murphree: 0.8, phase: 'organic' },
  };
  for (const [name, spec] of [
    ['linear, aqueous draw in the scrub', threeOutlet],
    ['saturated with reflux, aqueous and organic draws, Murphree, entrainment', saturated],
  ] as const) {
    it(`${name}: every outlet and draw ends at simulateCascade's steady state, and the inventory balances`, () => {
      const r = simulateCascadeDynamics(spec, { holdup: HOLDUP, duration: 400, startup: 'feed' });
      const ss = simulateCascade(spec);
      expect(profileGap(r, ss, 1)).toBeLessThanOrEqual(1e-9);
      const last = r.samples.at(-1);
      expect(last?.draws).toHaveLength(ss.draws.length);
      ss.draws.forEach((d, k) => {
        for (const sp of ss.species)
          expect(Math.abs((last?.draws[k]?.flows[sp] ?? Number.NaN) - (d.flows[sp] ?? 0))).toBeLessThan(
            1e-12,
          );
        expect(last?.draws[k]?.volume).toBeCloseTo(d.volume, 12);
      });
      expect(r.steady?.draws).toHaveLength(ss.draws.length);
      expect(r.balanceError).toBeLessThanOrEqual(1e-12);
      // Cumulative totals count the draws: initial + in − out = held, species by species.
      for (const sp of ss.species) {
        const had = (r.initialInventory[sp] ?? 0) + (r.totalIn[sp] ?? 0);
        expect(Math.abs(had - (r.totalOut[sp] ?? 0) - (r.inventory[sp] ?? 0))).toBeLessThanOrEqual(
          1e-12 * had,
        );
      }
      // At steady state, what leaves (raffinate + product + draws) is what enters.
      const out = (sp: string) =>
        (last?.raffinate.flows[sp] ?? 0) +
        (last?.product.flows[sp] ?? 0) +
        (last?.draws ?? []).reduce((x, d) => x + (d.flows[sp] ?? 0), 0);
      for (const sp of ss.species) expect(out(sp)).toBeCloseTo(spec.feed.flows[sp] ?? 0, 10);
      expect(r.timeToFlowBand).toBeDefined();
    });
  }

  it('total reflux takes no draw: the drawn streams return, nothing leaves', () => {
    const r = simulateCascadeDynamics(threeOutlet, {
      holdup: HOLDUP,
      duration: 5,
      startup: { kind: 'totalReflux', duration: 5 },
    });
    for (const x of r.samples.slice(0, -1)) expect(x.draws[0]?.flows).toEqual({ A: 0, B: 0, C: 0 });
    expect(r.totalOut).toEqual({ A: 0, B: 0, C: 0 });
  });
});

describe('simulateCascadeDynamics with a strip section (a closed organic loop)', () => {
  const d = xuDesign({ feed: { A: 0.75, B: 0.25 }, beta: 1.5, purity: { organic: 0.999, aqueous: 0.999 } });
  const cases: [string, CascadeSpec][] = [
    [
      'linear with reflux from the liquor, D per species in the strip',
      {
        ...linear,
        scrub: { volume: 1, reflux: 0.2 },
        strip: { stages: 3, acid: { amount: 6, volume: 1.5 }, distribution: { A: 0.05, B: 0.3 } },
      },
    ],
    [
      'saturated with reflux (3.8d Pr/Nd flows), default strip D, Murphree and entrainment in the cascade',
      {
        stages: { extraction: 5, scrub: 5 },
        feed: { flows: { A: 0.75, B: 0.25 }, volume: 1 },
        organic: { volume: d.organicLoad / 0.18 },
        scrub: { volume: 1, reflux: d.scrubLoad },
        equilibrium: separationFactors({ A: 1.5, B: 1 }, { loading: 0.18 }),
        efficiency: { murphree: 0.9, phase: 'organic' },
        entrainment: { aqueousInOrganic: 0.01, organicInAqueous: 0.005 },
        strip: { stages: 5, acid: { amount: 40, volume: 4 } },
      },
    ],
  ];
  for (const [name, spec] of cases) {
    it(`${name}: every start-up ends at simulateCascade's steady state, strip stages and liquor included`, () => {
      const ss = simulateCascade(spec);
      const st = ss.strip;
      expect(st).toBeDefined();
      for (const startup of ['empty', 'feed', { kind: 'totalReflux', duration: 40 }] as const) {
        const r = simulateCascadeDynamics(spec, { holdup: HOLDUP, duration: 2000, dt: 0.05, startup });
        expect(profileGap(r, ss, 1)).toBeLessThanOrEqual(1e-9);
        expect(r.strip?.stages).toBe(st?.stages);
        r.strip?.final.aqueous.forEach((v, q) => {
          expect(Math.abs(v - (st?.stageFlows.aqueous[q] as number))).toBeLessThanOrEqual(1e-9);
        });
        r.strip?.final.organic.forEach((v, q) => {
          expect(Math.abs(v - (st?.stageFlows.organic[q] as number))).toBeLessThanOrEqual(1e-9);
        });
        const last = r.samples.at(-1);
        for (const sp of ss.species) {
          // The product is the liquor less the reflux (an aqueous product at the strip acid's volume share).
          expect(
            Math.abs((last?.product.flows[sp] ?? Number.NaN) - (ss.product.flows[sp] ?? 0)),
          ).toBeLessThan(1e-9);
          expect(
            Math.abs((last?.strip?.liquor.flows[sp] ?? Number.NaN) - (st?.liquor.flows[sp] ?? 0)),
          ).toBeLessThan(1e-9);
          expect(
            Math.abs(
              (last?.strip?.strippedOrganic.flows[sp] ?? Number.NaN) - (st?.strippedOrganic.flows[sp] ?? 0),
            ),
          ).toBeLessThan(1e-9);
          // What leaves (raffinate + product) is what the feed brings: the organic only circulates.
          expect((last?.raffinate.flows[sp] ?? 0) + (last?.product.flows[sp] ?? 0)).toBeCloseTo(
            spec.feed.flows[sp] ?? 0,
            9,
          );
          // Cumulative totals: the circulating organic is no input; initial + in − out = held.
          const had = (r.initialInventory[sp] ?? 0) + (r.totalIn[sp] ?? 0);
          expect(Math.abs(had - (r.totalOut[sp] ?? 0) - (r.inventory[sp] ?? 0))).toBeLessThanOrEqual(
            1e-12 * had,
          );
        }
        expect(last?.product.volume).toBeCloseTo(ss.product.volume, 9);
        expect(r.balanceError).toBeLessThanOrEqual(1e-9);
        expect(r.reachedSteadyState).toBe(true);
      }
    });
  }

  it('at total reflux nothing leaves: the liquor returns with the scrub, the raffinate with the stripped organic', () => {
    const spec = cases[0]?.[1] as CascadeSpec;
    const r = simulateCascadeDynamics(spec, {
      holdup: HOLDUP,
      duration: 20,
      startup: { kind: 'totalReflux', duration: 20 },
    });
    expect(r.totalOut).toEqual({ A: 0, B: 0 });
    for (const x of r.samples.slice(0, -1)) expect(x.product.flows).toEqual({ A: 0, B: 0 });
    // The feed fill is all there is; the strip stages now hold part of it.
    for (const sp of ['A', 'B'])
      expect(r.inventory[sp]).toBeCloseTo(r.initialInventory[sp] ?? Number.NaN, 12);
    expect(r.strip?.final.aqueous.some((v) => v > 0)).toBe(true);
  });
});

describe('simulateCascadeDynamics conservation', () => {
  it('inventory + out = initial + in at every step on random cascades (models, Murphree, reflux, start-ups, events)', () => {
    const arb = fc.record({
      extraction: fc.integer({ min: 1, max: 4 }),
      scrub: fc.integer({ min: 0, max: 3 }),
      species: fc.integer({ min: 1, max: 3 }),
      saturated: fc.boolean(),
      murphree: fc.double({ min: 0.3, max: 1, noNaN: true }),
      organic: fc.double({ min: 0.2, max: 5, noNaN: true }),
      reflux: fc.double({ min: 0, max: 0.5, noNaN: true }),
      startup: fc.constantFrom('empty', 'feed', 'totalReflux'),
      eventAt: fc.double({ min: 0, max: 2, noNaN: true }),
      feedScale: fc.oneof(fc.constant(0), fc.double({ min: 0.01, max: 3, noNaN: true })),
    });
    fc.assert(
      fc.property(arb, (a) => {
        const names = ['La', 'Ce', 'Pr'].slice(0, a.species);
        const flows = Object.fromEntries(names.map((s, i) => [s, 1 + i]));
        const feedTotal = Object.values(flows).reduce((x, y) => x + y, 0);
        const spec: CascadeSpec = {
          stages: { extraction: a.extraction, scrub: a.scrub },
          feed: { flows, volume: 1 },
          organic: { volume: a.organic, flows: { [names[0] as string]: 0.1 } },
          scrub: { volume: 0.5, flows: { [names.at(-1) as string]: 0.05 }, reflux: a.reflux },
          equilibrium: a.saturated
            ? separationFactors(Object.fromEntries(names.map((s, i) => [s, 1 + i])), {
                loading: (0.3 * feedTotal) / a.organic,
              })
            : distribution(Object.fromEntries(names.map((s, i) => [s, 0.5 + i]))),
          efficiency: { murphree: a.murphree, phase: 'organic' },
        };
        const refluxEnd = 0.5;
        const duration = 2;
        const newFeed = Object.fromEntries(names.map((s, i) => [s, a.feedScale * (1 + i)]));
        const r = simulateCascadeDynamics(spec, {
          holdup: { mixer: { aqueous: 0.1, organic: 0.1 }, settler: { aqueous: 0.3, organic: 0.4 } },
          duration,
          startup: a.startup === 'totalReflux' ? { kind: 'totalReflux', duration: refluxEnd } : a.startup,
          events: [{ time: a.eventAt, feed: newFeed }],
        });
        // Inputs by hand: piecewise-constant feed (changed at eventAt), organic and scrub species, none
        // during total reflux; the 'feed' fill puts the feed's concentration in every aqueous hold-up.
        const stages = a.extraction + a.scrub;
        const from = a.startup === 'totalReflux' ? refluxEnd : 0;
        const expected = names.map((_, i) => {
          const before = Math.max(0, a.eventAt - from);
          const after = duration - Math.max(from, a.eventAt);
          const organic = i === 0 ? 0.1 : 0;
          const scrub = i === names.length - 1 ? 0.05 : 0;
          const input =
            (1 + i) * before + a.feedScale * (1 + i) * after + (organic + scrub) * (duration - from);
          const initial = a.startup === 'empty' ? 0 : stages * (0.1 + 0.3) * (1 + i);
          return { input, initial };
        });
        // Relative to each species' amount, floored at 1e-12 of everything (a feed of 1e-323 has no digits).
        const all = expected.reduce((x, e) => x + e.input + e.initial, 0);
        const finite = r.samples.every((x) =>
          [x.raffinate, x.product, x.loadedOrganic].every((o) =>
            Object.values(o.flows).every((v) => Number.isFinite(v) && v >= 0),
          ),
        );
        return (
          finite &&
          r.balanceError <= 1e-9 &&
          names.every((s, i) => {
            const { input, initial } = expected[i] as { input: number; initial: number };
            // Marks closer than 1e-9 dt share one instant: an event may move by that much.
            const shift = 1e-9 * r.dt * (1 + i) * (1 + a.feedScale);
            const tol = 1e-9 * Math.max(initial + input, 1e-12 * all) + shift;
            const inventory = r.inventory[s] ?? Number.NaN;
            const out = r.totalOut[s] ?? Number.NaN;
            return (
              Math.abs(inventory + out - initial - input) <= tol &&
              Math.abs((r.totalIn[s] ?? Number.NaN) - input) <= tol
            );
          })
        );
      }),
      { numRuns: 60 },
    );
  });

  it('the per-step balance check fails loudly: a NaN in a tank raises BALANCE_VIOLATION', () => {
    const p = normaliseCascade(linear);
    const v = (x: number) => new Float64Array(p.total).fill(x);
    const op = operatingPoint(p, {
      mixerAqueous: v(0.1),
      mixerOrganic: v(0.1),
      settlerAqueous: v(0.5),
      settlerOrganic: v(0.5),
    });
    const s = emptyState(p.total, 2);
    expect(advance(op, s, 0.01, 10, false)).toBeLessThanOrEqual(1e-12);
    s.mix[3] = Number.NaN;
    expect(codeOf(() => advance(op, s, 0.01, 1, false))).toBe('BALANCE_VIOLATION');
  });
});

describe('simulateCascadeDynamics closed forms: one linear stage started empty', () => {
  // One stage, feed F of A in aqueous volume flow A, organic O, distribution ratio D; mixer hold-ups V_ma,
  // V_mo at equilibrium (C_o = D·C_a). The mixer holds n = C_a (V_ma + D·V_mo) and discharges C_a (A + D·O),
  // so dn/dt = F − n/τ with τ = (V_ma + D·V_mo)/(A + D·O) (hold-up amounts / flow): its aqueous outflow is
  // x_ss (1 − e^(−t/τ)), x_ss = F/(1 + ε), ε = D·O/A. A settler tank (τ_s = V_s/Q) behind it gives
  // x_ss [1 − (τ e^(−t/τ) − τ_s e^(−t/τ_s)) / (τ − τ_s)] (two stirred tanks in series).
  const [F, A, O, D] = [2, 1, 1.5, 0.8];
  const [Vma, Vmo] = [0.3, 0.2];
  const spec: CascadeSpec = {
    stages: { extraction: 1 },
    feed: { flows: { A: F }, volume: A },
    organic: { volume: O },
    equilibrium: distribution({ A: D }),
  };
  const tau = (Vma + D * Vmo) / (A + D * O);
  const eps = (D * O) / A;
  const xss = F / (1 + eps);
  const yss = eps * xss;
  const series = (t: number, ts: number) =>
    1 - (tau * Math.exp(-t / tau) - ts * Math.exp(-t / ts)) / (tau - ts);

  it('with a negligible settler, the raffinate and loaded organic rise as 1 − exp(−t/τ)', () => {
    const r = simulateCascadeDynamics(spec, {
      holdup: { mixer: { aqueous: Vma, organic: Vmo }, settler: { aqueous: 1e-4, organic: 1e-4 } },
      duration: 1,
      sampleEvery: 0.1,
    });
    expect(tau).toBeCloseTo(0.46 / 2.2, 15);
    for (const x of r.samples) {
      const shape = 1 - Math.exp(-x.time / tau);
      // Settler lag ≈ τ_s/τ ≈ 5e-4 of the step.
      expect(Math.abs((x.raffinate.flows.A ?? 0) - xss * shape)).toBeLessThan(1e-3 * xss);
      expect(Math.abs((x.loadedOrganic.flows.A ?? 0) - yss * shape)).toBeLessThan(1e-3 * yss);
    }
  });

  it('with settlers, the outlets follow two tanks in series', () => {
    const [Vsa, Vso] = [0.1, 0.45];
    const r = simulateCascadeDynamics(spec, {
      holdup: { mixer: { aqueous: Vma, organic: Vmo }, settler: { aqueous: Vsa, organic: Vso } },
      duration: 1.5,
      sampleEvery: 0.1,
      dt: 1e-5,
    });
    expect(r.samples).toHaveLength(16);
    for (const x of r.samples) {
      // Forward Euler's error is O(dt/τ) ≈ 1e-4 of the step.
      expect(Math.abs((x.raffinate.flows.A ?? 0) - xss * series(x.time, Vsa / A))).toBeLessThan(2e-4 * xss);
      expect(Math.abs((x.loadedOrganic.flows.A ?? 0) - yss * series(x.time, Vso / O))).toBeLessThan(
        2e-4 * yss,
      );
    }
  });
});

describe('simulateCascadeDynamics step changes and start-up', () => {
  const run = (spec: CascadeSpec, options: Partial<CascadeDynamicsOptions>) =>
    simulateCascadeDynamics(spec, { holdup: HOLDUP, duration: 400, sampleEvery: 5, dt: 0.05, ...options });

  it('after a feed step the cascade settles at the steady state of the new feed', () => {
    const newFeed = { A: 0.8, B: 0.2 };
    const r = run(linear, { events: [{ time: 150, feed: newFeed }] });
    const before = simulateCascade(linear);
    const after = simulateCascade({ ...linear, feed: { flows: newFeed, volume: 1 } });
    const at150 = r.samples.find((x) => x.time === 150);
    expect(Math.abs((at150?.product.flows.A ?? 0) - (before.product.flows.A ?? 0))).toBeLessThan(1e-9);
    expect(profileGap(r, after, 1)).toBeLessThanOrEqual(1e-9);
    expect(r.steady?.product.flows.A).toBeCloseTo(after.product.flows.A ?? Number.NaN, 12);
    expect(r.timeToFlowBand).toBeGreaterThan(150);
  });

  it('organic volume and reflux steps change the extraction factors and end at the new steady state', () => {
    const o = run(linear, { events: [{ time: 100, organicVolume: 3 }], dt: 0.02 });
    expect(profileGap(o, simulateCascade({ ...linear, organic: { volume: 3 } }), 1)).toBeLessThanOrEqual(
      1e-9,
    );
    const refluxed: CascadeSpec = { ...linear, scrub: { volume: 1, reflux: 0.3 } };
    const w = run(refluxed, { events: [{ time: 100, reflux: 0.1, scrubVolume: 1.5 }], dt: 0.02 });
    const target = simulateCascade({ ...linear, scrub: { volume: 1.5, reflux: 0.1 } });
    expect(profileGap(w, target, 1)).toBeLessThanOrEqual(1e-9);
  });

  it('empty, feed-filled and total-reflux start-ups reach the same steady state', () => {
    const ss = simulateCascade(linear);
    for (const startup of ['empty', 'feed', { kind: 'totalReflux', duration: 40 }] as const) {
      const r = run(linear, { startup });
      expect(profileGap(r, ss, 1)).toBeLessThanOrEqual(1e-9);
      expect(r.reachedSteadyState).toBe(true);
    }
  });

  it('total reflux keeps the feed-filled inventory, sends out no product, then switches to normal operation', () => {
    // Feed fill: every aqueous hold-up at the feed's concentration (0.5 per unit volume of each species).
    // Aqueous flows: 2 below the feed (feed 1 + scrub 1, stages 1-4), 1 in the scrub section (stages 5-7);
    // hold-ups 0.05 × flow (mixer) + 0.5 × flow (settler), so the inventory is 0.5 · 0.55 · (4·2 + 3·1).
    const closed = run(linear, {
      startup: { kind: 'totalReflux', duration: 10 },
      duration: 10,
      sampleEvery: 1,
    });
    expect(closed.inventory.A).toBeCloseTo(0.5 * 0.55 * 11, 12);
    expect(closed.inventory.B).toBeCloseTo(0.5 * 0.55 * 11, 12);
    expect(closed.totalIn).toEqual({ A: 0, B: 0 });
    expect(closed.totalOut).toEqual({ A: 0, B: 0 });
    for (const x of closed.samples.slice(0, -1)) {
      expect(x.operation).toBe('totalReflux');
      expect(x.product.flows).toEqual({ A: 0, B: 0 });
    }
    expect(closed.reachedSteadyState).toBe(false);
    expect(closed.timeToFlowBand).toBeUndefined();
    const switched = run(linear, { startup: { kind: 'totalReflux', duration: 10 } });
    expect(switched.samples.find((x) => x.time === 10)?.operation).toBe('normal');
    expect(switched.timeToFlowBand).toBeGreaterThan(10);
  });

  it('a steady state the saturated model cannot reach is reported, not invented', () => {
    // Organic capacity 10 × the feed: no saturated steady state (simulateCascade: INFEASIBLE).
    const r = simulateCascadeDynamics(
      {
        stages: { extraction: 3 },
        feed: { flows: { A: 0.5, B: 0.5 }, volume: 1 },
        organic: { volume: 10 / 0.18 },
        equilibrium: separationFactors({ A: 2, B: 1 }),
      },
      { holdup: HOLDUP, duration: 5 },
    );
    expect(r.steady).toBeUndefined();
    expect(r.steadyIssue).toMatch(/organic/);
    expect(r.reachedSteadyState).toBe(false);
    // The organic takes everything: nothing leaves in the raffinate.
    expect(r.samples.at(-1)?.raffinate.flows).toEqual({ A: 0, B: 0 });
    expect(r.balanceError).toBeLessThanOrEqual(1e-9);
  });
});

describe('the saturated mixer split', () => {
  it('solves a + Kβa/Σβa = n (the saturated organic), or gives the organic everything', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 10, noNaN: true }), { minLength: 1, maxLength: 6 }),
        fc.array(fc.double({ min: 0.1, max: 20, noNaN: true }), { minLength: 6, maxLength: 6 }),
        fc.double({ min: 0.01, max: 30, noNaN: true }),
        (n, b, K) => {
          const c = n.length;
          const beta = Float64Array.from(b.slice(0, c));
          const content = Float64Array.from(n);
          const share = new Float64Array(c);
          splitSaturated(content, 0, c, beta, K, new Float64Array(1), 0, share);
          const total = n.reduce((x, y) => x + y, 0);
          if (total <= K) return share.every((r) => r === 0);
          const a = Float64Array.from(n, (x, i) => x * (share[i] as number));
          const sba = a.reduce((s, x, i) => s + (beta[i] as number) * x, 0);
          return n.every(
            (x, i) =>
              Math.abs((a[i] as number) + (K * (beta[i] as number) * (a[i] as number)) / sba - x) <=
              1e-11 * total,
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('simulateCascadeDynamics input checks', () => {
  const ok: CascadeDynamicsOptions = { holdup: HOLDUP, duration: 1 };
  const error = (spec: CascadeSpec, options: unknown) => {
    try {
      simulateCascadeDynamics(spec, options as CascadeDynamicsOptions);
    } catch (e) {
      return e as { code: string; path: string };
    }
    return undefined;
  };
  it.each([
    [{ ...ok, holdup: undefined }, 'INVALID_TYPE', 'options.holdup'],
    [
      { ...ok, holdup: { mixer: { residenceTime: 0 }, settler: HOLDUP.settler } },
      'OUT_OF_RANGE',
      'options.holdup.mixer.residenceTime',
    ],
    [
      { ...ok, holdup: { mixer: { aqueous: 1 }, settler: HOLDUP.settler } },
      'INVALID_TYPE',
      'options.holdup.mixer.organic',
    ],
    [{ ...ok, holdup: { ...HOLDUP, tanks: 2 } }, 'UNKNOWN_KEY', 'options.holdup.tanks'],
    [{ ...ok, duration: -1 }, 'OUT_OF_RANGE', 'options.duration'],
    [{ ...ok, duration: Number.NaN }, 'NOT_FINITE', 'options.duration'],
    [{ ...ok, dt: 0.06 }, 'OUT_OF_RANGE', 'options.dt'],
    [{ ...ok, sampleEvery: 1e-7 }, 'OUT_OF_RANGE', 'options.sampleEvery'],
    [{ ...ok, tolerance: 1 }, 'OUT_OF_RANGE', 'options.tolerance'],
    [{ ...ok, startup: 'hot' }, 'UNKNOWN_KEY', 'options.startup'],
    [{ ...ok, startup: { kind: 'totalReflux', duration: 0 } }, 'OUT_OF_RANGE', 'options.startup.duration'],
    [{ ...ok, events: {} }, 'INVALID_TYPE', 'options.events'],
    [{ ...ok, events: [{ time: 2 }] }, 'OUT_OF_RANGE', 'options.events[0].time'],
    [{ ...ok, events: [{ time: 0.5 }, { time: 0.2 }] }, 'OUT_OF_RANGE', 'options.events[1].time'],
    [{ ...ok, events: [{ time: 0.5, feed: { X: 1 } }] }, 'UNKNOWN_KEY', 'options.events[0].feed.X'],
    [{ ...ok, events: [{ time: 0.5, feed: { A: -1 } }] }, 'OUT_OF_RANGE', 'options.events[0].feed.A'],
    [{ ...ok, events: [{ time: 0.5, organicVolume: 0 }] }, 'OUT_OF_RANGE', 'options.events[0].organicVolume'],
    [{ ...ok, events: [{ time: 0.5, pH: 2 }] }, 'UNKNOWN_KEY', 'options.events[0].pH'],
    [{ ...ok, speed: 2 }, 'UNKNOWN_KEY', 'options.speed'],
    [
      { ...ok, startup: { kind: 'preloaded', inventory: { X: 1 } } },
      'UNKNOWN_KEY',
      'options.startup.inventory.X',
    ],
    [
      { ...ok, startup: { kind: 'preloaded', inventory: { A: -1 } } },
      'OUT_OF_RANGE',
      'options.startup.inventory.A',
    ],
    [{ ...ok, startup: { kind: 'preloaded', duration: 1 } }, 'UNKNOWN_KEY', 'options.startup.duration'],
    [{ ...ok, spec: { product: 1.2 } }, 'OUT_OF_RANGE', 'options.spec.product'],
    [{ ...ok, spec: { product: { A: 0.9, B: 0.9 } } }, 'INVALID_TYPE', 'options.spec.product'],
    [{ ...ok, spec: { raffinate: { X: 0.9 } } }, 'UNKNOWN_KEY', 'options.spec.raffinate.X'],
    [{ ...ok, spec: { draws: [0.9] } }, 'OUT_OF_RANGE', 'options.spec.draws'],
    [{ ...ok, spec: { strip: 0.9 } }, 'UNKNOWN_KEY', 'options.spec.strip'],
    [{ ...ok, impurityWithin: 0 }, 'OUT_OF_RANGE', 'options.impurityWithin'],
    [{ ...ok, impurityWithin: 2 }, 'OUT_OF_RANGE', 'options.impurityWithin'],
  ])('simulateCascadeDynamics(spec, %j) throws %s at %s', (options, code, path) => {
    expect(error(linear, options)).toMatchObject({ code, path });
  });

  it('rejects a reflux event without a scrub stream, a bad spec, and models other than the two it simulates', () => {
    const noScrub: CascadeSpec = { ...linear, stages: { extraction: 3 }, scrub: undefined };
    expect(error(noScrub, { ...ok, events: [{ time: 0.5, reflux: 0.1 }] })).toMatchObject({
      code: 'MISSING',
      path: 'options.events[0].scrubVolume',
    });
    expect(error({ ...linear, stages: { extraction: 0 } }, ok)).toMatchObject({
      code: 'OUT_OF_RANGE',
      path: 'cascade.stages.extraction',
    });
    for (const kind of ['phDependent', 'langmuir']) {
      const model = { kind, extractant: 'D2EHPA' } as unknown as ReturnType<typeof distribution>;
      expect(error({ ...linear, equilibrium: model }, ok)).toMatchObject({
        code: 'NOT_SUPPORTED',
        path: 'cascade.equilibrium.kind',
      });
      expect(
        error({ ...linear, equilibrium: { extraction: distribution({ A: 1, B: 1 }), scrub: model } }, ok),
      ).toMatchObject({ code: 'NOT_SUPPORTED', path: 'cascade.equilibrium.scrub.kind' });
    }
  });
});
