// designCascade (src/sx/designCascade.ts): Xu's flows, then the smallest stage counts whose stage-wise
// simulation meets both targets. Oracles: the reference sheet's worked examples (ree-data.md §3.8a, §3.8d,
// §2.6), the minimum flows of §3.6, and independent simulateCascade runs of the returned design.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CascadeDesign, type DesignRequest, designCascade } from '../../src/sx/design/designCascade.js';
import { splitAtKeys } from '../../src/sx/design/keyPair.js';
import { searchStages } from '../../src/sx/design/stageSearch.js';
import {
  distribution,
  type SeparationFactorModel,
  separationFactors,
} from '../../src/sx/equilibrium/equilibrium.js';
import { separationFactorModel } from '../../src/sx/equilibrium/extractants.js';
import { simulateCascade } from '../../src/sx/steady/simulateCascade.js';
import { caught, codeOf } from '../helpers.js';

/** |actual − sheet| within half a unit of the sheet's last decimal. */
function sheet(actual: number, value: number, decimals: number): void {
  expect(Math.abs(actual - value)).toBeLessThanOrEqual(0.5 * 10 ** -decimals + 1e-12);
}

/** Purities of the design's cascade re-simulated independently at (n, m), on the group basis. */
function rerun(
  d: CascadeDesign,
  feed: Record<string, number>,
  model: SeparationFactorModel,
  n: number,
  m: number,
) {
  const r = simulateCascade({
    stages: { extraction: n, scrub: m },
    feed: { flows: feed, volume: d.flows.feedVolume },
    organic: { volume: d.flows.organicVolume },
    scrub: { volume: d.flows.scrubVolume, reflux: d.flows.reflux },
    equilibrium: model,
  });
  const sum = (flows: Readonly<Record<string, number>>, names: readonly string[]) =>
    names.reduce((t, s) => t + (flows[s] ?? 0), 0);
  const all = Object.keys(feed);
  return {
    organic: sum(r.product.flows, d.sides.A) / sum(r.product.flows, all),
    aqueous: sum(r.raffinate.flows, d.sides.B) / sum(r.raffinate.flows, all),
  };
}

function meets(p: { organic: number; aqueous: number }, target: { organic: number; aqueous: number }) {
  return p.organic >= target.organic && p.aqueous >= target.aqueous;
}

/** The design meets its targets and neither single-section decrement does (checked by fresh simulations). */
function expectMinimal(
  d: CascadeDesign,
  feed: Record<string, number>,
  model: SeparationFactorModel,
  target: { organic: number; aqueous: number },
): void {
  const { extraction: n, scrub: m } = d.stages;
  expect(meets(rerun(d, feed, model, n, m), target)).toBe(true);
  expect(meets(rerun(d, feed, model, n - 1, m), target)).toBe(false);
  expect(meets(rerun(d, feed, model, n, m - 1), target)).toBe(false);
}

function finiteNumbers(value: unknown, path = 'design'): string[] {
  if (typeof value === 'number') return Number.isFinite(value) ? [] : [path];
  if (Array.isArray(value)) return value.flatMap((v, i) => finiteNumbers(v, `${path}[${i}]`));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => finiteNumbers(v, `${path}.${k}`));
  return [];
}

// ree-data §3.8a: β = β′ = 2, equimolar aqueous feed, A at 99.9 % (organic), B at 99.99 % (aqueous).
const MODEL_A = separationFactors({ A: 2, B: 1 });
const FEED_A = { A: 0.5, B: 0.5 };
const TARGET_A = { organic: 0.999, aqueous: 0.9999 };
const EXAMPLE_A: DesignRequest = { feed: FEED_A, equilibrium: MODEL_A, purity: TARGET_A };

// ree-data §3.8d: P507, β(Nd/Pr) = 1.5, feed Pr:Nd = 25:75 (A = Nd), 99.9 % Nd (organic), 99.9 % Pr (aqueous).
const MODEL_D = separationFactorModel('P507', ['Pr', 'Nd']);
const FEED_D = { Pr: 0.25, Nd: 0.75 };
const TARGET_D = { organic: 0.999, aqueous: 0.999 };

