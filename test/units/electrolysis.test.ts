import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SPECIES_COUNT } from '../../src/chemistry/species.js';
import { amount, makeStream, streamFromVector } from '../../src/stream/stream.js';
import { type ElectrolysisParams, electrolysis, electrolysisUnit } from '../../src/units/electrolysis.js';
import { expectConserved, INVALID_VALUE_CODES, invalidParamsArb, near, throwsReesim } from '../helpers.js';

const F = 96485.33212; // C/mol, SI 2019
const M = { Nd: 144.242, Pr: 140.90766, O: 15.999, C: 12.011 };
/** Ah per kg at 100 % CE, valence 3, by hand: 3 F / (3.6 M). */
const ah = (m: number) => (3 * F) / 3.6 / m;
/** Relative tolerance for near() (F above has 10 significant digits). */
const REL = 1e-9;

const flow = fc.oneof(fc.constant(0), fc.double({ min: 1e-6, max: 1000, noNaN: true }));
const oxideFeed = fc
  .array(flow, { minLength: SPECIES_COUNT, maxLength: SPECIES_COUNT })
  .map((a) => streamFromVector('oxide', a));
const frac = fc.double({ min: 0, max: 1, noNaN: true });
const validParams: fc.Arbitrary<ElectrolysisParams> = fc.record(
  {
    currentEfficiency: fc.double({ min: 0.01, max: 1, noNaN: true }),
    cellCurrent: fc.double({ min: 100, max: 20000, noNaN: true }),
    cellVoltage: fc.double({ min: 1, max: 20, noNaN: true }),
    cells: fc.integer({ min: 1, max: 40 }),
    metalYield: frac,
    coFraction: frac,
    hoursPerMonth: fc.double({ min: 1, max: 744, noNaN: true }),
    toMetal: fc.record({ Fe: frac, Ca: frac, Sm: frac, Gangue: frac, Nd: frac }, { requiredKeys: [] }),
  },
  { requiredKeys: [] },
);

