import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { amount, makeStream } from '../../src/stream/stream.js';
import {
  type AmmoniumSulfateLeachParams,
  ammoniumSulfateLeach,
  ammoniumSulfateLeachDefaults,
  ammoniumSulfateLeachUnit,
} from '../../src/units/ammoniumSulfateLeach.js';
import { codeOf, expectConserved, throwsReesim } from '../helpers.js';
import { badParamArb, commonParamsArb, LEACH_PARAM_CODES, solidFeedArb } from './leachArbitraries.js';

const KEYS = ['dissolution', 'residueMoisture', 'energyPerTonne'];
const OWN = [
  'exchangeableFraction',
  'leachEfficiency',
  'aluminiumCoLeach',
  'solutionConcentration',
  'liquidToOre',
];
// Oxide factors and molar mass by hand (CIAAW atomic weights): Y2O3, Al2O3;
// (NH4)2SO4 = 2(14.007) + 8(1.008) + 32.06 + 4(15.999).
const Y2O3_PER_Y = (2 * 88.905838 + 3 * 15.999) / (2 * 88.905838);
const AL2O3_PER_AL = (2 * 26.9815384 + 3 * 15.999) / (2 * 26.9815384);
const AMS = 2 * 14.007 + 8 * 1.008 + 32.06 + 4 * 15.999;
// An ion-adsorption clay, ~0.1 % REO (SW16: typically ~800 ppm REY).
const clay = makeStream('ore', { Y: 1, Al: 100, Gangue: 1000 });
const dryClay = 1 * Y2O3_PER_Y + 100 * AL2O3_PER_AL + 1000;

describe('ammoniumSulfateLeach', () => {
  it('ammoniumSulfateLeach(clay) recovers exchangeable 0.8 x efficiency 0.9 of the rare earths (SW16; GK05)', () => {
    const r = ammoniumSulfateLeach(clay);
    // Recovery = exchangeable share x leach efficiency (the model); the defaults are an assumed share within
    // SW16's "> 50 % exchangeable" and the ">= 90 % of the exchangeable fraction" of GK05/XIE14 (low-medium).
    const d = ammoniumSulfateLeachDefaults;
    const rec = d.exchangeableFraction.value * d.leachEfficiency.value;
    expect(d.exchangeableFraction.value).toBeGreaterThan(0.5);
    expect(d.leachEfficiency.value).toBeGreaterThanOrEqual(0.9);
    expect(amount(r.outlets.liquor, 'Y')).toBeCloseTo(rec, 12);
    expect(r.report.figures.treoToLiquor).toBeCloseTo(rec, 12);
    // Al co-leach default 0.02 of the ore's Al.
    expect(amount(r.outlets.liquor, 'Al')).toBeCloseTo(2, 12);
    expect(r.report.figures.thoriumToResidue).toBeGreaterThanOrEqual(0.95);
    expect(r.outlets.liquor.compound).toBe('sulfate');
  });

  it('ammoniumSulfateLeach(clay) doses 2 % (NH4)2SO4 at 1 kg solution per kg ore; the rest is water', () => {
    const r = ammoniumSulfateLeach(clay);
    expect(r.report.reagents['(NH4)2SO4']).toBeCloseTo(0.02 * 1 * dryClay, 9);
    expect(r.report.figures.waterAdded).toBeCloseTo(0.98 * dryClay, 9);
    // Ion-exchange minimum: 1.5 mol (NH4)2SO4 per mol Y3+ and per mol Al3+ leached.
    const stoich = 1.5 * ((0.72 * 1) / 88.905838 + (0.02 * 100) / 26.9815384) * AMS;
    expect(r.report.figures.stoichiometricAmmoniumSulfate).toBeCloseTo(stoich, 9);
  });

  it('ammoniumSulfateLeach(clay, { exchangeableFraction: 0.5, leachEfficiency: 1 }) takes half the REE', () => {
    const r = ammoniumSulfateLeach(clay, {
      exchangeableFraction: 0.5,
      leachEfficiency: 1,
      dissolution: { Al: 0 },
    });
    expect(amount(r.outlets.liquor, 'Y')).toBeCloseTo(0.5, 12);
    expect(amount(r.outlets.liquor, 'Al')).toBe(0);
  });

  it('ammoniumSulfateLeach(random feed, random valid params) conserves every species and gives no NaN', () => {
    const f = fc.double({ min: 0, max: 1, noNaN: true });
    const own = fc.record(
      {
        exchangeableFraction: f,
        leachEfficiency: f,
        aluminiumCoLeach: f,
        solutionConcentration: fc.double({ min: 0, max: 0.5, noNaN: true }),
        liquidToOre: fc.double({ min: 0, max: 1000, noNaN: true }),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(solidFeedArb, commonParamsArb(KEYS), own, (feed, common, more) => {
        const params = { ...common, ...more } as AmmoniumSulfateLeachParams;
        expectConserved(ammoniumSulfateLeach(feed, params), [feed]);
      }),
      { numRuns: 200 },
    );
  });

  it('ammoniumSulfateLeach(clay, random invalid params) throws a ReesimError and nothing else', () => {
    fc.assert(
      fc.property(badParamArb([...KEYS, ...OWN]), (bad) => {
        return throwsReesim(() => ammoniumSulfateLeach(clay, bad as never), LEACH_PARAM_CODES);
      }),
      { numRuns: 200 },
    );
    expect(codeOf(() => ammoniumSulfateLeach(clay, { solutionConcentration: 0.6 }))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => ammoniumSulfateLeach(clay, { liquidToSolid: 1 } as never))).toBe('UNKNOWN_KEY');
  });

  it('ammoniumSulfateLeachUnit runs from a port record', () => {
    const r = ammoniumSulfateLeachUnit.run({ feed: clay }, {});
    expect(Object.keys(r.outlets).sort()).toEqual(['liquor', 'residue']);
    expect(r.report.unit).toBe('ammonium-sulfate-leach');
    expect(r.report.energy).toBeCloseTo((2 * dryClay) / 1000, 12);
  });
});
