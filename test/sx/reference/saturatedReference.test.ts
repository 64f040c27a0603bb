// Checks of the reference saturated-organic cascade solver (the test oracle of saturatedReference.ts)
// against facts that do not involve reesim's solver: species balances, the single-stage closed form, the
// binary worked example of ree-data §3.8a, and the stored 6-element table (sixElement.json).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  referenceSaturatedCascade,
  type SaturatedCascadeInput,
  type SaturatedCascadeResult,
} from './saturatedReference.js';
import {
  SIX_ELEMENT_FEED,
  SIX_ELEMENT_N,
  SIX_ELEMENT_REFLUX,
  SIX_ELEMENT_S,
  SIX_ELEMENT_SPECIES,
  sixElementInput,
} from './sixElementCase.js';

const sum = (r: Readonly<Record<string, number>>) => Object.values(r).reduce((a, b) => a + b, 0);
const at = (r: Readonly<Record<string, number>>, k: string) => r[k] ?? Number.NaN;

/** Every species balances (feed + scrub = raffinate + product), the organic is saturated, all is finite. */
function expectBalanced(input: SaturatedCascadeInput, r: SaturatedCascadeResult): void {
  expect(r.residual).toBeLessThanOrEqual(1e-13);
  for (const k of r.species) {
    const fed = (input.feed[k] ?? 0) + (input.scrub?.flows?.[k] ?? 0);
    const out = at(r.raffinate, k) + at(r.product, k);
    expect(Math.abs(fed - out)).toBeLessThanOrEqual(1e-12 * fed);
  }
  const S = input.loading * input.organicVolume;
  for (const row of r.y) expect(Math.abs(row.reduce((a, b) => a + b, 0) - S)).toBeLessThanOrEqual(1e-12 * S);
  for (const row of [...r.x, ...r.y]) for (const v of row) expect(v >= 0 && Number.isFinite(v)).toBe(true);
  expect(Math.abs(sum(r.product) - (S - (input.scrub?.reflux ?? 0)))).toBeLessThanOrEqual(1e-12 * S);
}

// ree-data §3.8a: β = 2, equimolar feed (1 mol/h), A at 99.9 % in the product, B at 99.99 % in the raffinate;
// scrub control, E′_M = √2. The flows come from the §3.3 balance unrounded: the sheet's rounded W = 1.208,
// S = 1.709 make the net product S − W = 0.501 mol/h > f_A = 0.5, capping its A purity at 0.5/0.501 = 0.998.
const F_PRIME_A = (0.5 - (1 - 0.9999)) / (0.999 - (1 - 0.9999));
const W_38A = F_PRIME_A / (Math.SQRT2 - 1); // 1.2082
const S_38A = (Math.SQRT2 * F_PRIME_A) / (Math.SQRT2 - 1); // 1.7086

function binary(n: number, m: number, W = W_38A, S = S_38A): SaturatedCascadeInput {
  return {
    stages: { extraction: n, scrub: m },
    feed: { A: 0.5, B: 0.5 },
    beta: { A: 2, B: 1 },
    loading: 0.18,
    organicVolume: S / 0.18,
    scrub: { reflux: W },
  };
}

/** Purity of A in the product and of B in the raffinate. */
function purities(r: SaturatedCascadeResult): { A: number; B: number } {
  return { A: at(r.product, 'A') / sum(r.product), B: at(r.raffinate, 'B') / sum(r.raffinate) };
}

describe('reference saturated cascade: balances', () => {
  const cases: [string, SaturatedCascadeInput][] = [
    ['ree-data 3.8a, 25 + 21', binary(25, 21)],
    ['6 elements, 5 + 5', sixElementInput(5)],
    ['6 elements, 14 + 14', sixElementInput(14)],
    [
      'per-section β, scrub amounts, a species only in the scrub, one with no input',
      {
        stages: { extraction: 4, scrub: 3 },
        feed: { A: 0.3, B: 0.5, C: 0.2 },
        beta: { extraction: { A: 3, B: 1.5, C: 1, D: 2, E: 9 }, scrub: { A: 2.5, B: 1.4, C: 1, D: 2, E: 9 } },
        loading: 0.18,
        organicVolume: 0.9 / 0.18,
        scrub: { flows: { A: 0.05, D: 0.01 }, reflux: 0.4 },
      },
    ],
    [
      'no scrub section, reflux entering the feed stage',
      { ...binary(6, 0, 0.3, 0.7), feed: { A: 0.4, B: 0.6 } },
    ],
  ];
  for (const [name, input] of cases) {
    it(`${name}: every species balances to 1e-12, Σy = S in every stage, product = S − W`, () => {
      const r = referenceSaturatedCascade(input);
      expectBalanced(input, r);
    });
  }

  it('a species with no input is absent everywhere', () => {
    const r = referenceSaturatedCascade(cases[3]?.[1] as SaturatedCascadeInput);
    const e = r.species.indexOf('E');
    expect(at(r.product, 'E')).toBe(0);
    expect(at(r.raffinate, 'E')).toBe(0);
    for (const row of [...r.x, ...r.y]) expect(row[e]).toBe(0);
  });
});

