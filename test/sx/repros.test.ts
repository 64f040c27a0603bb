// The review's "SX core" reproducers (/work/shared/repro/, README: main 07577e7; inputs copied into
// test/sx/repro-cases/) as tests of what each should do (the README's "what it should do" column). The
// expected numbers come from the reproducers themselves, from an independent solve ported here
// (capacity-model-independent-solve.mjs) or from hand-derived closed forms; none from the code under test.
// (dynamics-langmuir-not-converged.mjs is tested in test/sx/dynamicsRandom.test.ts.)
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ReesimError } from '../../src/core/errors.js';
import type { CascadeSpec } from '../../src/sx/cascadeSpec.js';
import { type DesignRequest, designCascade } from '../../src/sx/design/designCascade.js';
import { designSeparationTrain } from '../../src/sx/design/separationTrain.js';
import { distribution, separationFactors } from '../../src/sx/equilibrium/equilibrium.js';
import { phDependent } from '../../src/sx/equilibrium/phDependent.js';
import { type CascadeResult, simulateCascade } from '../../src/sx/steady/simulateCascade.js';

const load = <T>(name: string): T =>
  JSON.parse(readFileSync(new URL(`./repro-cases/${name}`, import.meta.url), 'utf8')) as T;

type Flows = Record<string, number>;
const at = (r: Readonly<Flows>, k: string) => r[k] ?? Number.NaN;

/** Input of each species: feed + organic + scrub amounts. */
function inputsOf(spec: CascadeSpec): Flows {
  const input: Flows = {};
  for (const src of [spec.feed.flows, spec.organic.flows ?? {}, spec.scrub?.flows ?? {}])
    for (const [k, v] of Object.entries(src)) input[k] = (input[k] ?? 0) + v;
  return input;
}

/** Species whose outlets (raffinate + product + draws) miss their input by more than 1e-9 of it (or carry any of a species with no input). */
function offBalance(spec: CascadeSpec, r: CascadeResult): string[] {
  const out: string[] = [];
  const input = inputsOf(spec);
  const total = Object.values(input).reduce((a, b) => a + b, 0);
  for (const [k, v] of Object.entries(input)) {
    let leaving = at(r.raffinate.flows, k) + at(r.product.flows, k);
    for (const d of r.draws) leaving += at(d.flows, k);
    // A species named with no input must leave with nothing (to round-off of the total).
    const err = v > 0 ? Math.abs(leaving - v) / v : Math.abs(leaving) / total;
    if (!(err <= (v > 0 ? 1e-9 : 1e-15))) out.push(`${k}: ${err.toExponential(2)} of its input`);
  }
  return out;
}

describe('repro saturated-trace-balance: converged means every species balanced to 1e-9 of its input', () => {
  // saturated-trace-balance.mjs: Pr a trace (1e-9 mol/h in the feed and in the scrub) pushed up by the
  // extraction section (β 1000) and back by the scrub (β 1.5), building up between the sections; 07577e7 gave
  // converged: true with the trace off balance by 5.5e-6 of its input.
  const script: CascadeSpec = {
    stages: { extraction: 20, scrub: 20 },
    feed: { flows: { Pr: 1e-9, Lu: 1000 }, volume: 1000 },
    organic: { volume: 60 / 0.18 },
    scrub: { volume: 1000, flows: { Pr: 1e-9, Lu: 1000 } },
    equilibrium: {
      extraction: separationFactors({ Pr: 1000, Lu: 1 }),
      scrub: separationFactors({ Pr: 1.5, Lu: 1 }),
    },
  };
  const cases: [string, CascadeSpec][] = [
    ['the script’s spec (20 + 20)', script],
    ['trace-balance-min.json (10 + 8)', load<CascadeSpec>('trace-balance-min.json')],
  ];
  for (const [name, spec] of cases) {
    it(`simulateCascade(${name}) converges with Pr and Lu each balanced to 1e-9 of their own input`, () => {
      // Feasible: the organic takes 60 mol/h of the 2,000 entering (the saturated totals stay positive).
      const r = simulateCascade(spec);
      expect(r.converged).toBe(true);
      expect(offBalance(spec, r)).toEqual([]);
      expect(r.balanceError).toBeLessThanOrEqual(1e-9);
    });
  }
});

