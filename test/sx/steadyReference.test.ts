// simulateCascade against the independent reference solver (test/sx/reference/saturatedReference.ts: Newton on
// log amounts, dense Jacobian, double-double residuals; shares no code with src/sx) on the 6-element
// light-REE cascade of issue 12 (sixElement.json, n = m = 2..14) and a trace case; and random loading-limited
// (Langmuir) and pH-dependent cascades with 0 silent failures: `converged: true` means every species
// balanced to 1e-9 of its own input (DESIGN.md, SX core v2), computed here from the outlets; anything else
// must be `converged: false` (solver.onNonConvergence 'flag') or a typed ReesimError, never NaN.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ReesimError } from '../../src/core/errors.js';
import type { CascadeSpec } from '../../src/sx/cascadeSpec.js';
import { distribution, separationFactors } from '../../src/sx/equilibrium/equilibrium.js';
import type { PhDependentParams, PhMetal } from '../../src/sx/equilibrium/phDependent.js';
import { phDependent } from '../../src/sx/equilibrium/phDependent.js';
import { type CascadeResult, simulateCascade } from '../../src/sx/steady/simulateCascade.js';
import { referenceSaturatedCascade } from './reference/saturatedReference.js';
import {
  SIX_ELEMENT_FEED,
  SIX_ELEMENT_LOADING,
  SIX_ELEMENT_N,
  SIX_ELEMENT_REFLUX,
  SIX_ELEMENT_S,
  SIX_ELEMENT_SPECIES,
  sixElementInput,
} from './reference/sixElementCase.js';

type Flows = Record<string, number>;
const at = (r: Readonly<Flows>, k: string) => r[k] ?? Number.NaN;

/** Every number a result carries (outlets, stage flows, evidence). */
function numbers(r: CascadeResult): number[] {
  return [
    ...[r.raffinate, r.loadedOrganic, r.product, ...r.draws].flatMap((o) => [
      ...Object.values(o.flows),
      ...Object.values(o.purity),
      o.volume,
    ]),
    ...r.stageFlows.aqueous,
    ...r.stageFlows.organic,
    r.residual,
    r.balanceError,
  ];
}

// ---------------------------------------------------------------------------------------------------------
// The 6-element case (sixElementCase.ts): La Ce Pr Nd Sm Eu, β 1, 5, 10, 15, 120, 240, 1 mol/h feed,
// reflux W = 0.45, S = W + Sm + Eu (a knife-edge Nd/Sm cut), n + n stages.

const BETA = { La: 1, Ce: 5, Pr: 10, Nd: 15, Sm: 120, Eu: 240 };

function sixElement(n: number, organicVolume = SIX_ELEMENT_S / SIX_ELEMENT_LOADING): CascadeResult {
  return simulateCascade({
    stages: { extraction: n, scrub: n },
    feed: { flows: SIX_ELEMENT_FEED, volume: 1 },
    organic: { volume: organicVolume },
    scrub: { volume: 1, reflux: SIX_ELEMENT_REFLUX },
    equilibrium: separationFactors(BETA, { loading: SIX_ELEMENT_LOADING }),
  });
}

