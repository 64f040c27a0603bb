// Xu's counter-current extraction theory (src/sx/xu.ts) against the reference sheet's worked examples
// (ree-data.md §3.4, §3.6, §3.8) and against the balance written out independently here.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ReesimError } from '../../src/core/errors.js';
import {
  controlCriterion,
  minimumFlows,
  optimumReflux,
  refluxRule,
  type XuDesign,
  xuDesign,
} from '../../src/sx/design/xu.js';
import { caught, codeOf, near } from '../helpers.js';

/** |actual − sheet| within half a unit of the sheet's last decimal. */
function sheet(actual: number, value: number, decimals: number): void {
  expect(Math.abs(actual - value)).toBeLessThanOrEqual(0.5 * 10 ** -decimals + 1e-12);
}

// ree-data §3.8a: β = β′ = 2, equimolar aqueous feed, A at 99.9 % (organic), B at 99.99 % (aqueous).
const EXAMPLE_A = { feed: { A: 1, B: 1 }, beta: 2, purity: { organic: 0.999, aqueous: 0.9999 } } as const;
// ree-data §3.8d: β(Nd/Pr) = 1.5, Pr:Nd = 25:75 (A = Nd), 99.9 % Nd (organic) and 99.9 % Pr (aqueous).
const EXAMPLE_D = { feed: { A: 75, B: 25 }, beta: 1.5, purity: { organic: 0.999, aqueous: 0.999 } } as const;