describe('repro slow-calls: an answer in bounded work', () => {
  it('simulateCascade(slow-saturated-case.json: 18 + 484 stages, 13 species, acid scrub) converges or throws a typed error, within a bounded Newton count', () => {
    // slow-calls.mjs saturated: failed after 13.7 s on 07577e7. Work is recorded as Newton iterations, not
    // time: the continuation in stage count runs ~log2(stages) + 1 <= 10 levels of at most the default 200
    // iterations each, so 2,000 bounds any answer (measured: 47 on b8255e4).
    const spec = load<CascadeSpec>('slow-saturated-case.json');
    let r: CascadeResult | undefined;
    try {
      r = simulateCascade(spec);
    } catch (e) {
      expect(e).toBeInstanceOf(ReesimError);
      return;
    }
    expect(r.iterations).toBeLessThanOrEqual(2000);
    if (r.converged) expect(offBalance(spec, r)).toEqual([]);
  });

  it('designCascade(slow-design-case.json: Pr/La at β 1.01, 99.99 % / 90.01 %) gives a design or a typed error within its default budget of 200 simulations', () => {
    // slow-calls.mjs design: errored after 36 s on 07577e7. designCascade's default maxSimulations is 200.
    const request = load<DesignRequest>('slow-design-case.json');
    let simulations = 0;
    let design: ReturnType<typeof designCascade> | undefined;
    try {
      design = designCascade(request, {
        onProgress: (done) => {
          simulations = done;
        },
      });
    } catch (e) {
      expect(e).toBeInstanceOf(ReesimError);
    }
    expect(simulations).toBeLessThanOrEqual(200);
    if (design) {
      expect(design.simulations).toBeLessThanOrEqual(200);
      expect(design.stages.total).toBe(design.stages.extraction + design.stages.scrub);
    }
  });
});