describe('simulateCascade against the reference solver: the 6-element cascade (sixElement.json)', () => {
  const rows = JSON.parse(readFileSync(new URL('./reference/sixElement.json', import.meta.url), 'utf8')) as {
    n: number;
    product: Flows;
    raffinate: Flows;
  }[];
  // Tolerance. The cut is knife-edge: where the composition front sits hangs on S − W − (Sm + Eu), so a trace
  // outlet moves with the last bits of S (sixElementCase.ts: one ulp of S moves the Nd in the product by
  // 3e-9 of itself at n = 8 and 4e-4 at n = 14). Two correct double-precision solvers then agree to the
  // solution's sensitivity to a few ulps of S, not to a fixed relative tolerance. Each flow v above 1e-12
  // mol/h (1e-12 of the feed) must agree to 1e-8·v + 16 ulp(S)·|∂v/∂S|, the derivative taken from the
  // reference solver itself (S × (1 + 1e-13), ~450 ulps, well inside the linear range at n <= 13). 16 ulps:
  // forming S = 0.18·O and S − W − Σ f_A costs a few ulps in either solver (3.4 ulps the largest gap seen).
  const ulpS = 2 ** -52 * SIX_ELEMENT_S;
  const h = 1e-13;

  for (const n of SIX_ELEMENT_N) {
    it(`simulateCascade(6 elements, ${n} + ${n} stages) matches the reference to 1e-8 + 16 ulp(S) of sensitivity on every outlet flow above 1e-12 of the feed, and balances`, () => {
      const row = rows.find((x) => x.n === n);
      if (!row) throw new Error(`sixElement.json has no row for n = ${n}`);
      const r = sixElement(n);
      expect(r.converged).toBe(true);
      const bumped = referenceSaturatedCascade({
        ...sixElementInput(n),
        organicVolume: (SIX_ELEMENT_S * (1 + h)) / SIX_ELEMENT_LOADING,
      });
      const misses: string[] = [];
      for (const outlet of ['product', 'raffinate'] as const) {
        for (const k of SIX_ELEMENT_SPECIES) {
          const expected = at(row[outlet], k);
          if (!(expected > 1e-12)) continue;
          const slope = Math.abs(at(bumped[outlet], k) - expected) / (h * SIX_ELEMENT_S);
          const tolerance = 1e-8 * expected + 16 * ulpS * slope;
          const got = at(r[outlet].flows, k);
          if (!(Math.abs(got - expected) <= tolerance))
            misses.push(`${outlet}.${k}: ${got} vs ${expected} (tolerance ${tolerance.toExponential(2)})`);
        }
      }
      expect(misses).toEqual([]);
      for (const k of SIX_ELEMENT_SPECIES) {
        const f = at(SIX_ELEMENT_FEED, k);
        expect(Math.abs(at(r.raffinate.flows, k) + at(r.product.flows, k) - f)).toBeLessThanOrEqual(1e-9 * f);
      }
    });
  }
});

describe('simulateCascade against the reference solver: trace species', () => {
  // The 6-element cascade with two species at 1e-9 mol/h (1e-9 of the feed, ~1e-8 of the majors): "Tb" with
  // β 12 (between Pr and Nd: raffinate side) and "Gd" with β 60 (between Nd and Sm: product side); S includes
  // the Gd trace (S = W + Sm + Eu + 1e-9) so the cut stays knife-edge. Issue 12: a trace balances to 1e-9 of
  // its own input. The reference's own accuracy on a trace is its residual (1e-11 of the species' input
  // here: with trace inputs it cannot reach 1e-13), so outlets are compared to 1e-8 of the trace's input.
  const beta = { ...BETA, Tb: 12, Gd: 60 };
  const feed = { ...SIX_ELEMENT_FEED, Tb: 1e-9, Gd: 1e-9 };
  const organicVolume = (SIX_ELEMENT_S + 1e-9) / SIX_ELEMENT_LOADING;
  for (const n of [4, 8]) {
    it(`simulateCascade(6 elements + 2 traces at 1e-9, ${n} + ${n}) balances each trace to 1e-9 of its input and matches the reference to 1e-8 of it`, () => {
      const r = simulateCascade({
        stages: { extraction: n, scrub: n },
        feed: { flows: feed, volume: 1 },
        organic: { volume: organicVolume },
        scrub: { volume: 1, reflux: SIX_ELEMENT_REFLUX },
        equilibrium: separationFactors(beta, { loading: SIX_ELEMENT_LOADING }),
      });
      const ref = referenceSaturatedCascade({
        stages: { extraction: n, scrub: n },
        feed,
        beta,
        loading: SIX_ELEMENT_LOADING,
        organicVolume,
        scrub: { reflux: SIX_ELEMENT_REFLUX },
        tolerance: 1e-11,
      });
      expect(r.converged).toBe(true);
      for (const k of ['Tb', 'Gd']) {
        const f = at(feed, k);
        expect(Math.abs(at(r.raffinate.flows, k) + at(r.product.flows, k) - f)).toBeLessThanOrEqual(1e-9 * f);
        expect(Math.abs(at(r.raffinate.flows, k) - at(ref.raffinate, k))).toBeLessThanOrEqual(1e-8 * f);
        expect(Math.abs(at(r.product.flows, k) - at(ref.product, k))).toBeLessThanOrEqual(1e-8 * f);
      }
    });
  }
});