describe('reference saturated cascade: one stage against its closed form', () => {
  // One saturated stage with fresh organic S and feed f, no reflux: y_i = S β_i x_i / Σβx and x_i + y_i = f_i.
  // With λ = S / Σβx: x_i = f_i / (1 + λβ_i), y_i = λβ_i x_i, and Σ_i λβ_i f_i / (1 + λβ_i) = S fixes λ > 0.
  // Two species: a λ² + b λ + c = 0 with a = β_Aβ_B (F − S), b = β_A f_A + β_B f_B − S(β_A + β_B), c = −S,
  // one positive root when S < F (taken in the form that avoids cancellation).
  function lambdaBinary(f: [number, number], beta: [number, number], S: number): number {
    const a = beta[0] * beta[1] * (f[0] + f[1] - S);
    const b = beta[0] * f[0] + beta[1] * f[1] - S * (beta[0] + beta[1]);
    const c = -S;
    const root = Math.sqrt(b * b - 4 * a * c);
    return b >= 0 ? (-2 * c) / (b + root) : (-b + root) / (2 * a);
  }
  // Any number of species: the left side increases with λ from 0 to F > S, so bisection finds λ to the last bit.
  function lambdaBisection(f: number[], beta: number[], S: number): number {
    const g = (l: number) =>
      f.reduce((acc, fi, i) => acc + (l * (beta[i] ?? 0) * fi) / (1 + l * (beta[i] ?? 0)), 0);
    let lo = 0;
    let hi = 1;
    while (g(hi) < S) hi *= 2;
    for (let k = 0; k < 2000 && lo < hi; k++) {
      const mid = 0.5 * (lo + hi);
      if (mid === lo || mid === hi) break;
      if (g(mid) < S) lo = mid;
      else hi = mid;
    }
    return 0.5 * (lo + hi);
  }
  function check(f: number[], beta: number[], S: number, lambda: number): void {
    const names = f.map((_, i) => `S${i}`);
    const r = referenceSaturatedCascade({
      stages: { extraction: 1, scrub: 0 },
      feed: Object.fromEntries(names.map((k, i) => [k, f[i] ?? 0])),
      beta: Object.fromEntries(names.map((k, i) => [k, beta[i] ?? 0])),
      loading: 0.18,
      organicVolume: S / 0.18,
    });
    names.forEach((k, i) => {
      const fi = f[i] ?? 0;
      const bi = beta[i] ?? 0;
      const x = fi / (1 + lambda * bi);
      expect(Math.abs(at(r.raffinate, k) - x)).toBeLessThanOrEqual(1e-12 * x);
      expect(Math.abs(at(r.product, k) - lambda * bi * x)).toBeLessThanOrEqual(1e-12 * lambda * bi * x);
    });
  }
  const binaries: [[number, number], [number, number], number][] = [
    [[0.5, 0.5], [2, 1], 0.3],
    [[0.01, 0.99], [240, 1], 0.5],
    [[0.7, 0.3], [1.2, 1], 0.95],
    [[0.3, 0.7], [1000, 1], 0.01],
    [[2, 3], [1, 7], 4.5],
  ];
  for (const [f, beta, S] of binaries) {
    it(`binary f = ${f}, β = ${beta}, S = ${S}: the quadratic's root, to 1e-12`, () => {
      check(f, beta, S, lambdaBinary(f, beta, S));
    });
  }
  it('six species (the light-REE β and feed), S = 0.46: λ by bisection, to 1e-12', () => {
    const f = SIX_ELEMENT_SPECIES.map((k) => SIX_ELEMENT_FEED[k] ?? 0);
    const beta = [1, 5, 10, 15, 120, 240];
    check(f, beta, 0.46, lambdaBisection(f, beta, 0.46));
  });
});