describe('repro slow-linear-reflux: linear cascade with product reflux, 1,000 stages × 64 species', () => {
  // slow-linear-reflux.mjs 1000 64: 64 species, D = 0.5 + i/64, 1 mol/h each, feed and scrub 64 L/h, organic
  // 64 L/h, reflux 10 mol/h, 500 + 500 stages. 07577e7 took 28.6 s.
  const names = Array.from({ length: 64 }, (_, i) => `S${i}`);
  const D = names.map((_, i) => 0.5 + i / 64);
  const spec: CascadeSpec = {
    stages: { extraction: 500, scrub: 500 },
    feed: { flows: Object.fromEntries(names.map((s) => [s, 1])), volume: 64 },
    organic: { volume: 64 },
    scrub: { volume: 64, reflux: 10 },
    equilibrium: distribution(Object.fromEntries(names.map((s, i) => [s, D[i] as number]))),
    solver: { onNonConvergence: 'flag' },
  };

  /**
   * The loaded organic of one species of a linear cascade (equilibrium stages, constant ε per stage) for a
   * source vector: x_j(1 + ε_j) = x_{j+1} + ε_{j−1}x_{j−1} + s_j, solved by Thomas; loaded = ε_N x_N.
   */
  function loadedBy(eps: number[], source: number[]): number {
    const N = eps.length;
    const b = Float64Array.from(eps, (e) => 1 + e);
    const d = Float64Array.from(source);
    for (let j = 1; j < N; j++) {
      const m = -(eps[j - 1] as number) / (b[j - 1] as number);
      b[j] = (b[j] as number) + m; // c_{j−1} = −1
      d[j] = (d[j] as number) - m * (d[j - 1] as number);
    }
    return ((eps[N - 1] as number) * (d[N - 1] as number)) / (b[N - 1] as number);
  }

  it('simulateCascade(1,000 × 64, reflux 10) is converged or INFEASIBLE, and INFEASIBLE only when no reflux of 10 can be carried', () => {
    // Existence (hand derivation, linear model): with the reflux taking share ρ of the loaded organic (its
    // composition), species i loads L_i(ρ) = L⁰_i / (1 − ρ h_i), L⁰_i its loaded amount without reflux and h_i
    // the share of a unit added to the top aqueous that reaches the loaded organic; the reflux carried,
    // ρ Σ L_i(ρ), rises from 0 to Σ L⁰_i/(1 − h_i) as ρ → 1. A reflux W has a steady state iff
    // W < Σ L⁰_i/(1 − h_i) (computed here by Thomas, apart from src/).
    const N = 1000;
    let most = 0;
    D.forEach((d) => {
      const eps = Array.from({ length: N }, (_, j) => (d * 64) / (j < 500 ? 128 : 64));
      const feed = Array.from({ length: N }, (_, j) => (j === 499 ? 1 : 0));
      const unit = Array.from({ length: N }, (_, j) => (j === N - 1 ? 1 : 0));
      most += loadedBy(eps, feed) / (1 - loadedBy(eps, unit));
    });
    let outcome: string;
    try {
      const r = simulateCascade(spec);
      outcome = r.converged && offBalance(spec, r).length === 0 ? 'converged' : 'not converged';
    } catch (e) {
      outcome = e instanceof ReesimError ? e.code : String(e);
    }
    expect(['converged', 'INFEASIBLE']).toContain(outcome);
    // most ≈ 2e16 mol/h here (the best-extracted species all but never leaves downward): 10 is carried.
    if (outcome === 'INFEASIBLE') expect(most).toBeLessThanOrEqual(10);
  });

  it('simulateCascade(linear, 1 + 1 stages, D = 1, unit volumes, reflux 0.3) gives raffinate 0.92, product 0.08, loaded organic 0.38 (hand solution)', () => {
    // Found while checking the INFEASIBLE above: the smallest case. ε = D·O/A = 1/2 in stage 1 (feed + scrub
    // aqueous, 2 L/h), 1 in stage 2. Balances, with W the reflux returned to stage 2's aqueous:
    //   stage 1: x₂ + 1 = x₁ + y₁, y₁ = x₁/2  → x₁ = (x₂ + 1)/1.5
    //   stage 2: W + y₁ = x₂ + y₂, y₂ = x₂    → x₂ = (W + y₁)/2
    // W = 0.3: x₂ = (0.3 + (x₂ + 1)/3)/2 → x₂ = 0.38 = the loaded organic; x₁ = 0.92 (raffinate); product
    // 0.38 − 0.3 = 0.08. Steady states exist for every W < 0.5 (the reflux carried rises to L⁰/(1 − h) =
    // 0.2/(1 − 0.6) as the reflux share → 1); b8255e4 throws INFEASIBLE for every W above L⁰ = 0.2.
    const r = simulateCascade({
      stages: { extraction: 1, scrub: 1 },
      feed: { flows: { A: 1 }, volume: 1 },
      organic: { volume: 1 },
      scrub: { volume: 1, reflux: 0.3 },
      equilibrium: distribution({ A: 1 }),
    });
    expect(r.raffinate.flows.A).toBeCloseTo(0.92, 12);
    expect(r.product.flows.A).toBeCloseTo(0.08, 12);
    expect(r.loadedOrganic.flows.A).toBeCloseTo(0.38, 12);
  });
});

// ---------------------------------------------------------------------------------------------------------
// capacity-model-not-converged.mjs: the loading-limited (competitive Langmuir) model with product reflux,
// 2 species, 2 + 3 stages; NOT_CONVERGED on 07577e7 at reflux 7 (and 24 % of random cases).

