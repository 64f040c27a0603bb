// McCabe–Thiele data for Xu's two-component cascade (src/sx/mccabeThiele.ts): the operating lines of
// ree-data §3.3 meet on the feed line, total reflux steps off Fenske's count, and the stage-by-stage
// counts of the worked examples of ree-data §3.8.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fenskeStages } from '../../src/sx/design/closedForms.js';
import {
  equilibriumCurve,
  type McCabeThieleDesign,
  operatingLines,
  stageSteps,
} from '../../src/sx/design/mccabeThiele.js';
import { xuDesign } from '../../src/sx/design/xu.js';
import { codeOf, near } from '../helpers.js';

const eq = (beta: number, x: number): number => (beta * x) / (1 + (beta - 1) * x);

// ree-data §3.8a and §3.8d (see test/sx/xu.test.ts).
const EXAMPLE_A = xuDesign({ feed: { A: 1, B: 1 }, beta: 2, purity: { organic: 0.999, aqueous: 0.9999 } });
const EXAMPLE_D = xuDesign({ feed: { A: 75, B: 25 }, beta: 1.5, purity: { organic: 0.999, aqueous: 0.999 } });

/** A random feasible Xu design (auto control, β′ = β). */
const designArb = fc
  .record({
    fA: fc.double({ min: 0.05, max: 0.95, noNaN: true }),
    beta: fc.double({ min: 1.1, max: 4, noNaN: true }),
    uA: fc.double({ min: 1.5, max: 4, noNaN: true }),
    uB: fc.double({ min: 1.5, max: 4, noNaN: true }),
  })
  .map(({ fA, beta, uA, uB }) =>
    xuDesign({
      feed: { A: fA, B: 1 - fA },
      beta,
      purity: { organic: 1 - 10 ** -uA, aqueous: 1 - 10 ** -uB },
    }),
  );

describe('equilibriumCurve', () => {
  it('equilibriumCurve(β, n) samples y = βx/(1 + (β − 1)x) from 0 to 1, above the diagonal', () => {
    const c = equilibriumCurve(1.5, 11);
    expect(c.x).toHaveLength(11);
    expect(c.x[0]).toBe(0);
    expect(c.x[10]).toBe(1);
    expect(c.y[0]).toBe(0);
    expect(c.y[10]).toBe(1);
    c.x.forEach((x, i) => {
      near(c.y[i], eq(1.5, x), 1e-15);
      expect(c.y[i]).toBeGreaterThanOrEqual(x);
    });
    expect(equilibriumCurve(2).x).toHaveLength(101);
    expect(codeOf(() => equilibriumCurve(2, 1))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => equilibriumCurve(1, 5))).toBe('OUT_OF_RANGE');
  });
});

describe('operatingLines', () => {
  it('the operating lines meet on the feed line x = f_A and end on the diagonal at x_R and P_A', () => {
    fc.assert(
      fc.property(designArb, fc.double({ min: 0.5, max: 3, noNaN: true }), (d, factor) => {
        // Any scrub flow, not only the optimum: the intersection is a consequence of the balance alone.
        const l = operatingLines({ ...d, scrubLoad: d.scrubLoad * factor });
        const x = (l.scrub.intercept - l.extraction.intercept) / (l.extraction.slope - l.scrub.slope);
        expect(Math.abs(x - d.fA)).toBeLessThanOrEqual(1e-9);
        near(l.feed.x, d.fA, 1e-15);
        const xR = 1 - d.purity.aqueous;
        const PA = d.purity.organic;
        expect(Math.abs(l.extraction.slope * xR + l.extraction.intercept - xR)).toBeLessThanOrEqual(1e-12);
        expect(Math.abs(l.scrub.slope * PA + l.scrub.intercept - PA)).toBeLessThanOrEqual(1e-12);
        expect(Math.abs(l.extraction.slope * d.fA + l.extraction.intercept - l.feed.y)).toBeLessThanOrEqual(
          1e-12,
        );
      }),
    );
  });

  it('the slopes are 1/E_M and 1/E′_M of the design (ree-data §3.3)', () => {
    const l = operatingLines(EXAMPLE_A);
    near(l.extraction.slope, 1 / EXAMPLE_A.extractionRatio.extraction, 1e-12);
    near(l.scrub.slope, 1 / EXAMPLE_A.extractionRatio.scrub, 1e-12);
    near(l.scrub.intercept, (EXAMPLE_A.fPrimeA * 0.999) / EXAMPLE_A.organicLoad, 1e-12);
    near(-l.extraction.intercept, (EXAMPLE_A.fPrimeB * 0.0001) / EXAMPLE_A.organicLoad, 1e-9);
  });

  it("at xuDesign's pinch W the lines meet on the equilibrium curve (the minimum flow of ree-data §3.6)", () => {
    fc.assert(
      fc.property(designArb, (d) => {
        fc.pre(d.pinch.W > 0);
        const l = operatingLines({ ...d, scrubLoad: d.pinch.W });
        near(l.feed.y, eq(d.beta, d.fA), 1e-9);
      }),
    );
  });
});