describe('electrolysis', () => {
  it('electrolysis(random oxide, random params) conserves every species and never yields NaN', () => {
    fc.assert(
      fc.property(oxideFeed, validParams, (feed, params) =>
        expectConserved(electrolysis(feed, params), [feed]),
      ),
      { numRuns: 200 },
    );
  });

  it('electrolysis(oxide, invalid params) throws ReesimError', () => {
    const bad = [-1, Number.NaN, Number.POSITIVE_INFINITY, 'x', null, true, [1]];
    const keys = [
      'currentEfficiency',
      'cellCurrent',
      'cellVoltage',
      'cells',
      'metalYield',
      'coFraction',
      'hoursPerMonth',
      'toMetal',
    ];
    const special = [
      { currentEfficiency: 0 },
      { currentEfficiency: 0.005 },
      { cellCurrent: 0.5 },
      { cellVoltage: 200 },
      { cells: 2e6 },
      { currentEfficiency: 1.5 },
      { metalYield: 2 },
      { cells: 2.5 },
      { cells: 0 },
      { hoursPerMonth: 800 },
      { hoursPerMonth: 0 },
      { toMetal: { Xx: 0.5 } },
      { toMetal: { Nd: 2 } },
      { currentEfficency: 0.7 },
    ];
    const invalid = invalidParamsArb(keys, bad, special);
    const feed = makeStream('oxide', { Nd: 75, Pr: 25 });
    fc.assert(
      fc.property(invalid, (params) =>
        throwsReesim(() => electrolysis(feed, params as ElectrolysisParams), INVALID_VALUE_CODES),
      ),
      { numRuns: 200 },
    );
  });

  // ree-data §6.4 [D, H]: a 4.5 kA cell at 77 % CE makes ≈4.5 t Nd per month (4500 × 0.77 × 730 / 557.4).
  it('electrolysis(Nd oxide, { cells: 1, cellCurrent: 4500, currentEfficiency: 0.77 }) makes ≈4.5 t/month', () => {
    const feed = makeStream('oxide', { Nd: 100 });
    const r = electrolysis(feed, { cells: 1, cellCurrent: 4500, currentEfficiency: 0.77, metalYield: 1 });
    const byHand = (4500 * 0.77 * 730) / ah(M.Nd) / 1000;
    near(r.report.figures.tonnesPerMonth, byHand, REL);
    expect(Math.abs((r.report.figures.tonnesPerMonth ?? 0) / 4.5 - 1)).toBeLessThan(0.02);
    near(r.report.figures.capacityTonnesPerMonth, byHand, REL);
    expect(r.report.figures.utilisation).toBeCloseTo(1, 12);
    const metalKgH = (4500 * 0.77) / ah(M.Nd);
    near(amount(r.outlets.metal, 'Nd'), metalKgH, REL);
    near(amount(r.outlets.unreduced, 'Nd'), 100 - metalKgH, REL);
    expect(r.report.figures.ahPerKgIdeal).toBeCloseTo(557.4, 1);
  });

  // ree-data §6.4 [D]: ≈7 kWh/kg at 10 V and 80 % CE (10 × 557.4 / 0.8 / 1000 = 6.97).
  it('electrolysis(Nd oxide, { cellVoltage: 10, currentEfficiency: 0.8 }) uses ≈7 kWh/kg', () => {
    const r = electrolysis(makeStream('oxide', { Nd: 50 }), { cellVoltage: 10, currentEfficiency: 0.8 });
    const kwh = (10 * ah(M.Nd)) / 0.8 / 1000;
    near(r.report.figures.kwhPerKg, kwh, REL);
    expect(Math.abs(kwh / 7 - 1)).toBeLessThan(0.01);
    near(r.report.energy, kwh * 50 * 0.97, REL);
  });

  // ree-data §6.4: reported industrial DC consumption 8-11 kWh/kg (K, low). The defaults land inside it.
  it('electrolysis(Nd oxide) with the default voltage and current efficiency uses 8-11 kWh/kg of Nd', () => {
    const r = electrolysis(makeStream('oxide', { Nd: 50 }));
    const kwh = r.report.figures.kwhPerKg;
    expect(kwh).toBeGreaterThanOrEqual(8);
    expect(kwh).toBeLessThanOrEqual(11);
    // Faraday by hand: V × 557.4 Ah/kg / CE / 1000.
    near(kwh, (12.8 * ah(M.Nd)) / 0.75 / 1000, REL);
  });

  it('electrolysis(NdPr oxide) sizes the cells to the feed and weights Ah/kg by the metal', () => {
    const feed = makeStream('oxide', { Nd: 75, Pr: 25 });
    const r = electrolysis(feed, { cellCurrent: 4500, currentEfficiency: 0.77 });
    const idealA = 0.97 * (75 * ah(M.Nd) + 25 * ah(M.Pr));
    near(r.report.figures.requiredCurrent, idealA / 0.77, REL);
    expect(r.report.figures.cellsNeeded).toBe(Math.ceil(idealA / 0.77 / 4500));
    near(r.report.figures.ahPerKgIdeal, idealA / 97, REL);
    expect(amount(r.outlets.metal, 'Nd')).toBeCloseTo(72.75, 12);
    expect(amount(r.outlets.salt, 'Pr')).toBeCloseTo(0.75, 12);
    expect(r.outlets.unreduced.amounts.every((x) => x === 0)).toBe(true);
  });

  it('electrolysis(Nd oxide, { coFraction }) burns n_O / (2 - y) kmol of anode carbon', () => {
    const nO = (100 * 1.5) / M.Nd; // kmol O per h from 100 kg/h Nd as Nd2O3
    for (const y of [0, 0.5, 1]) {
      const r = electrolysis(makeStream('oxide', { Nd: 100 }), { metalYield: 1, coFraction: y });
      near(r.report.figures.oxygenRemoved, nO * M.O, REL);
      near(r.report.reagents.C, (nO / (2 - y)) * M.C, REL);
      near(r.report.figures.anodeCO, ((y * nO) / (2 - y)) * (M.C + M.O), REL);
      near(r.report.figures.anodeCO2, (((1 - y) * nO) / (2 - y)) * (M.C + 2 * M.O), REL);
    }
  });

  it('electrolysis(oxide with Sm, Fe, Ca, Al, Th) routes them by the defaults table', () => {
    const feed = makeStream('oxide', { Nd: 90, Sm: 5, Fe: 1, Ca: 1, Al: 1, Th: 1, Gangue: 2 });
    const r = electrolysis(feed);
    expect(amount(r.outlets.salt, 'Sm')).toBe(5);
    expect(amount(r.outlets.metal, 'Fe')).toBe(1);
    expect(amount(r.outlets.salt, 'Ca')).toBe(1);
    expect(amount(r.outlets.salt, 'Al')).toBe(1);
    expect(amount(r.outlets.metal, 'Th')).toBeCloseTo(0.97, 12);
    expect(amount(r.outlets.salt, 'Gangue')).toBe(2);
    expect(r.report.notes.some((n) => n.includes('Sm') && n.includes('do not deposit'))).toBe(true);
    const over = electrolysis(feed, { toMetal: { Fe: 0.5 } });
    expect(amount(over.outlets.metal, 'Fe')).toBe(0.5);
  });

  it('electrolysis(solution) throws NOT_SUPPORTED; electrolysisUnit.run needs a feed', () => {
    expect(() => electrolysis(makeStream('solution', { Nd: 1 }))).toThrow(
      expect.objectContaining({ code: 'NOT_SUPPORTED' }),
    );
    expect(() => electrolysisUnit.run({}, {})).toThrow(expect.objectContaining({ code: 'MISSING' }));
    const r = electrolysisUnit.run({ feed: makeStream('oxide', { Nd: 1 }) }, {});
    expect(Object.keys(r.outlets).sort()).toEqual(['metal', 'salt', 'unreduced']);
  });

  it('electrowin @example: NdPr oxide at 77 % CE in 4.5 kA cells needs 16 cells', () => {
    const oxide = makeStream('oxide', { Nd: 75, Pr: 25 });
    const { outlets, report } = electrolysis(oxide, { currentEfficiency: 0.77, cellCurrent: 4500 });
    expect(report.figures.cellsNeeded).toBe(16);
    expect(amount(outlets.metal, 'Nd')).toBeCloseTo(72.75, 12);
  });
});