/**
 * The independent solve of capacity-model-independent-solve.mjs, ported: equilibrium stages,
 * y_i = ε_i x_i / (1 + Σ ε_k x_k / (Q·O)), reflux W with the loaded organic's composition; Newton with a
 * numerical Jacobian and halving line search, continuation in W from 3 in steps of 0.05.
 */
function independentCapacitySolve(
  D: readonly [number, number],
  Q: number,
  O: number,
  target: number,
): { product: [number, number]; residual: number } {
  const N = 5;
  const c = 2;
  const feedStage = 2;
  const A = (j: number) => 7 + (j < feedStage ? 7 : 0);
  const feed = [1, 1];
  const g = (j: number, x: number[]) => {
    const eps = D.map((d) => (d * O) / A(j));
    const u = eps.reduce((s, e, i) => s + e * (x[i] as number), 0);
    return x.map((xi, i) => ((eps[i] as number) * xi) / (1 + u / (Q * O)));
  };
  const F = (z: number[], W: number) => {
    const X: number[][] = [];
    for (let j = 0; j < N; j++) X.push(z.slice(j * c, j * c + c).map((v) => Math.max(v, 0)));
    const Y = X.map((x, j) => g(j, x));
    const top = Y[N - 1] as number[];
    const L = top.reduce((a, b) => a + b, 0);
    const R: number[] = [];
    for (let j = 0; j < N; j++)
      for (let i = 0; i < c; i++) {
        let aIn = j + 1 < N ? ((X[j + 1] as number[])[i] as number) : (W * (top[i] as number)) / L;
        const oIn = j > 0 ? ((Y[j - 1] as number[])[i] as number) : 0;
        if (j === feedStage - 1) aIn += feed[i] as number;
        R.push(aIn + oIn - ((X[j] as number[])[i] as number) - ((Y[j] as number[])[i] as number));
      }
    return R;
  };
  const maxAbs = (v: number[]) => v.reduce((m, a) => Math.max(m, Math.abs(a)), 0);
  const solve = (z0: number[], W: number) => {
    let z = z0;
    for (let it = 0; it < 100; it++) {
      const r = F(z, W);
      const nr = maxAbs(r);
      if (nr < 1e-13) return z;
      const n = z.length;
      const M = Array.from({ length: n }, (_, i) => [...new Array<number>(n).fill(0), -(r[i] as number)]);
      for (let k = 0; k < n; k++) {
        const h = 1e-7 * Math.max(1, Math.abs(z[k] as number));
        const z2 = z.slice();
        z2[k] = (z2[k] as number) + h;
        F(z2, W).forEach((v, i) => {
          (M[i] as number[])[k] = (v - (r[i] as number)) / h;
        });
      }
      for (let col = 0; col < n; col++) {
        let p = col;
        for (let q = col + 1; q < n; q++)
          if (Math.abs((M[q] as number[])[col] as number) > Math.abs((M[p] as number[])[col] as number))
            p = q;
        [M[col], M[p]] = [M[p] as number[], M[col] as number[]];
        const pivot = M[col] as number[];
        for (let q = 0; q < n; q++) {
          if (q === col) continue;
          const row = M[q] as number[];
          const f = (row[col] as number) / (pivot[col] as number);
          for (let k = col; k <= n; k++) row[k] = (row[k] as number) - f * (pivot[k] as number);
        }
      }
      const dz = M.map((row, i) => (row[n] as number) / (row[i] as number));
      let a = 1;
      for (let t = 0; t < 30; t++) {
        const zn = z.map((v, i) => Math.max(0, v + a * (dz[i] as number)));
        if (maxAbs(F(zn, W)) < nr) {
          z = zn;
          break;
        }
        a /= 2;
      }
    }
    return z;
  };
  let z = new Array<number>(N * c).fill(1);
  for (let k = 0; 3 + 0.05 * k < target; k++) z = solve(z, 3 + 0.05 * k);
  z = solve(z, target);
  const X: number[][] = [];
  for (let j = 0; j < N; j++) X.push(z.slice(j * c, j * c + c));
  const top = g(N - 1, X[N - 1] as number[]);
  const L = top.reduce((a, b) => a + b, 0);
  return {
    product: [(top[0] as number) * (1 - target / L), (top[1] as number) * (1 - target / L)],
    residual: maxAbs(F(z, target)),
  };
}

