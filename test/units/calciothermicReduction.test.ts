import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RARE_EARTH_INDICES, SPECIES_COUNT, SPECIES_INDEX } from '../../src/chemistry/species.js';
import { ReesimError } from '../../src/core/errors.js';
import { amount, makeStream, type Stream, streamFromVector } from '../../src/stream/stream.js';
import {
  type CalciothermicParams,
  calciothermicReduction,
  calciothermicReductionUnit,
} from '../../src/units/calciothermicReduction.js';
import { expectConserved, INVALID_VALUE_CODES, invalidParamsArb, near, throwsReesim } from '../helpers.js';

const M = { Nd: 144.242, Dy: 162.5, Ca: 40.078, HF: 1.008 + 18.998, H2O: 2 * 1.008 + 15.999 };
const EXCLUDED = ['Sm', 'Eu', 'Tm', 'Yb'] as const;

const flow = fc.oneof(fc.constant(0), fc.double({ min: 1e-6, max: 1000, noNaN: true }));
/** Random oxide feeds in which Sm, Eu, Tm and Yb stay below 0.2 % of the other rare earths each. */
const oxideFeed = fc.array(flow, { minLength: SPECIES_COUNT, maxLength: SPECIES_COUNT }).map((a) => {
  const skip: readonly number[] = EXCLUDED.map((s) => SPECIES_INDEX[s]);
  const other = RARE_EARTH_INDICES.reduce((s, i) => s + (skip.includes(i) ? 0 : (a[i] ?? 0)), 0);
  for (const i of skip) a[i] = Math.min(a[i] ?? 0, 0.002 * other);
  return streamFromVector('oxide', a);
});
const frac = fc.double({ min: 0, max: 1, noNaN: true });
const validParams: fc.Arbitrary<CalciothermicParams> = fc.record(
  {
    caExcess: fc.double({ min: 0, max: 2, noNaN: true }),
    residualCa: fc.double({ min: 0, max: 0.5, noNaN: true }),
    metalYield: frac,
    tolerance: fc.double({ min: 0.01, max: 1, noNaN: true }),
    energyPerKg: fc.double({ min: 0, max: 50, noNaN: true }),
    toMetal: fc.record({ Fe: frac, Ca: frac, Th: frac, Gangue: frac, Dy: frac }, { requiredKeys: [] }),
  },
  { requiredKeys: [] },
);

describe('calciothermicReduction', () => {
  it('calciothermicReduction(random oxide, random params) conserves every species, Ca included', () => {
    fc.assert(
      fc.property(oxideFeed, validParams, (feed, params) =>
        expectConserved(calciothermicReduction(feed, params), [feed]),
      ),
      { numRuns: 200 },
    );
  });

  it('calciothermicReduction(oxide, invalid params) throws ReesimError', () => {
    const bad = [-1, Number.NaN, Number.NEGATIVE_INFINITY, 'x', null, true, [1]];
    const keys = ['caExcess', 'residualCa', 'metalYield', 'tolerance', 'energyPerKg', 'toMetal'];
    const special = [
      { residualCa: 0.6 },
      { caExcess: 11 },
      { energyPerKg: 2000 },
      { metalYield: 1.5 },
      { tolerance: 2 },
      { toMetal: { Qq: 1 } },
      { toMetal: { Fe: -0.1 } },
      { calciumExcess: 0.1 },
    ];
    const invalid = invalidParamsArb(keys, bad, special);
    const feed = makeStream('oxide', { Dy: 10, Tb: 1 });
    fc.assert(
      fc.property(invalid, (params) =>
        throwsReesim(() => calciothermicReduction(feed, params as CalciothermicParams), INVALID_VALUE_CODES),
      ),
      { numRuns: 200 },
    );
  });

  // Stoichiometry (ree-data §6.4, BRIT route; numbers by hand): RE2O3 + 6 HF -> 2 REF3 + 3 H2O,
  // 2 REF3 + 3 Ca -> 2 RE + 3 CaF2; Ca 15 % over stoichiometry; 0.1 % Ca left in the metal.
  it('calciothermicReduction(100 kg/h Nd as oxide) uses 3 HF and 1.5 × 1.15 Ca per mol Nd', () => {
    const r = calciothermicReduction(makeStream('oxide', { Nd: 100 }));
    const kmol = 100 / M.Nd;
    const ca = 1.5 * kmol * 1.15 * M.Ca;
    near(r.report.reagents.HF, 3 * kmol * M.HF);
    near(amount(r.report.added.Ca as Stream, 'Ca'), ca);
    near(r.report.figures.fluorinationWater, 1.5 * kmol * M.H2O);
    expect(amount(r.outlets.metal, 'Nd')).toBeCloseTo(97, 12);
    expect(amount(r.outlets.slag, 'Nd')).toBeCloseTo(3, 12);
    const caMetal = (0.001 * 97) / 0.999;
    near(amount(r.outlets.metal, 'Ca'), caMetal);
    near(amount(r.outlets.slag, 'Ca'), ca - caMetal, 1e-12);
    near(r.report.figures.caInMetal, 0.001);
    near(r.report.energy, 6 * (97 + caMetal));
    expect(r.outlets.slag.form).toBe('salt');
  });

  it("calciothermicReduction(Sm oxide) throws NOT_SUPPORTED at 'calciothermic.feed'", () => {
    const call = () => calciothermicReduction(makeStream('oxide', { Sm: 10 }));
    expect(call).toThrow(ReesimError);
    expect(call).toThrow(expect.objectContaining({ code: 'NOT_SUPPORTED', path: 'calciothermic.feed' }));
    expect(call).toThrow(/lanthanothermic/);
  });

  it('calciothermicReduction(Dy with 2 % Yb, 0.5 % Eu) names Yb only; traces below tolerance go to slag', () => {
    const mixed = makeStream('oxide', { Dy: 97.5, Yb: 2, Eu: 0.5 });
    expect(() => calciothermicReduction(mixed)).toThrow(
      expect.objectContaining({ code: 'NOT_SUPPORTED', value: 'Yb' }),
    );
    const r = calciothermicReduction(mixed, { tolerance: 0.05 });
    expect(amount(r.outlets.slag, 'Yb')).toBe(2);
    expect(amount(r.outlets.slag, 'Eu')).toBe(0.5);
    expect(amount(r.outlets.metal, 'Dy')).toBeCloseTo(0.97 * 97.5, 12);
    // Ca is charged for every rare earth fluorinated, traces included.
    const kmol = 97.5 / M.Dy + 2 / 173.045 + 0.5 / 151.964;
    near(r.report.figures.caAdded, 1.5 * kmol * 1.15 * M.Ca);
  });

  it('calciothermicReduction(salt) throws NOT_SUPPORTED; the unit definition runs on a feed port', () => {
    expect(() => calciothermicReduction(makeStream('salt', { Dy: 1 }))).toThrow(
      expect.objectContaining({ code: 'NOT_SUPPORTED' }),
    );
    const r = calciothermicReductionUnit.run({ feed: makeStream('oxide', { Dy: 1 }) }, {});
    expect(Object.keys(r.outlets).sort()).toEqual(['metal', 'slag']);
    expect(calciothermicReductionUnit.kind).toBe('calciothermic-reduction');
  });

  it('calciothermicReduction @example: 10 kg/h Dy as oxide takes 3.69 kg/h HF', () => {
    const dy = calciothermicReduction(makeStream('oxide', { Dy: 10 }));
    expect(dy.report.reagents.HF).toBeCloseTo(3.69, 2);
    expect(amount(dy.outlets.metal, 'Dy')).toBeCloseTo(9.7, 12);
  });
});