describe('xuDesign', () => {
  it('xuDesign(ree-data §3.8a) reproduces the sheet: scrub control, W 1.208, S 1.709, n 21.1, m+1 19.9', () => {
    const d = xuDesign(EXAMPLE_A);
    expect(d.controllingSection).toBe('scrub'); // f′_B ≈ 0.5 < 0.586
    sheet(d.fPrimeA, 0.5005, 4);
    sheet(d.a, 999, 0);
    sheet(d.b, 9999, 0);
    sheet(d.scrubLoad, 1.208, 3);
    sheet(d.organicLoad, 1.709, 3);
    sheet(d.minimum.S, 1.5, 1);
    sheet(d.extractionRatio.extraction, 0.7738, 4);
    near(d.extractionRatio.scrub, Math.SQRT2); // sheet: E′_M = √2 = 1.414
    sheet(d.shortcut.extraction, 21.1, 1);
    sheet(d.shortcut.mPlusOne, 19.9, 1);
    sheet(d.shortcut.fenske, 23.3, 1);
    sheet(d.criterion, 0.586, 3);
  });

  it('xuDesign(ree-data §3.8a) agrees with the balance written out by hand', () => {
    const d = xuDesign(EXAMPLE_A);
    const fPrimeA = (0.5 - 0.0001) / (0.999 - 0.0001);
    const W = fPrimeA / (Math.SQRT2 - 1); // E′_M = √2 → W = f′_A/(E′_M − 1)
    const S = (Math.SQRT2 * fPrimeA) / (Math.SQRT2 - 1);
    const EM = (Math.SQRT2 * fPrimeA) / (Math.SQRT2 - (1 - fPrimeA)); // E_M = E′_M·f′_A/(E′_M − f′_B)
    near(d.fPrimeA, fPrimeA);
    near(d.scrubLoad, W);
    near(d.organicLoad, S);
    near(d.extractionRatio.extraction, EM);
    near(d.extractionRatio.scrub, Math.SQRT2);
    near(d.a, (0.999 / 0.001) * 1, 1e-12);
    near(d.b, (0.9999 / 0.0001) * 1, 1e-9);
    near(d.shortcut.extraction, Math.log(9999) / Math.log(2 * EM), 1e-9);
    near(d.shortcut.mPlusOne, Math.log(999) / Math.log(2 / Math.SQRT2), 1e-9);
    near(d.shortcut.fenske, Math.log(999 * 9999) / Math.LN2, 1e-12);
    near(d.shortcut.total, d.shortcut.extraction + d.shortcut.mPlusOne);
    near(d.refluxRatio.scrub, 1 / (Math.SQRT2 - 1));
    near(d.recovery.A, (fPrimeA * 0.999) / 0.5);
    expect(d.notes.join(' ')).toContain('scrub-section control');
  });

  it('xuDesign(ree-data §3.8a, control: extraction) throws INFEASIBLE: S = 1.206 < S_min (infinite stages)', () => {
    const e = caught(() => xuDesign({ ...EXAMPLE_A, control: 'extraction' }));
    expect(e.code).toBe('INFEASIBLE');
    expect(e.path).toBe('xuDesign.control');
    expect(e.value).toBe('extraction');
    // S = f′_B/(√2 − 1) = 1.206 (ree-data §3.8a) against S_min = 1.498 at these purities, 1.5 for pure products.
    expect(e.message).toMatch(/S = 1\.206 < S_min = 1\.498 .*\(1\.5 for pure products\).*infinite stages/);
  });

  it('xuDesign(ree-data §3.8a, control: scrub) is the same design as auto', () => {
    expect(xuDesign({ ...EXAMPLE_A, control: 'scrub' }).organicLoad).toBe(xuDesign(EXAMPLE_A).organicLoad);
  });

  it('xuDesign(ree-data §3.8d, Pr/Nd at β 1.5) reproduces the sheet', () => {
    const d = xuDesign(EXAMPLE_D);
    expect(d.controllingSection).toBe('scrub'); // f′_B = 0.250 < 0.551
    // The sheet writes f′_B = 0.250; it is 0.249499..., i.e. 0.2495 (0.249 to three decimals).
    sheet(d.fPrimeB, 0.2495, 4);
    sheet(d.extractionRatio.scrub, 1.2247, 4);
    sheet(d.extractionRatio.extraction, 0.9425, 4);
    sheet(d.scrubLoad, 3.34, 2);
    sheet(d.organicLoad, 4.09, 2);
    sheet(d.minimum.S, 2.75, 2);
    sheet(d.minimum.W, 2.0, 1);
    sheet(d.shortcut.extraction, 23.1, 1);
    sheet(d.shortcut.mPlusOne, 28.6, 1);
    sheet(d.shortcut.fenske, 34.1, 1);
    sheet(d.criterion, 0.551, 3);
  });

  it('xuDesign(ree-data §3.8d at 99.5 % Nd / 99 % Pr) gives the closed forms 16.4 + 20.7', () => {
    const d = xuDesign({ ...EXAMPLE_D, purity: { organic: 0.995, aqueous: 0.99 } });
    sheet(d.shortcut.extraction, 16.4, 1);
    sheet(d.shortcut.mPlusOne, 20.7, 1);
  });

  it('xuDesign picks extraction control for a B-rich feed, with E_M = 1/√β and J_S = 1/(√β − 1)', () => {
    const d = xuDesign({ feed: { A: 0.2, B: 0.8 }, beta: 2, purity: { organic: 0.999, aqueous: 0.999 } });
    expect(d.controllingSection).toBe('extraction'); // f′_B ≈ 0.8 > 0.586
    near(d.extractionRatio.extraction, 1 / Math.SQRT2);
    near(d.refluxRatio.extraction, 1 / (Math.SQRT2 - 1));
    near(d.organicLoad, d.fPrimeB / (Math.SQRT2 - 1));
    expect(
      codeOf(() => xuDesign({ feed: { A: 0.2, B: 0.8 }, beta: 2, purity: d.purity, control: 'scrub' })),
    ).toBe('INFEASIBLE');
  });

  it('xuDesign with the k rule: W = 1/(β^k − 1), ≈ 3.05 at β 1.5 and 1.60 at β 2 (ree-data §3.6)', () => {
    const d = xuDesign({ ...EXAMPLE_D, k: 0.7 });
    sheet(d.scrubLoad, 3.05, 2);
    near(d.scrubLoad, 1 / (1.5 ** 0.7 - 1), 1e-12);
    near(d.organicLoad, d.scrubLoad + d.fPrimeA);
    sheet(xuDesign({ ...EXAMPLE_A, k: 0.7 }).scrubLoad, 1.6, 2);
    expect(d.notes[0]).toContain('reflux rule');
  });

  it('xuDesign with k >= 1 throws INFEASIBLE naming W_min (k = 1 is the minimum-flow limit)', () => {
    for (const k of [1, 1.2, 5]) {
      const e = caught(() => xuDesign({ ...EXAMPLE_A, k }));
      expect(e.code).toBe('INFEASIBLE');
      expect(e.path).toBe('xuDesign.k');
      expect(e.message).toMatch(/W_min = 1\/\(β′ − 1\) = 1 mol per mol feed \(infinite stages\)/);
    }
    expect(codeOf(() => xuDesign({ ...EXAMPLE_A, k: 0 }))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => xuDesign({ ...EXAMPLE_A, k: -0.5 }))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => xuDesign({ ...EXAMPLE_A, k: Number.NaN }))).toBe('NOT_FINITE');
    expect(codeOf(() => xuDesign({ ...EXAMPLE_A, k: 0.7, control: 'scrub' }))).toBe('INFEASIBLE');
  });

  it('xuDesign rejects bad purities, β and feeds with a ReesimError', () => {
    const bad: [unknown, string][] = [
      [{ ...EXAMPLE_A, purity: { organic: 0.5, aqueous: 0.9999 } }, 'OUT_OF_RANGE'],
      [{ ...EXAMPLE_A, purity: { organic: 0.999, aqueous: 1 } }, 'OUT_OF_RANGE'],
      [{ ...EXAMPLE_A, purity: { organic: 0.999 } }, 'INVALID_TYPE'],
      [{ ...EXAMPLE_A, purity: { organic: 0.999, aqueous: 0.9, B: 1 } }, 'UNKNOWN_KEY'],
      [{ ...EXAMPLE_A, beta: 1 }, 'OUT_OF_RANGE'],
      [{ ...EXAMPLE_A, beta: 0.5 }, 'OUT_OF_RANGE'],
      [{ ...EXAMPLE_A, beta: Number.POSITIVE_INFINITY }, 'NOT_FINITE'],
      [{ ...EXAMPLE_A, betaScrub: 1 }, 'OUT_OF_RANGE'],
      [{ ...EXAMPLE_A, feed: { A: -1, B: 1 } }, 'OUT_OF_RANGE'],
      [{ ...EXAMPLE_A, feed: { A: 0, B: 0 } }, 'OUT_OF_RANGE'],
      [{ ...EXAMPLE_A, feed: { A: 1, C: 1 } }, 'UNKNOWN_KEY'],
      [{ ...EXAMPLE_A, control: 'strip' }, 'UNKNOWN_KEY'],
      [{ ...EXAMPLE_A, stages: 3 }, 'UNKNOWN_KEY'],
      // f′_A must be in (0, 1): the feed must lie between the products (1 − P_B < f_A < P_A).
      [{ ...EXAMPLE_A, feed: { A: 0, B: 1 } }, 'INFEASIBLE'],
      [{ ...EXAMPLE_A, feed: { A: 1, B: 0 } }, 'INFEASIBLE'],
      [{ ...EXAMPLE_A, feed: { A: 0.9995, B: 0.0005 } }, 'INFEASIBLE'],
      [null, 'INVALID_TYPE'],
    ];
    for (const [spec, code] of bad) expect(codeOf(() => xuDesign(spec as never))).toBe(code);
  });

  it('balance closes: f′_A·P_A + f′_B·(1 − P_B) = f_A to 1e-12, on random feeds, purities and β', () => {
    const purityArb = fc.double({ min: 0.302, max: 6, noNaN: true }).map((u) => 1 - 10 ** -u);
    fc.assert(
      fc.property(
        fc.double({ min: 0.001, max: 0.999, noNaN: true }),
        purityArb,
        purityArb,
        fc.double({ min: 1.02, max: 10, noNaN: true }),
        (fA, PA, PB, beta) => {
          const spec = { feed: { A: fA, B: 1 - fA }, beta, purity: { organic: PA, aqueous: PB } };
          if (!(fA > 1 - PB && fA < PA)) return codeOf(() => xuDesign(spec)) === 'INFEASIBLE';
          const d = xuDesign(spec);
          expect(Math.abs(d.fPrimeA * PA + d.fPrimeB * (1 - PB) - d.fA)).toBeLessThanOrEqual(1e-12);
          expect(Math.abs(d.fPrimeA + d.fPrimeB - 1)).toBeLessThanOrEqual(1e-12);
          expectConsistent(d);
          return true;
        },
      ),
    );
  });

  it('with β′ ≠ β xuDesign returns a consistent design or throws INFEASIBLE / NOT_SUPPORTED, never NaN', () => {
    const purityArb = fc.double({ min: 0.302, max: 6, noNaN: true }).map((u) => 1 - 10 ** -u);
    fc.assert(
      fc.property(
        fc.double({ min: 0.001, max: 0.999, noNaN: true }),
        purityArb,
        purityArb,
        fc.double({ min: 1.02, max: 10, noNaN: true }),
        fc.double({ min: 1.02, max: 10, noNaN: true }),
        fc.option(fc.double({ min: 0.3, max: 0.95, noNaN: true }), { nil: undefined }),
        (fA, PA, PB, beta, betaScrub, k) => {
          const spec = {
            feed: { A: fA, B: 1 - fA },
            beta,
            betaScrub,
            purity: { organic: PA, aqueous: PB },
            k,
          };
          let d: XuDesign;
          try {
            d = xuDesign(spec);
          } catch (e) {
            return e instanceof ReesimError && ['INFEASIBLE', 'NOT_SUPPORTED'].includes(e.code);
          }
          expectConsistent(d);
          return true;
        },
      ),
    );
  });

  it('the auto choice is the section needing the larger S; at β′ = β that is f′_B ≷ √β/(1 + √β)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.05, max: 0.95, noNaN: true }),
        fc.double({ min: 1.05, max: 5, noNaN: true }),
        (fA, beta) => {
          const purity = { organic: 0.9999, aqueous: 0.9999 };
          const d = xuDesign({ feed: { A: fA, B: 1 - fA }, beta, purity });
          near(d.criterion, controlCriterion(beta), 1e-12);
          const s = Math.sqrt(beta);
          const expected = d.fPrimeB > s / (1 + s) ? 'extraction' : 'scrub';
          expect(d.controllingSection).toBe(expected);
          // The controlling section enriches by exactly √β per stage (ree-data §3.4).
          const enrichment =
            expected === 'scrub' ? beta / d.extractionRatio.scrub : beta * d.extractionRatio.extraction;
          near(enrichment, s, 1e-12);
          // The other control gives a smaller S (so it is the infeasible or the leaner choice).
          const other = expected === 'scrub' ? 'extraction' : 'scrub';
          try {
            expect(
              xuDesign({ feed: { A: fA, B: 1 - fA }, beta, purity, control: other }).organicLoad,
            ).toBeLessThan(d.organicLoad);
          } catch (e) {
            if (!(e instanceof ReesimError)) throw e;
            expect(e.code).toBe('INFEASIBLE');
          }
        },
      ),
    );
  });
});