describe('repro capacity-model-not-converged: the loading-limited model with product reflux converges', () => {
  const spec = (reflux: number): CascadeSpec => ({
    stages: { extraction: 2, scrub: 3 },
    feed: { flows: { Eu: 1, Gd: 1 }, volume: 7 },
    organic: { volume: 54.33 },
    scrub: { volume: 7, reflux },
    equilibrium: distribution({ Eu: 12.856, Gd: 27.778 }, { capacity: 0.13142 }), // capacity × organic = 7.14
    solver: { onNonConvergence: 'flag' },
  });

  it('simulateCascade(reflux 6.5) gives product Eu 0.03824, Gd 0.5629 (capacity-model-independent-solve.mjs, 4 digits)', () => {
    const r = simulateCascade(spec(6.5));
    expect(r.converged).toBe(true);
    expect(Math.abs(at(r.product.flows, 'Eu') - 0.03824)).toBeLessThanOrEqual(0.000005);
    expect(Math.abs(at(r.product.flows, 'Gd') - 0.5629)).toBeLessThanOrEqual(0.00005);
  });

  for (const reflux of [5, 6.5, 7]) {
    it(`simulateCascade(reflux ${reflux}) converges, balances, and matches the ported independent solve to 1e-9`, () => {
      const r = simulateCascade(spec(reflux));
      expect(r.converged).toBe(true);
      expect(offBalance(spec(reflux), r)).toEqual([]);
      const ind = independentCapacitySolve([12.856, 27.778], 0.13142, 54.33, reflux);
      expect(ind.residual).toBeLessThan(1e-12);
      expect(Math.abs(at(r.product.flows, 'Eu') - ind.product[0])).toBeLessThanOrEqual(1e-9 * ind.product[0]);
      expect(Math.abs(at(r.product.flows, 'Gd') - ind.product[1])).toBeLessThanOrEqual(1e-9 * ind.product[1]);
    });
  }

  it('simulateCascade(capacity-unconv-min.json: reflux 7, unrounded parameters) converges and matches the ported independent solve to 1e-9', () => {
    const s = load<CascadeSpec>('capacity-unconv-min.json');
    const m = s.equilibrium as unknown as { D: { Eu: number; Gd: number }; capacity: number };
    const r = simulateCascade({ ...s, solver: { onNonConvergence: 'flag' } });
    expect(r.converged).toBe(true);
    expect(offBalance(s, r)).toEqual([]);
    const ind = independentCapacitySolve([m.D.Eu, m.D.Gd], m.capacity, s.organic.volume, 7);
    expect(ind.residual).toBeLessThan(1e-12);
    expect(Math.abs(at(r.product.flows, 'Eu') - ind.product[0])).toBeLessThanOrEqual(1e-9 * ind.product[0]);
    expect(Math.abs(at(r.product.flows, 'Gd') - ind.product[1])).toBeLessThanOrEqual(1e-9 * ind.product[1]);
  });
});

// ---------------------------------------------------------------------------------------------------------
// ph-extractant-exhausted.mjs: the pH-dependent model when the extractant runs out: balanced to 1e-9, or
// INFEASIBLE with the reason (07577e7: converged with balanceError 2.6e-3).

/**
 * Independent accounting of a pH-dependent result (the script's): each metal conserved; hydrogen
 * (free H+ + free extractant HA) conserved, since each metal ion bound releases ν H+ and takes ν HA; the
 * extractant (free + ν × bound metal) conserved. Returns what misses 1e-9 of its scale.
 */
