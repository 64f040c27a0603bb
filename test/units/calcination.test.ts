import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { amount, makeStream } from '../../src/stream/stream.js';
import { type CalcinationParams, calcination, calcinationUnit } from '../../src/units/calcination.js';
import { precipitation } from '../../src/units/precipitation.js';
import { expectConserved, formStreamArb, notNonNegativeArb, PARAM_CODES, throwsReesim } from '../helpers.js';

// Atomic weights (CIAAW, ree-data section 1) for the hand calculations below.
const H = 1.008;
const C = 12.011;
const O = 15.999;
const ND = 144.242;
const CE = 140.116;
const WATER = 2 * H + O;

const compoundArb = fc.constantFrom('oxalate' as const, 'carbonate' as const, 'hydroxide' as const);

describe('calcination', () => {
  it('calcination(random precipitate, random params) conserves every species and closes the mass by formula', () => {
    const params: fc.Arbitrary<CalcinationParams> = fc.record(
      {
        temperature: fc.double({ min: 700, max: 1200, noNaN: true }),
        energyPerTonne: fc.double({ min: 0, max: 5000, noNaN: true }),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(
        compoundArb.chain((c) => formStreamArb('precipitate', c)),
        params,
        (feed, p) => {
          const result = calcination(feed, p);
          expectConserved(result, [feed]);
          const f = result.report.figures;
          expect(amount(result.outlets.oxide, 'H2O')).toBe(0);
          expect(result.outlets.offgas.form).toBe('gas');
          // salt + O2 taken up = oxide + CO + CO2 + formula water (every element's formula balances).
          const into = (f.feedSolidMass ?? 0) + (f.o2Uptake ?? 0);
          const out = (f.oxideMass ?? 0) + (f.co ?? 0) + (f.co2 ?? 0) + (f.formulaWater ?? 0);
          expect(Math.abs(into - out)).toBeLessThanOrEqual(1e-12 * Math.max(into, 1e-300));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('calcination(precipitate, invalid params) throws a ReesimError and nothing else', () => {
    const feed = makeStream('precipitate', { Nd: 10, H2O: 5 }, { compound: 'oxalate' });
    const bad = fc.oneof(
      fc.record({ temperature: fc.oneof(fc.double({ max: 699.999, noNaN: true }), notNonNegativeArb) }),
      fc.record({ temperature: fc.double({ min: 1200.001, noNaN: true }) }),
      fc.record({ energyPerTonne: notNonNegativeArb }),
      fc.record({ compound: fc.oneof(fc.constantFrom('chloride', 'oxide', ''), fc.integer()) }),
      fc.record({ kiln: fc.string() }),
    );
    fc.assert(
      fc.property(bad, (p) => throwsReesim(() => calcination(feed, p as CalcinationParams), PARAM_CODES)),
      { numRuns: 200 },
    );
  });

  it('calcination(Nd oxalate) gives 0.459 kg Nd2O3 per kg Nd2(C2O4)3·10H2O', () => {
    // ree-data 6.3 [D, H]: Nd2(C2O4)3·10H2O -> Nd2O3 + 3 CO + 3 CO2 + 10 H2O.
    const feed = makeStream('precipitate', { Nd: 100, H2O: 50 }, { compound: 'oxalate' });
    const { outlets, report } = calcination(feed);
    const f = report.figures;
    const kmol = 100 / ND;
    const salt = 0.5 * (2 * ND + 3 * (2 * C + 4 * O) + 10 * WATER);
    const oxide = 0.5 * (2 * ND + 3 * O);
    expect(f.feedSolidMass).toBeCloseTo(kmol * salt, 9);
    expect(f.oxideMass).toBeCloseTo(kmol * oxide, 9);
    expect(f.oxideYield).toBeCloseTo(oxide / salt, 12);
    expect(f.oxideYield).toBeCloseTo(0.459, 3);
    expect(f.co).toBeCloseTo(kmol * 1.5 * (C + O), 9);
    expect(f.co2).toBeCloseTo(kmol * 1.5 * (C + 2 * O), 9);
    expect(f.formulaWater).toBeCloseTo(kmol * 5 * WATER, 9);
    expect(f.o2Uptake).toBe(0);
    expect(amount(outlets.offgas, 'H2O')).toBe(50);
    expect(amount(outlets.oxide, 'Nd')).toBe(100);
    expect(outlets.oxide.compound).toBe('oxide');
  });

  it('calcination(Ce oxalate) takes up 1/4 O2 per Ce to reach CeO2', () => {
    // Ce2(C2O4)3 -> Ce2O3 + 3 CO + 3 CO2, then Ce2O3 + 1/2 O2 -> 2 CeO2.
    const feed = makeStream('precipitate', { Ce: 100 }, { compound: 'oxalate' });
    const f = calcination(feed).report.figures;
    expect(f.o2Uptake).toBeCloseTo((100 / CE) * 0.25 * 2 * O, 9);
    expect(f.oxideMass).toBeCloseTo((100 / CE) * (CE + 2 * O), 9);
  });

  it('calcination(Nd carbonate) releases 1.5 CO2 per Nd and no CO', () => {
    const feed = makeStream('precipitate', { Nd: 100 }, { compound: 'carbonate' });
    const f = calcination(feed).report.figures;
    expect(f.co2).toBeCloseTo((100 / ND) * 1.5 * (C + 2 * O), 9);
    expect(f.co).toBe(0);
    expect(f.formulaWater).toBe(0);
  });

  it('calcination(precipitation(liquor, oxalate)) recovers the precipitated Nd as Nd2O3', () => {
    const liquor = makeStream('solution', { Nd: 100, H2O: 5000 }, { compound: 'chloride' });
    const cake = precipitation(liquor, { reagent: 'oxalate' }).outlets.precipitate;
    const { outlets } = calcination(cake);
    expect(amount(outlets.oxide, 'Nd')).toBeCloseTo(99.5, 9);
  });

  it('calcination(feed, { temperature: 750 }) notes the low temperature; calcination(feed, { temperature: 1300 }) throws', () => {
    const feed = makeStream('precipitate', { Nd: 1 }, { compound: 'oxalate' });
    expect(calcination(feed, { temperature: 750 }).report.notes.some((n) => n.includes('below'))).toBe(true);
    expect(throwsReesim(() => calcination(feed, { temperature: 1300 }), ['OUT_OF_RANGE'])).toBe(true);
  });

  it('calcination(feed without or with a wrong compound, or not a precipitate) throws MISSING / NOT_SUPPORTED', () => {
    const bare = makeStream('precipitate', { Nd: 1 });
    expect(throwsReesim(() => calcination(bare), ['MISSING'])).toBe(true);
    expect(calcination(bare, { compound: 'hydroxide' }).report.figures.formulaWater).toBeGreaterThan(0);
    const chloride = makeStream('precipitate', { Nd: 1 }, { compound: 'chloride' });
    expect(throwsReesim(() => calcination(chloride), ['NOT_SUPPORTED'])).toBe(true);
    const liquor = makeStream('solution', { Nd: 1 }, { compound: 'oxalate' });
    expect(throwsReesim(() => calcination(liquor), ['NOT_SUPPORTED'])).toBe(true);
  });

  it('calcinationUnit.run({ feed }, {}) matches calcine', () => {
    const feed = makeStream('precipitate', { La: 2, Ce: 3, H2O: 1 }, { compound: 'carbonate' });
    expect(calcinationUnit.run({ feed }, {})).toEqual(calcination(feed, {}));
    expect(calcinationUnit.kind).toBe('calcination');
  });
});