describe('designCascade: worked examples', () => {
  const a = designCascade(EXAMPLE_A);

  it('designCascade(ree-data §3.8a) gives the sheet: scrub control, E_M 0.7738, W 1.208, S 1.709', () => {
    expect(a.controllingSection).toBe('scrub'); // f′_B ≈ 0.5 < √2/(1 + √2) = 0.586
    sheet(a.extractionRatio.extraction, 0.7738, 4);
    sheet(a.extractionRatio.scrub, Math.SQRT2, 12); // E′_M = √2 (scrub control)
    sheet(a.scrubLoad, 1.208, 3);
    sheet(a.organicLoad, 1.709, 3);
    sheet(a.shortcut.minimum.S, 1.5, 4); // S_min = f_A + 1/(β − 1) (§3.6)
    sheet(a.shortcut.minimum.W, 1, 4); // W_min = 1/(β′ − 1)
    sheet(a.shortcut.extraction, 21.1, 1); // closed forms n = 21.1, m + 1 = 19.9
    sheet(a.shortcut.scrub, 19.9, 1);
    sheet(a.shortcut.fenske, 23.3, 1); // ln(999·9999)/ln 2
  });

  it('designCascade(ree-data §3.8a) needs about the published 24 + 21 stages, and no fewer in either section', () => {
    // Published 24 + 21 (ZZS16 via the sheet); stage-wise ≈ 25 + 21. Band: n in 23..27, m in 20..23, and the
    // total within two of the published 45.
    expect(a.stages.extraction).toBeGreaterThanOrEqual(23);
    expect(a.stages.extraction).toBeLessThanOrEqual(27);
    expect(a.stages.scrub).toBeGreaterThanOrEqual(20);
    expect(a.stages.scrub).toBeLessThanOrEqual(23);
    expect(Math.abs(a.stages.total - 45)).toBeLessThanOrEqual(2);
    expect(a.stages.total).toBeGreaterThan(a.shortcut.fenske); // finite reflux needs more than total reflux
    expect(a.simulation.converged).toBe(true);
    expect(a.simulation.balanceError).toBeLessThanOrEqual(1e-9);
    expect(a.purity.organic).toBeGreaterThanOrEqual(TARGET_A.organic);
    expect(a.purity.aqueous).toBeGreaterThanOrEqual(TARGET_A.aqueous);
    expectMinimal(a, FEED_A, MODEL_A, TARGET_A);
  });

  it('designCascade(ree-data §3.8a) carries McCabe–Thiele data at the design flows', () => {
    const { curve, lines, steps } = a.mcCabeThiele;
    expect(curve.extraction.x.length).toBe(curve.extraction.y.length);
    sheet(curve.extraction.y[50] ?? Number.NaN, 2 / 3, 12); // y(0.5) = 2·0.5/(1 + 0.5)
    sheet(lines.feed.x, 0.5, 12); // the lines meet on the feed line x = f_A
    sheet(lines.scrub.slope, 1 / Math.SQRT2, 4); // 1/E′_M
    expect([steps.extraction, steps.scrub]).toEqual([a.stepped.extraction, a.stepped.scrub]);
    expect(a.stepped).toEqual({ extraction: 25, scrub: 21 }); // the sheet's stage-by-stage n ≈ 25, m = 21
  });

  it('designCascade(ree-data §3.8d, Pr/Nd with P507) gives W 3.34, S 4.09, about 26 + 27 stages', () => {
    const d = designCascade({ feed: FEED_D, equilibrium: MODEL_D, purity: TARGET_D });
    expect(d.keys).toEqual({ A: 'Nd', B: 'Pr' });
    expect(d.controllingSection).toBe('scrub'); // f′_B = 0.250 < 0.551
    sheet(d.extractionRatio.scrub, 1.2247, 4);
    sheet(d.extractionRatio.extraction, 0.9425, 4);
    sheet(d.scrubLoad, 3.34, 2);
    sheet(d.organicLoad, 4.09, 2);
    sheet(d.shortcut.minimum.S, 2.75, 2);
    sheet(d.shortcut.minimum.W, 2.0, 1);
    // Sheet: stage-wise n ≈ 26, m ≈ 27, ≈ 53 stages. Band: each within ±3, the total within ±3.
    expect(Math.abs(d.stages.extraction - 26)).toBeLessThanOrEqual(3);
    expect(Math.abs(d.stages.scrub - 27)).toBeLessThanOrEqual(3);
    expect(Math.abs(d.stages.total - 53)).toBeLessThanOrEqual(3);
    expectMinimal(d, FEED_D, MODEL_D, TARGET_D);
    // ree-data §2.6: S = 4.09 at 0.18 M organic -> 22.7 L organic per L of 1.0 M feed, ≈ 3.3 L scrub,
    // O/A ≈ 5 (extraction) and ≈ 7 (scrub).
    expect(Math.abs(d.flows.organicVolume - 22.7)).toBeLessThanOrEqual(0.05);
    expect(Math.abs(d.flows.scrubVolume - 3.3)).toBeLessThanOrEqual(0.05);
    expect(Math.abs(d.flows.phaseRatio.extraction - 5)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(d.flows.phaseRatio.scrub - 7)).toBeLessThanOrEqual(0.5);
    // Reagents (§2.6): 3 mol base per mol RE carried by the organic (S per mol feed), and 3 mol H+ per mol
    // RE stripped from the saturated loaded organic (product + reflux = S).
    sheet(d.reagents.saponificationBase, 3 * 4.09, 1);
    sheet(d.reagents.stripAcid, 3 * 4.09, 1);
    // The net product is f′_A of the feed: (0.75 − 0.001)/(0.999 − 0.001).
    sheet(d.flows.product, 0.749 / 0.998, 9);
  });

  it('designCascade sizes real flows: organic = S·F/loading, scrub at the feed concentration, reflux W·F', () => {
    const F = 120; // mol/h
    const d = designCascade({
      feed: { Pr: 0.25 * F, Nd: 0.75 * F },
      equilibrium: MODEL_D,
      purity: TARGET_D,
      feedVolume: 100, // L/h: 1.2 mol/L
      loading: 0.2,
    });
    sheet(d.flows.organicVolume, (d.organicLoad * F) / 0.2, 9);
    sheet(d.flows.scrubVolume, d.scrubLoad * 100, 9);
    sheet(d.flows.reflux, d.scrubLoad * F, 9);
    sheet(d.flows.product + d.flows.raffinate, F, 6);
    expect(d.purity.organic).toBeGreaterThanOrEqual(0.999);
  });
});