// ---------------------------------------------------------------------------------------------------------
// Random loading-limited (competitive Langmuir) cascades: 1-5 species, D 0.05-50, capacity Q with Q·O
// 0.2-5 × the feed, 1-15 stages per section (0-15 scrub), product reflux, Murphree (organic phase; the aqueous phase is
// NOT_SUPPORTED with a capacity), entrainment, pre-loaded organic, random feed stage, an optional side draw.

/** A real uniform on [min, max] (fast-check's double favours tiny magnitudes; this is uniform on the interval). */
const uniform = (min: number, max: number) =>
  fc.integer({ min: 0, max: 2 ** 30 }).map((i) => min + ((max - min) * i) / 2 ** 30);
const logUniform = (min: number, max: number) => uniform(Math.log(min), Math.log(max)).map(Math.exp);

const langmuirArb = fc.record({
  c: fc.integer({ min: 1, max: 5 }),
  logD: fc.array(uniform(Math.log(0.05), Math.log(50)), { minLength: 6, maxLength: 6 }),
  feed: fc.array(logUniform(1e-3, 1), { minLength: 6, maxLength: 6 }),
  capacityShare: logUniform(0.2, 5),
  extraction: fc.integer({ min: 1, max: 15 }),
  scrub: fc.integer({ min: 0, max: 15 }),
  refluxShare: fc.option(uniform(0.01, 0.99)),
  murphree: fc.oneof(fc.constant(1), uniform(0.5, 1)),
  entrainment: fc.option(
    fc.record({ aqueousInOrganic: uniform(0, 0.05), organicInAqueous: uniform(0, 0.05) }),
  ),
  preload: fc.option(uniform(0, 0.3)),
  feedStageShare: fc.option(uniform(0, 0.999)),
  draw: fc.option(
    fc.record({
      at: uniform(0, 1),
      phase: fc.constantFrom('aqueous', 'organic'),
      fraction: uniform(0.05, 0.5),
    }),
  ),
  phaseRatio: logUniform(0.3, 3),
});

function langmuirSpec(a: typeof langmuirArb extends fc.Arbitrary<infer T> ? T : never): CascadeSpec {
  const names = Array.from({ length: a.c }, (_, i) => `M${i}`);
  const feed = Object.fromEntries(names.map((s, i) => [s, a.feed[i] as number]));
  const F = names.reduce((t, s) => t + (feed[s] as number), 0);
  const O = a.phaseRatio;
  const capacity = (a.capacityShare * F) / O; // Q·O = capacityShare × F
  const total = a.extraction + a.scrub;
  return {
    stages: { extraction: a.extraction, scrub: a.scrub },
    feed: {
      flows: feed,
      volume: 1,
      ...(a.feedStageShare === null ? {} : { stage: 1 + Math.floor(a.feedStageShare * total) }),
    },
    organic: {
      volume: O,
      ...(a.preload === null
        ? {}
        : { flows: Object.fromEntries(names.map((s) => [s, ((a.preload as number) * capacity * O) / a.c])) }),
    },
    // A scrub stream always (with scrub stages or a feed above stage 1, the stages above the feed need one).
    scrub: { volume: 0.5, ...(a.refluxShare === null ? {} : { reflux: a.refluxShare * capacity * O }) },
    equilibrium: distribution(Object.fromEntries(names.map((s, i) => [s, Math.exp(a.logD[i] as number)])), {
      capacity,
    }),
    ...(a.murphree < 1 ? { efficiency: { murphree: a.murphree, phase: 'organic' as const } } : {}),
    ...(a.entrainment ? { entrainment: a.entrainment } : {}),
    ...(a.draw && total >= 3
      ? {
          draws: [
            {
              stage: 2 + Math.floor(a.draw.at * (total - 2.000001)),
              phase: a.draw.phase,
              fraction: a.draw.fraction,
            },
          ],
        }
      : {}),
    solver: { onNonConvergence: 'flag' },
  };
}

/** What is wrong with a flagged result: NaN anywhere, or converged with a species off balance (draws count). */
function silentFailures(spec: CascadeSpec, r: CascadeResult): string[] {
  const out: string[] = [];
  if (!numbers(r).every(Number.isFinite)) out.push(`NaN or Infinity (converged ${r.converged})`);
  if (!r.converged) return out;
  const input: Flows = {};
  for (const src of [spec.feed.flows, spec.organic.flows ?? {}, spec.scrub?.flows ?? {}])
    for (const [k, v] of Object.entries(src)) input[k] = (input[k] ?? 0) + v;
  for (const [k, v] of Object.entries(input)) {
    let leaving = at(r.raffinate.flows, k) + at(r.product.flows, k);
    for (const d of r.draws) leaving += at(d.flows, k);
    if (!(Math.abs(leaving - v) <= 1e-9 * v))
      out.push(`converged with ${k} off by ${Math.abs(leaving - v) / v} of its input`);
  }
  return out;
}