describe('reference saturated cascade: ree-data §3.8a (β = 2, equimolar feed)', () => {
  it('25 + 21 stages meet 99.9 % A in the product and 99.99 % B in the raffinate; 24 + 21 and 25 + 20 do not', () => {
    const p = purities(referenceSaturatedCascade(binary(25, 21)));
    expect(p.A).toBeGreaterThanOrEqual(0.999);
    expect(p.B).toBeGreaterThanOrEqual(0.9999);
    for (const [n, m] of [
      [24, 21],
      [25, 20],
    ] as const) {
      const q = purities(referenceSaturatedCascade(binary(n, m)));
      expect(q.A < 0.999 || q.B < 0.9999).toBe(true);
    }
  });

  it('both purities increase with the stages of either section', () => {
    const path: [number, number][] = [
      [5, 5],
      [10, 8],
      [15, 12],
      [20, 17],
      [24, 20],
      [25, 20],
      [25, 21],
    ];
    const p = path.map(([n, m]) => purities(referenceSaturatedCascade(binary(n, m))));
    for (let k = 1; k < p.length; k++) {
      expect(p[k]?.A).toBeGreaterThan(p[k - 1]?.A ?? 1);
      expect(p[k]?.B).toBeGreaterThan(p[k - 1]?.B ?? 1);
    }
  });

  it("the sheet's rounded flows (W 1.208, S 1.709) cap the product at 0.5/0.501 A", () => {
    const p = purities(referenceSaturatedCascade(binary(25, 21, 1.208, 1.709)));
    expect(p.A).toBeLessThan(0.5 / 0.501);
    expect(p.A).toBeLessThan(0.999);
  });
});

describe('reference saturated cascade: the 6-element table (sixElement.json)', () => {
  const rows = JSON.parse(readFileSync(new URL('./sixElement.json', import.meta.url), 'utf8')) as {
    n: number;
    product: Record<string, number>;
    raffinate: Record<string, number>;
  }[];

  it('has n = 2..14, each row balancing every species to 1e-12 with product = S − W', () => {
    expect(rows.map((r) => r.n)).toEqual(SIX_ELEMENT_N);
    for (const row of rows) {
      for (const k of SIX_ELEMENT_SPECIES) {
        const f = at(SIX_ELEMENT_FEED, k);
        expect(Math.abs(at(row.product, k) + at(row.raffinate, k) - f)).toBeLessThanOrEqual(1e-12 * f);
      }
      expect(Math.abs(sum(row.product) - (SIX_ELEMENT_S - SIX_ELEMENT_REFLUX))).toBeLessThanOrEqual(1e-12);
    }
  });

  it('Sm + Eu purity of the product rises and its Nd falls with every stage pair', () => {
    const purity = rows.map((r) => (at(r.product, 'Sm') + at(r.product, 'Eu')) / sum(r.product));
    const nd = rows.map((r) => at(r.product, 'Nd'));
    for (let k = 1; k < rows.length; k++) {
      expect(purity[k]).toBeGreaterThan(purity[k - 1] ?? 1);
      expect(nd[k]).toBeLessThan(nd[k - 1] ?? 0);
    }
  });

  it('is what the solver gives now (n = 2, 8, 14 re-solved; agreement to 1e-13 of each species feed)', () => {
    for (const n of [2, 8, 14]) {
      const row = rows.find((r) => r.n === n);
      const r = referenceSaturatedCascade(sixElementInput(n));
      for (const k of SIX_ELEMENT_SPECIES) {
        const f = at(SIX_ELEMENT_FEED, k);
        expect(Math.abs(at(r.product, k) - at(row?.product ?? {}, k))).toBeLessThanOrEqual(1e-13 * f);
        expect(Math.abs(at(r.raffinate, k) - at(row?.raffinate ?? {}, k))).toBeLessThanOrEqual(1e-13 * f);
      }
    }
  });
});

describe('reference saturated cascade: refuses rather than guesses', () => {
  it('throws for infeasible flows: organic taking more than feed + reflux, W > S, a scrub section with no aqueous', () => {
    expect(() => referenceSaturatedCascade(binary(3, 2, 0.2, 1.5))).toThrow(/infeasible/);
    expect(() => referenceSaturatedCascade(binary(3, 2, 0.8, 0.5))).toThrow(/W <= S/);
    expect(() => referenceSaturatedCascade(binary(3, 2, 0, 0.3))).toThrow(/infeasible/);
  });

  it('throws when the tolerance cannot be met (tolerance 0)', () => {
    expect(() => referenceSaturatedCascade({ ...binary(3, 2), tolerance: 0 })).toThrow(/reference cascade/);
  });
});