describe('designCascade: multicomponent feeds', () => {
  // A light rare-earth feed cut between Ce and Pr (La, Ce | Pr, Nd), P507 pairs.
  const feed = { La: 0.3, Ce: 0.5, Pr: 0.05, Nd: 0.15 };
  const model = separationFactorModel('P507', ['La', 'Ce', 'Pr', 'Nd']);
  const target = { organic: 0.999, aqueous: 0.999 };

  it('designCascade(4 species, keys Pr/Ce) meets both group purities with every species simulated', () => {
    const d = designCascade({ feed, equilibrium: model, purity: target, keys: { A: 'Pr', B: 'Ce' } });
    expect(d.sides).toEqual({ A: ['Nd', 'Pr'], B: ['Ce', 'La'] });
    expect(d.fA).toBeCloseTo(0.2, 12);
    expect(d.simulation.species.length).toBe(4);
    expect(d.simulation.converged).toBe(true);
    expect(d.simulation.balanceError).toBeLessThanOrEqual(1e-9);
    const p = d.simulation.product.purity;
    const r = d.simulation.raffinate.purity;
    expect((p.Pr ?? 0) + (p.Nd ?? 0)).toBeGreaterThanOrEqual(0.999);
    expect((r.La ?? 0) + (r.Ce ?? 0)).toBeGreaterThanOrEqual(0.999);
    expectMinimal(d, feed, model, target);
  });

  it("designCascade(purityBasis 'keys') meets Pr/(Pr + Ce) and Ce/(Pr + Ce)", () => {
    const d = designCascade({
      feed,
      equilibrium: model,
      purity: target,
      keys: { A: 'Pr', B: 'Ce' },
      purityBasis: 'keys',
    });
    const p = d.simulation.product.flows;
    const r = d.simulation.raffinate.flows;
    expect((p.Pr ?? 0) / ((p.Pr ?? 0) + (p.Ce ?? 0))).toBeGreaterThanOrEqual(0.999);
    expect((r.Ce ?? 0) / ((r.Pr ?? 0) + (r.Ce ?? 0))).toBeGreaterThanOrEqual(0.999);
  });

  it('designCascade(3+ species without keys) asks for them; non-adjacent or reversed keys are INFEASIBLE', () => {
    const e = caught(() => designCascade({ feed, equilibrium: model, purity: target }));
    expect([e.code, e.path]).toEqual(['MISSING', 'designCascade.keys']);
    expect(e.expected).toContain("{ A: 'Pr', B: 'Ce' }");
    const far = caught(() =>
      designCascade({ feed, equilibrium: model, purity: target, keys: { A: 'Nd', B: 'Ce' } }),
    );
    expect([far.code, far.path]).toEqual(['INFEASIBLE', 'designCascade.keys']);
    const back = caught(() => designCascade({ ...EXAMPLE_A, keys: { A: 'B', B: 'A' } }));
    expect([back.code, back.path]).toEqual(['INFEASIBLE', 'designCascade.keys']);
  });

  it('splitAtKeys lumps species at least as extractable as A with A', () => {
    const m = separationFactors({ X: 1, Y: 2, Z: 2, W: 4 });
    const s = splitAtKeys('cut', { X: 1, Y: 1, Z: 1, W: 1 }, m, m, { A: 'Z', B: 'X' });
    expect(new Set(s.sides.A)).toEqual(new Set(['W', 'Y', 'Z'])); // Y ties with Z: A side
    expect(s.sides.B).toEqual(['X']);
    expect(s.fA).toBe(0.75);
  });
});