describe('simulateCascade on random loading-limited (Langmuir) cascades', () => {
  it('simulateCascade(300 random Langmuir specs, flagged) has 0 silent failures; those without reflux (a steady state always exists) all converge', () => {
    // Without reflux every stage's map sends bounded amounts to bounded amounts (each species at most its
    // input), so a steady state exists (Brouwer); with reflux it may not (W beyond what the organic carries).
    const failures: string[] = [];
    const tally = { converged: 0, flagged: 0, typed: 0 };
    fc.assert(
      fc.property(langmuirArb, (a) => {
        const spec = langmuirSpec(a);
        try {
          const r = simulateCascade(spec);
          const problems = silentFailures(spec, r);
          if (r.converged) tally.converged++;
          else tally.flagged++;
          if (!r.converged && a.refluxShare === null) problems.push('no reflux, yet not converged');
          if (problems.length > 0) failures.push(`${problems.join('; ')}: ${JSON.stringify(a)}`);
        } catch (e) {
          tally.typed++;
          const ok = e instanceof ReesimError && e.code === 'INFEASIBLE' && a.refluxShare !== null;
          if (!ok)
            failures.push(
              `${e instanceof ReesimError ? `${e.code} ${e.path}` : String(e)}: ${JSON.stringify(a)}`,
            );
        }
      }),
      { numRuns: 300, seed: 1212 },
    );
    expect(failures).toEqual([]);
    expect(tally.converged).toBeGreaterThan(200);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Random pH-dependent cascades, in the correlations' range of test/sx/phDependent.test.ts (0.05-1 M acid, 1-10 %
// DEHPA, metals 1e-6-0.02 M, Murphree 0.5-1), with the extractant supply from 0.3× to 3× what the metals
// could bind (below 1×: the extractant can run out; the answer must then be balanced, or INFEASIBLE).

const metalArb: fc.Arbitrary<PhMetal> = fc.oneof(
  fc.record({
    m0: uniform(0.2, 2),
    m1: uniform(-0.05, 0.2),
    B0: uniform(-3, -1),
    B1: uniform(-0.5, 0.5),
    protons: fc.constantFrom(2, 3),
  }),
  fc.record({ D: fc.oneof(fc.constant(0), logUniform(1e-3, 100)), protons: fc.constantFrom(2, 3) }),
);

const phArb = fc.record({
  extraction: fc.integer({ min: 1, max: 12 }),
  scrub: fc.integer({ min: 0, max: 3 }),
  metals: fc.array(fc.tuple(metalArb, logUniform(1e-6, 0.02), fc.option(logUniform(1e-7, 1e-4))), {
    minLength: 1,
    maxLength: 5,
  }),
  acid: uniform(0.05, 1),
  bisulfate: fc.boolean(),
  sulfateShare: uniform(0, 1),
  dosage: uniform(1, 10),
  supply: logUniform(0.3, 3),
  aqueous: uniform(0.5, 2),
  organic: uniform(0.5, 2),
  murphree: fc.oneof(fc.constant(1), uniform(0.5, 1)),
});

describe('simulateCascade on random pH-dependent cascades', () => {
  it('simulateCascade(300 random pH-dependent specs, flagged) has 0 silent failures: converged means metals, protons, extractant and sulfate each conserved to 1e-9', () => {
    const failures: string[] = [];
    const tally = { converged: 0, flagged: 0, infeasible: 0 };
    fc.assert(
      fc.property(phArb, (c) => {
        const metals: Record<string, PhMetal> = {};
        const feed: Flows = {};
        const preload: Flows = {};
        let demand = 0;
        c.metals.forEach(([m, f, y], k) => {
          metals[`M${k}`] = m;
          feed[`M${k}`] = f * c.aqueous;
          if (y !== null) preload[`M${k}`] = y * c.organic;
          demand += m.protons * (f * c.aqueous + (y ?? 0) * c.organic);
        });
        const acid = c.acid * c.aqueous;
        if (c.bisulfate) {
          feed['H+'] = acid * (1 - c.sulfateShare);
          feed['HSO4-'] = acid * c.sulfateShare;
          feed['SO4--'] = 0.1 * acid;
        } else feed['H+'] = acid;
        // Free extractant: the dosage's, or `supply` × what the metals could bind, whichever is less when
        // supply < 1 (so that it can run out), more otherwise.
        const byDosage = (c.dosage / 100) * (975.8 / 322.431) * c.organic;
        const dehpa =
          c.supply < 1 ? Math.min(byDosage, c.supply * demand) : Math.max(byDosage, c.supply * demand);
        const params: PhDependentParams = {
          metals,
          proton: 'H+',
          extractant: { species: 'DEHPA', molarMass: 322.431, density: 975.8 },
          ...(c.bisulfate ? { bisulfate: { hso4: 'HSO4-', so4: 'SO4--', pKa: 1.99 } } : {}),
        };
        const scrubH = 0.2 * c.aqueous * 0.05;
        const spec: CascadeSpec = {
          stages: { extraction: c.extraction, scrub: c.scrub },
          feed: { flows: feed, volume: c.aqueous },
          organic: { volume: c.organic, flows: { ...preload, DEHPA: dehpa } },
          ...(c.scrub > 0 ? { scrub: { volume: 0.2 * c.aqueous, flows: { 'H+': scrubH } } } : {}),
          equilibrium: phDependent(params),
          ...(c.murphree < 1 ? { efficiency: { murphree: c.murphree, phase: 'organic' as const } } : {}),
          solver: { onNonConvergence: 'flag' },
        };
        let r: CascadeResult;
        try {
          r = simulateCascade(spec);
        } catch (e) {
          if (e instanceof ReesimError && e.code === 'INFEASIBLE') tally.infeasible++;
          else
            failures.push(
              `${e instanceof ReesimError ? `${e.code} ${e.path}` : String(e)}: ${JSON.stringify(c)}`,
            );
          return;
        }
        const problems: string[] = [];
        if (!numbers(r).every(Number.isFinite)) problems.push(`NaN or Infinity (converged ${r.converged})`);
        if (r.converged) {
          tally.converged++;
          const raf = r.raffinate.flows;
          const lo = r.loadedOrganic.flows;
          const names = Object.keys(metals);
          const bound = (o: Readonly<Flows>) =>
            names.reduce((t, s) => t + (metals[s] as PhMetal).protons * (o[s] ?? 0), 0);
          const org = spec.organic.flows ?? {};
          const close = (what: string, a: number, b: number, scale: number) => {
            if (!(Math.abs(a - b) <= 1e-9 * scale))
              problems.push(`converged with ${what} off by ${Math.abs(a - b) / scale}`);
          };
          for (const s of names) {
            const input = (feed[s] ?? 0) + (org[s] ?? 0);
            close(s, input, at(raf, s) + at(lo, s), input);
          }
          // H+ released by extraction is bound extractant freed: H + HSO4 − Σν·M_org is conserved (the
          // accounting of phDependent.test.ts); the extractant free + bound likewise.
          const hIn = (feed['H+'] ?? 0) + (feed['HSO4-'] ?? 0) + (c.scrub > 0 ? scrubH : 0) - bound(org);
          const hOut = (raf['H+'] ?? 0) + (raf['HSO4-'] ?? 0) - bound(lo);
          close('hydrogen', hIn, hOut, (feed['H+'] ?? 0) + (feed['HSO4-'] ?? 0) + scrubH + bound(lo));
          close('extractant', dehpa + bound(org), (lo.DEHPA ?? 0) + bound(lo), dehpa + bound(org));
          if (c.bisulfate) {
            const sIn = (feed['HSO4-'] ?? 0) + (feed['SO4--'] ?? 0);
            close('sulfate', sIn, (raf['HSO4-'] ?? 0) + (raf['SO4--'] ?? 0), sIn);
          }
          if (!(r.balanceError <= 1e-9)) problems.push(`converged with balanceError ${r.balanceError}`);
        } else tally.flagged++;
        if (problems.length > 0) failures.push(`${problems.join('; ')}: ${JSON.stringify(c)}`);
      }),
      { numRuns: 300, seed: 1213 },
    );
    expect(failures).toEqual([]);
    expect(tally.converged).toBeGreaterThan(200);
  });
});