/** Relations every design must satisfy (ree-data §3.3), checked from the returned numbers. */
function expectConsistent(d: XuDesign): void {
  const numbers = [
    d.fPrimeA,
    d.fPrimeB,
    d.a,
    d.b,
    d.criterion,
    d.organicLoad,
    d.scrubLoad,
    d.minimum.S,
    d.minimum.W,
    d.pinch.S,
    d.pinch.W,
    d.extractionRatio.extraction,
    d.extractionRatio.scrub,
    d.refluxRatio.extraction,
    d.refluxRatio.scrub,
    d.shortcut.extraction,
    d.shortcut.mPlusOne,
    d.shortcut.total,
    d.shortcut.fenske,
    d.recovery.A,
    d.recovery.B,
  ];
  expect(numbers.every(Number.isFinite)).toBe(true);
  near(d.organicLoad - d.scrubLoad, d.fPrimeA, 1e-9);
  near(d.extractionRatio.extraction, d.organicLoad / (d.scrubLoad + 1), 1e-12);
  near(d.extractionRatio.scrub, d.organicLoad / d.scrubLoad, 1e-12);
  expect(d.organicLoad).toBeGreaterThan(d.pinch.S);
  expect(d.scrubLoad).toBeGreaterThan(d.pinch.W);
  // Finite-purity minima never exceed the pure-product ones.
  expect(d.pinch.S).toBeLessThanOrEqual(d.minimum.S * (1 + 1e-12));
  expect(d.pinch.W).toBeLessThanOrEqual(d.minimum.W * (1 + 1e-12));
  expect(d.shortcut.extraction).toBeGreaterThan(0);
  expect(d.shortcut.mPlusOne).toBeGreaterThan(0);
  // Finite reflux needs more stages than total reflux.
  expect(d.shortcut.total).toBeGreaterThan(d.shortcut.fenske);
  expect(d.recovery.A).toBeLessThanOrEqual(1 + 1e-12);
  expect(d.recovery.B).toBeLessThanOrEqual(1 + 1e-12);
}