describe('designCascade: infeasible requests and bad input', () => {
  it('designCascade(control: extraction) on ree-data §3.8a is INFEASIBLE: S = 1.206 < S_min', () => {
    // The sheet: extraction control gives S = 1.206 < S_min = 1.5: infeasible.
    const e = caught(() => designCascade({ ...EXAMPLE_A, control: 'extraction' }));
    expect([e.code, e.path]).toEqual(['INFEASIBLE', 'designCascade.control']);
    expect(e.expected).toContain('S = 1.206');
  });

  it('designCascade(scrubLoad below the minimum) is INFEASIBLE with S and S_min in the message', () => {
    // W = 0.9 -> S = 0.9 + f′_A = 1.4 < S_min ≈ 1.5 (§3.6).
    const e = caught(() => designCascade({ ...EXAMPLE_A, scrubLoad: 0.9 }));
    expect([e.code, e.path]).toEqual(['INFEASIBLE', 'designCascade.scrubLoad']);
    expect(e.expected).toMatch(/S = 1\.4 <= S_min = 1\.49/);
  });

  it('designCascade(scrubLoad above the optimum) uses it and needs fewer stages', () => {
    const base = designCascade(EXAMPLE_A);
    const d = designCascade({ ...EXAMPLE_A, scrubLoad: 1.5 });
    expect(d.scrubLoad).toBe(1.5);
    sheet(d.organicLoad, 1.5 + (0.5 - 0.0001) / (0.999 - 0.0001), 9); // S = W + f′_A
    expect(d.stages.total).toBeLessThan(base.stages.total);
    expectMinimal(d, FEED_A, MODEL_A, TARGET_A);
  });

  it('designCascade(maxStages too small) is INFEASIBLE, never an endless search', () => {
    const e = caught(() => designCascade({ ...EXAMPLE_A, maxStages: { extraction: 10, scrub: 10 } }));
    expect([e.code, e.path]).toEqual(['INFEASIBLE', 'designCascade.maxStages']);
    const s = caught(() => designCascade({ ...EXAMPLE_A, maxSimulations: 2 }));
    expect([s.code, s.path]).toEqual(['NOT_CONVERGED', 'designCascade.maxSimulations']);
  });

  it('searchStages reports a pinch or an unreachable target as INFEASIBLE', () => {
    const limits = { extraction: 50, scrub: 50 };
    const options = { start: { extraction: 5, scrub: 5 }, limits, maxEvaluations: 500, path: 'toy' };
    const flat = caught(() => searchStages(() => ({ margin: -1, value: null }), options));
    expect([flat.code, flat.path]).toEqual(['INFEASIBLE', 'toy.purity']);
    const slow = caught(() =>
      searchStages((n, m) => ({ margin: -5 + 0.01 * (n + m), value: null }), options),
    );
    expect([slow.code, slow.path]).toEqual(['INFEASIBLE', 'toy.purity']);
    const reach = searchStages((n, m) => ({ margin: Math.min(n - 30, m - 40), value: null }), options);
    expect([reach.extraction, reach.scrub]).toEqual([30, 40]);
  });

  it('designCascade(bad input) throws typed errors naming the field', () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [{ feed: { A: -1, B: 1 } }, 'OUT_OF_RANGE', 'designCascade.feed.A'],
      [{ feed: { A: Number.NaN, B: 1 } }, 'NOT_FINITE', 'designCascade.feed.A'],
      [{ feed: { A: 1, B: 0 } }, 'MISSING', 'designCascade.feed'],
      [{ feed: { A: 1, C: 1 } }, 'MISSING', 'designCascade.equilibrium.beta.C'],
      [{ purity: { organic: 1, aqueous: 0.9 } }, 'OUT_OF_RANGE', 'designCascade.purity.organic'],
      [{ purity: { organic: 0.9, aqueous: '0.9' } }, 'INVALID_TYPE', 'designCascade.purity.aqueous'],
      [{ equilibrium: distribution({ A: 2, B: 1 }) }, 'NOT_SUPPORTED', 'designCascade.equilibrium.kind'],
      [{ purityBasis: 'mass' }, 'UNKNOWN_KEY', 'designCascade.purityBasis'],
      [{ maxStages: { extraction: 0 } }, 'OUT_OF_RANGE', 'designCascade.maxStages.extraction'],
      [{ maxStages: { extraction: 6000 } }, 'OUT_OF_RANGE', 'designCascade.maxStages.extraction'],
      [{ feedVolume: 0 }, 'OUT_OF_RANGE', 'designCascade.feedVolume'],
      [{ k: 1.2 }, 'INFEASIBLE', 'designCascade.k'],
      [{ scrubLoad: 1.5, control: 'scrub' }, 'INFEASIBLE', 'designCascade.scrubLoad'],
      [{ colour: 'red' }, 'UNKNOWN_KEY', 'designCascade.colour'],
      [{ feed: { A: 0.9999, B: 0.0001 } }, 'INFEASIBLE', 'designCascade.feed'],
      [
        {
          equilibrium: {
            extraction: MODEL_A,
            scrub: separationFactors({ A: 2, B: 1 }, { loading: 0.3 }),
          },
        },
        'NOT_SUPPORTED',
        'designCascade.equilibrium.scrub.loading',
      ],
    ];
    for (const [change, code, path] of cases) {
      const e = caught(() => designCascade({ ...EXAMPLE_A, ...change } as DesignRequest));
      expect([e.code, e.path], JSON.stringify(change)).toEqual([code, path]);
    }
    expect(codeOf(() => designCascade(null as unknown as DesignRequest))).toBe('INVALID_TYPE');
  });
});