describe('stageSteps', () => {
  it("stageSteps(ree-data §3.8a) gives the sheet's stage-by-stage n = 25, m = 21 (published 24 + 21)", () => {
    const s = stageSteps(EXAMPLE_A);
    expect(s.extraction).toBe(25);
    expect(s.scrub).toBe(21);
    expect(s.stages).toBe(46);
    expect(s.feedStage).toBe(25);
    // "10–20 % more extraction stages than the log formula" (ree-data §3.5): 25 vs 21.1.
    const ratio = s.extraction / EXAMPLE_A.shortcut.extraction;
    expect(ratio).toBeGreaterThan(1.1);
    expect(ratio).toBeLessThan(1.2);
  });

  it('stageSteps(ree-data §3.8d) gives ≈ 26 + 27 ≈ 53 stages (here 26 + 26 = 52)', () => {
    const s = stageSteps(EXAMPLE_D);
    expect(Math.abs(s.extraction - 26)).toBeLessThanOrEqual(1);
    expect(Math.abs(s.scrub - 27)).toBeLessThanOrEqual(1);
    expect(Math.abs(s.stages - 53)).toBeLessThanOrEqual(1);
    const low = xuDesign({ feed: { A: 75, B: 25 }, beta: 1.5, purity: { organic: 0.995, aqueous: 0.99 } });
    const t = stageSteps(low); // sheet: ≈ 19 + 19
    expect(Math.abs(t.extraction - 19)).toBeLessThanOrEqual(1);
    expect(Math.abs(t.scrub - 19)).toBeLessThanOrEqual(1);
  });

  it("at total reflux both ends step off Fenske's count rounded up (the ree-data §3.9 table)", () => {
    for (const beta of [1.2, 1.3, 1.4, 1.5, 1.7, 2.0, 2.5, 3.0, 5.0]) {
      for (const P of [0.99, 0.999, 0.9999]) {
        const d: McCabeThieleDesign = {
          beta,
          fA: 0.5,
          purity: { organic: P, aqueous: P },
          scrubLoad: 'total',
        };
        const N = Math.ceil(fenskeStages(P, 1 - P, beta));
        expect(stageSteps(d).stages).toBe(N);
        expect(stageSteps(d, { from: 'product' }).stages).toBe(N);
      }
    }
    // The worked example's purities, uneven: ln(999·9999)/ln 2 = 23.3 → 24.
    expect(stageSteps({ ...EXAMPLE_A, scrubLoad: 'total' }).stages).toBe(24);
  });

  it('every stage sits on the equilibrium curve and every step on an operating line', () => {
    fc.assert(
      fc.property(designArb, fc.constantFrom<'raffinate' | 'product'>('raffinate', 'product'), (d, from) => {
        const s = stageSteps(d, { from });
        const l = operatingLines(d);
        expect(s.aqueous).toHaveLength(s.stages);
        expect(s.organic).toHaveLength(s.stages);
        expect(s.extraction + s.scrub).toBe(s.stages);
        for (let i = 0; i < s.stages; i++) {
          const x = s.aqueous[i] ?? Number.NaN;
          const beta = i < s.feedStage ? d.beta : d.betaScrub;
          near(s.organic[i], eq(beta, x), 1e-12);
          if (i + 1 < s.stages) {
            // y_i on the line at x_{i+1}: extraction below the feed stage, scrub from it up.
            const line = i + 1 < s.feedStage ? l.extraction : l.scrub;
            const y = line.slope * (s.aqueous[i + 1] ?? Number.NaN) + line.intercept;
            expect(Math.abs(y - (s.organic[i] ?? Number.NaN))).toBeLessThanOrEqual(1e-9);
            expect(s.aqueous[i + 1]).toBeGreaterThan(x);
          }
        }
        // Both purities reached at the ends.
        expect(s.aqueous[0]).toBeLessThanOrEqual(1 - d.purity.aqueous + 1e-15);
        expect(s.organic[s.stages - 1]).toBeGreaterThanOrEqual(d.purity.organic - 1e-15);
        // The staircase starts on the diagonal at the end it was stepped from.
        expect(s.path.x[0]).toBe(s.path.y[0]);
        expect(s.path.x).toHaveLength(s.path.y.length);
        // Stepping from the other end gives the same count within a stage.
        const other = stageSteps(d, { from: from === 'raffinate' ? 'product' : 'raffinate' });
        expect(Math.abs(other.stages - s.stages)).toBeLessThanOrEqual(1);
      }),
      { numRuns: 50 },
    );
  });

  it('stageSteps below the minimum flow throws INFEASIBLE; past maxStages NOT_CONVERGED', () => {
    const pinchW = EXAMPLE_A.pinch.W;
    expect(codeOf(() => stageSteps({ ...EXAMPLE_A, scrubLoad: pinchW * 0.999 }))).toBe('INFEASIBLE');
    expect(codeOf(() => stageSteps({ ...EXAMPLE_A, scrubLoad: pinchW }))).toBe('INFEASIBLE');
    const nearPinch = stageSteps({ ...EXAMPLE_A, scrubLoad: pinchW * 1.01 });
    expect(nearPinch.stages).toBeGreaterThan(stageSteps(EXAMPLE_A).stages);
    expect(codeOf(() => stageSteps(EXAMPLE_A, { maxStages: 10 }))).toBe('NOT_CONVERGED');
    expect(codeOf(() => stageSteps({ ...EXAMPLE_A, scrubLoad: 0 }))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => stageSteps({ ...EXAMPLE_A, fA: 0.9995 }))).toBe('INFEASIBLE');
    expect(codeOf(() => stageSteps(EXAMPLE_A, { from: 'feed' as 'product' }))).toBe('UNKNOWN_KEY');
  });
});
