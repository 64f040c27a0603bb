import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RARE_EARTH_INDICES, SPECIES_COUNT, SPECIES_INDEX } from '../../src/chemistry/species.js';
import { ReesimError } from '../../src/core/errors.js';
import { amount, makeStream, type Stream, streamFromVector } from '../../src/stream/stream.js';
import {
  type LanthanothermicParams,
  lanthanothermicReduction,
  lanthanothermicReductionUnit,
} from '../../src/units/lanthanothermicReduction.js';
import { expectConserved, INVALID_VALUE_CODES, invalidParamsArb, near, throwsReesim } from '../helpers.js';

const M = { La: 138.90547, Sm: 150.36, Yb: 173.045 };

const flow = fc.oneof(fc.constant(0), fc.double({ min: 1e-6, max: 1000, noNaN: true }));
/** Random oxide feeds whose TRE is at least ~2 % Sm (so the route applies). */
const oxideFeed = fc.array(flow, { minLength: SPECIES_COUNT, maxLength: SPECIES_COUNT }).map((a) => {
  const reo = RARE_EARTH_INDICES.reduce((s, i) => s + (a[i] ?? 0), 0);
  a[SPECIES_INDEX.Sm] = (a[SPECIES_INDEX.Sm] ?? 0) + 0.02 * reo + 1;
  return streamFromVector('oxide', a);
});
const frac = fc.double({ min: 0, max: 1, noNaN: true });
const validParams: fc.Arbitrary<LanthanothermicParams> = fc.record(
  {
    laExcess: fc.double({ min: 0, max: 10, noNaN: true }),
    distillationYield: frac,
    tolerance: fc.double({ min: 0, max: 0.01, noNaN: true }),
    energyPerKg: fc.double({ min: 0, max: 100, noNaN: true }),
    toMetal: fc.record({ Ca: frac, Fe: frac, Eu: frac, La: frac, H2O: frac }, { requiredKeys: [] }),
  },
  { requiredKeys: [] },
);

describe('lanthanothermicReduction', () => {
  it('lanthanothermicReduction(random oxide, random params) conserves every species, La included', () => {
    fc.assert(
      fc.property(oxideFeed, validParams, (feed, params) =>
        expectConserved(lanthanothermicReduction(feed, params), [feed]),
      ),
      { numRuns: 200 },
    );
  });

  it('lanthanothermicReduction(oxide, invalid params) throws ReesimError', () => {
    const bad = [-1, Number.NaN, Number.POSITIVE_INFINITY, 'x', null, false, [1]];
    const keys = ['laExcess', 'distillationYield', 'tolerance', 'energyPerKg', 'toMetal'];
    const special = [
      { laExcess: 11 },
      { distillationYield: 1.1 },
      { energyPerKg: 5000 },
      { toMetal: { Sm: 3 } },
      { toMetal: { Foo: 0 } },
      { lanthanumExcess: 0.2 },
    ];
    const invalid = invalidParamsArb(keys, bad, special);
    const feed = makeStream('oxide', { Sm: 10, Eu: 1 });
    fc.assert(
      fc.property(invalid, (params) =>
        throwsReesim(
          () => lanthanothermicReduction(feed, params as LanthanothermicParams),
          INVALID_VALUE_CODES,
        ),
      ),
      { numRuns: 200 },
    );
  });

  // Stoichiometry by hand (BRIT route, ree-data §6.4): Sm2O3 + 2 La -> La2O3 + 2 Sm, La 20 % over.
  it('lanthanothermicReduction(100 kg/h Sm as oxide) adds 1.2 mol La per mol Sm and distils 90 %', () => {
    const r = lanthanothermicReduction(makeStream('oxide', { Sm: 100 }));
    const la = (100 / M.Sm) * 1.2 * M.La;
    near(amount(r.report.added.La as Stream, 'La'), la);
    near(r.report.figures.laReacted, (100 / M.Sm) * M.La);
    expect(amount(r.outlets.metal, 'Sm')).toBeCloseTo(90, 12);
    expect(amount(r.outlets.residue, 'Sm')).toBeCloseTo(10, 12);
    near(amount(r.outlets.residue, 'La'), la);
    expect(amount(r.outlets.metal, 'La')).toBe(0);
    near(r.report.energy, 10 * 90);
    expect(r.outlets.residue.form).toBe('residue');
    expect(r.outlets.metal.form).toBe('metal');
  });

  it('lanthanothermicReduction(Yb with Lu, Fe, Ca) distils only Yb; the rest stays in the residue', () => {
    const feed = makeStream('oxide', { Yb: 50, Lu: 50, Fe: 1, Ca: 1, Gangue: 3 });
    const r = lanthanothermicReduction(feed, { distillationYield: 0.95, laExcess: 0 });
    expect(amount(r.outlets.metal, 'Yb')).toBeCloseTo(47.5, 12);
    for (const s of ['Lu', 'Fe', 'Ca', 'Gangue'] as const) expect(amount(r.outlets.metal, s)).toBe(0);
    expect(amount(r.outlets.residue, 'Lu')).toBe(50);
    near(r.report.figures.laAdded, (50 / M.Yb) * M.La);
    near(r.report.figures.volatileShare, 0.5);
  });

  it("lanthanothermicReduction(Nd oxide) throws NOT_SUPPORTED at 'lanthanothermic.feed'", () => {
    const call = () => lanthanothermicReduction(makeStream('oxide', { Nd: 100 }));
    expect(call).toThrow(ReesimError);
    expect(call).toThrow(expect.objectContaining({ code: 'NOT_SUPPORTED', path: 'lanthanothermic.feed' }));
    // 0.5 % Sm is below the default 1 % of TRE; a feed without rare earths has nothing to reduce.
    expect(() => lanthanothermicReduction(makeStream('oxide', { Nd: 99.5, Sm: 0.5 }))).toThrow(
      expect.objectContaining({ code: 'NOT_SUPPORTED' }),
    );
    expect(() => lanthanothermicReduction(makeStream('oxide', { Fe: 1 }))).toThrow(
      expect.objectContaining({ code: 'NOT_SUPPORTED' }),
    );
    expect(() => lanthanothermicReduction(makeStream('precipitate', { Sm: 1 }))).toThrow(
      expect.objectContaining({ code: 'NOT_SUPPORTED' }),
    );
  });

  it('lanthanothermicReductionUnit.run({ feed }) gives metal and residue', () => {
    const r = lanthanothermicReductionUnit.run({ feed: makeStream('oxide', { Eu: 1 }) }, {});
    expect(Object.keys(r.outlets).sort()).toEqual(['metal', 'residue']);
    expect(lanthanothermicReductionUnit.kind).toBe('lanthanothermic-reduction');
  });

  it('lanthanothermicReduction @example: 10 kg/h Sm as oxide gives 9 kg/h metal', () => {
    const sm = lanthanothermicReduction(makeStream('oxide', { Sm: 10 }));
    expect(amount(sm.outlets.metal, 'Sm')).toBeCloseTo(9, 12);
  });
});