describe('designCascade: property', () => {
  it('designCascade(random β in [1.3, 5], purities 0.95-0.999) returns a converged design meeting both targets', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1.3, max: 5, noNaN: true }),
        fc.double({ min: 0.95, max: 0.999, noNaN: true }),
        fc.double({ min: 0.95, max: 0.999, noNaN: true }),
        fc.double({ min: 0.1, max: 0.9, noNaN: true }),
        (beta, organic, aqueous, fA) => {
          const d = designCascade({
            feed: { A: fA, B: 1 - fA },
            equilibrium: separationFactors({ A: beta, B: 1 }),
            purity: { organic, aqueous },
          });
          expect(d.simulation.converged).toBe(true);
          expect(d.simulation.balanceError).toBeLessThanOrEqual(1e-9);
          expect(d.purity.organic).toBeGreaterThanOrEqual(organic);
          expect(d.purity.aqueous).toBeGreaterThanOrEqual(aqueous);
          expect(d.organicLoad).toBeGreaterThan(d.shortcut.pinch.S);
          expect(d.stages.total).toBeGreaterThanOrEqual(Math.floor(d.shortcut.fenske));
          expect(finiteNumbers({ ...d, simulation: undefined })).toEqual([]);
        },
      ),
      { numRuns: 15 },
    );
  });
});