function phAccounting(
  spec: CascadeSpec,
  r: CascadeResult,
  protons: Readonly<Record<string, number>>,
): string[] {
  const input = inputsOf(spec);
  const out = (k: string) => at(r.raffinate.flows, k) + at(r.product.flows, k);
  const misses: string[] = [];
  const check = (what: string, a: number, b: number) => {
    if (!(Math.abs(a - b) <= 1e-9 * Math.max(a, b))) misses.push(`${what}: in ${a}, out ${b}`);
  };
  let boundIn = 0;
  let boundOut = 0;
  for (const [k, nu] of Object.entries(protons)) {
    check(k, input[k] ?? 0, out(k));
    boundIn += nu * (spec.organic.flows?.[k] ?? 0);
    boundOut += nu * at(r.product.flows, k);
  }
  check('hydrogen (H+ + free HA)', (input['H+'] ?? 0) + (input.DEHPA ?? 0), out('H+') + out('DEHPA'));
  check('extractant (free + bound)', (input.DEHPA ?? 0) + boundIn, out('DEHPA') + boundOut);
  return misses;
}

/** The pH model's outcome: INFEASIBLE, or converged with the evidence and every accounting balanced to 1e-9. */
function expectBalancedOrInfeasible(spec: CascadeSpec, protons: Record<string, number>): void {
  let r: CascadeResult;
  try {
    r = simulateCascade(spec);
  } catch (e) {
    expect(e).toMatchObject({ code: 'INFEASIBLE' });
    return;
  }
  expect(r.converged).toBe(true);
  expect(r.balanceError).toBeLessThanOrEqual(1e-9);
  expect(phAccounting(spec, r, protons)).toEqual([]);
}

describe('repro ph-extractant-exhausted: balanced to 1e-9 or INFEASIBLE', () => {
  it('simulateCascade(1 metal, 1 stage, half the extractant the metal could bind) is balanced to 1e-9 (evidence and accounting) or INFEASIBLE', () => {
    // The script's spec: A 0.01 mol/h, H+ 0.02, DEHPA 0.015 (binds 0.005 of A at 3 per ion).
    const spec: CascadeSpec = {
      stages: { extraction: 1 },
      feed: { flows: { A: 0.01, 'H+': 0.02 }, volume: 1 },
      organic: { volume: 1, flows: { DEHPA: 0.015 } },
      equilibrium: phDependent({
        metals: { A: { m0: 0.5, m1: 0, B0: 0, B1: 0.05 } },
        proton: 'H+',
        extractant: { species: 'DEHPA', molarMass: 322.431, density: 975.8 },
      }),
    };
    expectBalancedOrInfeasible(spec, { A: 3 });
  });

  it('simulateCascade(ph-case.json: 11 metals, 137 stages, extractant 0.0235 mol/h) is balanced to 1e-9 (evidence and accounting) or INFEASIBLE', () => {
    const spec = load<CascadeSpec>('ph-case.json');
    const metals = (spec.equilibrium as { metals: Record<string, { protons?: number }> }).metals;
    const protons = Object.fromEntries(Object.entries(metals).map(([k, m]) => [k, m.protons ?? 3]));
    expectBalancedOrInfeasible(spec, protons);
  });
});

describe('repro train-infinite-output: finite or a typed error', () => {
  // train-infinite-output.mjs: concentration 1e308 and residence time 1e308 were accepted and gave Infinity.
  for (const [key, options] of [
    ['concentration', { concentration: 1e308 }],
    ['residenceTime', { residenceTime: 1e308 }],
  ] as const) {
    it(`designSeparationTrain({ Pr 0.25, Nd 0.75, purity 0.99, ${key}: 1e308 }) throws OUT_OF_RANGE at designSeparationTrain.${key}`, () => {
      expect(() => designSeparationTrain({ feed: { Pr: 0.25, Nd: 0.75 }, purity: 0.99, ...options })).toThrow(
        expect.objectContaining({ code: 'OUT_OF_RANGE', path: `designSeparationTrain.${key}` }),
      );
    });
  }
});