describe('controlCriterion, optimumReflux, refluxRule', () => {
  it('controlCriterion(β) gives the switch points of ree-data §3.4: 0.523, 0.551, 0.586, 0.634', () => {
    const table: [number, number][] = [
      [1.2, 0.523],
      [1.5, 0.551],
      [2.0, 0.586],
      [3.0, 0.634],
    ];
    for (const [beta, value] of table) {
      sheet(controlCriterion(beta), value, 3);
      near(controlCriterion(beta), Math.sqrt(beta) / (1 + Math.sqrt(beta)));
    }
  });

  it('optimumReflux(β) = 1/(√β − 1): 10.5 (1.2), 5.5 (1.4), 2.4 (2.0), 1.4 (3.0) as in ree-data §3.4', () => {
    const table: [number, number][] = [
      [1.2, 10.5],
      [1.4, 5.5],
      [2.0, 2.4],
      [3.0, 1.4],
    ];
    for (const [beta, value] of table) sheet(optimumReflux(beta), value, 1);
    // The sheet lists 4.5 for β = 1.5; 1/(√1.5 − 1) = 4.4495, which rounds to 4.4.
    expect(optimumReflux(1.5)).toBeCloseTo(4.4495, 4);
    near(optimumReflux(1.5), 1 / (Math.sqrt(1.5) - 1), 1e-12);
  });

  it('refluxRule(β, 0.7): ≈ 3.05 at β 1.5 and 1.60 at β 2 (ree-data §3.6); k = 1 is W_min', () => {
    sheet(refluxRule(1.5, 0.7), 3.05, 2);
    sheet(refluxRule(2, 0.7), 1.6, 2);
    near(refluxRule(1.5, 1), 2, 1e-12);
    expect(codeOf(() => refluxRule(1.5, 0))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => refluxRule(1.5, 1.1))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => refluxRule(1, 0.7))).toBe('OUT_OF_RANGE');
  });
});

