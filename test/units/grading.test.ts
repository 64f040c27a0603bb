import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RARE_EARTHS } from '../../src/chemistry/elements.js';
import { fromOxides } from '../../src/stream/oxides.js';
import { makeStream } from '../../src/stream/stream.js';
import {
  type GradeSpec,
  gradeOf,
  gradeProduct,
  grading,
  gradingUnit,
  MAX_NINES,
  PURITY_GRADES,
} from '../../src/units/grading.js';
import { expectConserved, notFractionArb, PARAM_CODES, streamArb, throwsReesim } from '../helpers.js';

const specArb: fc.Arbitrary<GradeSpec> = fc.record(
  {
    element: fc.constantFrom(...RARE_EARTHS),
    target: fc.double({ min: 0, max: 1, noNaN: true }),
    basis: fc.constantFrom('relative' as const, 'absolute' as const),
  },
  { requiredKeys: ['element', 'target'] },
);

describe('gradeProduct', () => {
  it('gradeProduct(oxide with 99.91 % Nd2O3/TREO, { element: Nd, target: 0.999 }) is 3N and passes', () => {
    const oxide = fromOxides('oxide', { Nd: 99.91, Pr: 0.09 });
    const g = gradeProduct(oxide, { element: 'Nd', target: 0.999 });
    expect(g.grade).toBe('3N');
    expect(g.pass).toBe(true);
    expect(g.shortfall).toBe(0);
    expect(g.purity).toBeCloseTo(0.9991, 12);
    expect(g.nines).toBeCloseTo(-Math.log10(1 - 0.9991), 9);
  });

  it('gradeProduct(oxide with 99.899 % Nd2O3/TREO, { element: Nd, target: 0.999 }) is 2N5 and fails by 1e-5', () => {
    const oxide = fromOxides('oxide', { Nd: 99.899, La: 0.101 });
    const g = gradeProduct(oxide, { element: 'Nd', target: 0.999 });
    expect(g.grade).toBe('2N5');
    expect(g.pass).toBe(false);
    expect(g.shortfall).toBeCloseTo(0.999 - 0.99899, 12);
  });

  it('gradeProduct(pure Tb4O7, { element: Tb, target: 0.99999 }) is 6N with finite nines', () => {
    const g = gradeProduct(fromOxides('oxide', { Tb: 10 }), { element: 'Tb', target: 0.99999 });
    expect(g.grade).toBe('6N');
    expect(g.nines).toBe(MAX_NINES);
    expect(Number.isFinite(g.nines)).toBe(true);
    expect(g.pass).toBe(true);
  });

  it("gradeProduct(oxide with Fe2O3, { basis: 'absolute' }) counts the iron against the grade", () => {
    // 99.9 kg/h Nd2O3 + 1 kg/h Fe2O3 and nothing else: relative purity 1, absolute 99.9 / 100.9.
    const oxide = fromOxides('oxide', { Nd: 99.9, Fe: 1 });
    const g = gradeProduct(oxide, { element: 'Nd', target: 0.999, basis: 'absolute' });
    expect(g.purity).toBe(1);
    expect(g.absolutePurity).toBeCloseTo(99.9 / 100.9, 12);
    expect(g.grade).toBe('2N'); // 0.99009 >= 0.99
    expect(g.pass).toBe(false);
    expect(g.shortfall).toBeCloseTo(0.999 - 99.9 / 100.9, 12);
  });

  it('gradeOf(each threshold) returns that grade; gradeOf(0.98999) is below 2N', () => {
    // ree-data 6.5: 2N 99 %, 2N5 99.5 %, 3N 99.9 %, 4N 99.99 %, 5N 99.999 %, 6N 99.9999 %.
    const expected = { '2N': 0.99, '2N5': 0.995, '3N': 0.999, '3N5': 0.9995, '4N': 0.9999 } as const;
    for (const [label, p] of Object.entries(expected)) expect(gradeOf(p)).toBe(label);
    expect(gradeOf(0.99995)).toBe('4N5');
    expect(gradeOf(0.99999)).toBe('5N');
    expect(gradeOf(0.999999)).toBe('6N');
    expect(gradeOf(0.98999)).toBe('below 2N');
    expect(PURITY_GRADES.map((g) => g.threshold)).toEqual(
      [...PURITY_GRADES.map((g) => g.threshold)].sort().reverse(),
    );
  });

  it('gradeProduct(stream, invalid spec) throws a ReesimError and nothing else', () => {
    const oxide = fromOxides('oxide', { Nd: 1 });
    const bad = fc.oneof(
      fc.record({
        element: fc.oneof(fc.constantFrom('Fe', 'Th', 'Xx'), fc.integer()),
        target: fc.constant(0.9),
      }),
      fc.record({ element: fc.constant('Nd'), target: notFractionArb }),
      fc.record({ element: fc.constant('Nd') }),
      fc.record({ target: fc.constant(0.9) }),
      fc.record({ element: fc.constant('Nd'), target: fc.constant(0.9), basis: fc.constantFrom('molar', 1) }),
      fc.record({ element: fc.constant('Nd'), target: fc.constant(0.9), grade: fc.string() }),
    );
    fc.assert(
      fc.property(bad, (spec) =>
        throwsReesim(() => gradeProduct(oxide, spec as unknown as GradeSpec), PARAM_CODES),
      ),
      { numRuns: 200 },
    );
  });
});

describe('grading', () => {
  it('grading(random product, random spec) conserves every species and routes all of it to one outlet', () => {
    fc.assert(
      fc.property(fc.constantFrom('oxide', 'metal' as const).chain(streamArb), specArb, (product, spec) => {
        const result = grading(product, spec);
        expectConserved(result, [product]);
        const pass = result.report.figures.pass === 1;
        const empty = pass ? result.outlets.rejected : result.outlets.accepted;
        expect(empty.amounts.every((x) => x === 0)).toBe(true);
        expect(gradeProduct(product, spec).pass).toBe(pass);
      }),
      { numRuns: 200 },
    );
  });

  it("gradingUnit.run({ product }, { element: 'Dy', target: 0.995 }) accepts 99.6 % Dy metal", () => {
    const product = makeStream('metal', { Dy: 99.6, Tb: 0.4 });
    const { outlets, report } = gradingUnit.run({ product }, { element: 'Dy', target: 0.995 });
    expect(outlets.accepted).toEqual(product);
    expect(report.figures.pass).toBe(1);
    expect(report.figures.purity).toBeCloseTo(0.996, 12);
    expect(gradingUnit.kind).toBe('grading');
  });
});