describe('minimumFlows', () => {
  it('minimumFlows(f_A, β) = { S: f_A + 1/(β − 1), W: 1/(β − 1) } (ree-data §3.6, §3.8a, §3.8d)', () => {
    expect(minimumFlows(0.5, 2)).toEqual({ S: 1.5, W: 1 });
    const d = minimumFlows(0.75, 1.5);
    near(d.S, 2.75, 1e-12);
    near(d.W, 2, 1e-12);
    near(minimumFlows(0.3, 1.2).S, (1.2 * 0.3 + 0.7) / 0.2, 1e-12);
    near(minimumFlows(0.3, 1.2, { betaScrub: 3 }).W, 0.5, 1e-12);
  });

  it('minimumFlows at finite purities lies below the pure-product values and tends to them', () => {
    const pure = minimumFlows(0.75, 1.5);
    const at3N = minimumFlows(0.75, 1.5, { purity: { organic: 0.999, aqueous: 0.999 } });
    expect(at3N.S).toBeLessThan(pure.S);
    expect(at3N.W).toBeLessThan(pure.W);
    const at9N = minimumFlows(0.75, 1.5, { purity: { organic: 1 - 1e-9, aqueous: 1 - 1e-9 } });
    near(at9N.S, pure.S, 1e-7);
    near(at9N.W, pure.W, 1e-7);
    // xuDesign reports the same numbers.
    const d = xuDesign(EXAMPLE_D);
    near(d.pinch.S, at3N.S, 1e-12);
    near(d.pinch.W, at3N.W, 1e-12);
  });

  it('minimumFlows rejects bad input', () => {
    expect(codeOf(() => minimumFlows(0, 2))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => minimumFlows(1, 2))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => minimumFlows(0.5, 1))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => minimumFlows(0.6, 2, { purity: { organic: 0.55, aqueous: 0.9 } }))).toBe(
      'INFEASIBLE',
    );
    expect(codeOf(() => minimumFlows(0.5, 2, { purity: { organic: 0.45, aqueous: 0.9 } }))).toBe(
      'OUT_OF_RANGE',
    );
    expect(codeOf(() => minimumFlows(0.5, 2, { betaScrub: 2, k: 1 } as never))).toBe('UNKNOWN_KEY');
  });
});
