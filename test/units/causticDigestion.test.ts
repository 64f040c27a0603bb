import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { amount, makeStream } from '../../src/stream/stream.js';
import {
  type CausticDigestionParams,
  causticDigestion,
  causticDigestionDefaults,
  causticDigestionUnit,
} from '../../src/units/causticDigestion.js';
import { codeOf, expectConserved, throwsReesim } from '../helpers.js';
import { badParamArb, commonParamsArb, LEACH_PARAM_CODES, solidFeedArb } from './leachArbitraries.js';

const KEYS = ['dissolution', 'liquidToSolid', 'residueMoisture', 'energyPerTonne', 'excess'];
// Molar masses by hand (CIAAW atomic weights): NaOH = 22.99 + 15.999 + 1.008, HCl = 1.008 + 35.45.
const NAOH = 22.99 + 15.999 + 1.008;
const HCL = 1.008 + 35.45;
// A monazite concentrate (element masses chosen by hand; monazite carries 4-12 % ThO2, ree-data.md 5.2).
const monazite = makeStream('concentrate', {
  La: 12,
  Ce: 23,
  Pr: 2.5,
  Nd: 9,
  Sm: 1.2,
  Th: 6,
  U: 0.2,
  Gangue: 40,
});

describe('causticDigestion', () => {
  it('causticDigestion(monazite) keeps >= 99 % of the Th in the residue by default (GK05: Th stays at pH 3-4)', () => {
    const r = causticDigestion(monazite);
    const f = r.report.figures.thoriumToResidue ?? Number.NaN;
    expect(f).toBeGreaterThanOrEqual(0.99);
    expect(amount(r.outlets.residue, 'Th')).toBeCloseTo(6 * f, 12);
    expect(amount(r.outlets.liquor, 'Th')).toBeCloseTo(6 * (1 - f), 12);
    expect(amount(r.outlets.phosphate, 'Th')).toBe(0);
    // The default RE recovery is wired in and lies in the band of > 95-98 % decomposition (GK05, recalled, medium).
    const rec = causticDigestionDefaults.recovery.value;
    expect(r.report.figures.treoToLiquor).toBeCloseTo(rec, 12);
    expect(rec).toBeGreaterThanOrEqual(0.95);
    expect(rec).toBeLessThanOrEqual(0.98);
    expect(r.outlets.liquor.compound).toBe('chloride');
  });

  it('causticDigestion(Nd + Th, zero excess) takes 3 NaOH per Nd and 4 per Th, 3 HCl per Nd dissolved', () => {
    const feed = makeStream('concentrate', { Nd: 100, Th: 10, Gangue: 50 });
    const r = causticDigestion(feed, { dissolution: { Nd: 1, Th: 0 }, excess: 0, acidExcess: 0 });
    expect(r.report.reagents.NaOH).toBeCloseTo((3 * (100 / 144.242) + 4 * (10 / 232.0377)) * NAOH, 9);
    expect(r.report.reagents.HCl).toBeCloseTo(3 * (100 / 144.242) * HCL, 9);
    // Default: 0.8 of the gangue (the phosphate) leaves as Na3PO4 solution, no rare earth with it.
    expect(amount(r.outlets.phosphate, 'Gangue')).toBeCloseTo(40, 12);
    expect(amount(r.outlets.phosphate, 'Nd')).toBe(0);
    expect(amount(r.outlets.residue, 'Gangue')).toBeCloseTo(10, 12);
    expect(amount(r.outlets.residue, 'Th')).toBe(10);
  });

  it('causticDigestion(feed, { gangueToPhosphate: 0.5, excess: 1 }) doubles the NaOH and halves the phosphate', () => {
    const feed = makeStream('concentrate', { Nd: 100, Gangue: 50 });
    const r = causticDigestion(feed, { dissolution: { Nd: 1 }, excess: 1, gangueToPhosphate: 0.5 });
    expect(r.report.reagents.NaOH).toBeCloseTo(2 * 3 * (100 / 144.242) * NAOH, 9);
    expect(amount(r.outlets.phosphate, 'Gangue')).toBeCloseTo(25, 12);
  });

  it('causticDigestion(random feed, random valid params) conserves every species and gives no NaN', () => {
    const extra = fc.record(
      {
        acidExcess: fc.double({ min: 0, max: 10, noNaN: true }),
        gangueToPhosphate: fc.double({ min: 0, max: 1, noNaN: true }),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(solidFeedArb, commonParamsArb(KEYS), extra, (feed, common, more) => {
        const params = { ...common, ...more } as CausticDigestionParams;
        expectConserved(causticDigestion(feed, params), [feed]);
      }),
      { numRuns: 200 },
    );
  });

  it('causticDigestion(monazite, random invalid params) throws a ReesimError and nothing else', () => {
    fc.assert(
      fc.property(badParamArb([...KEYS, 'acidExcess', 'gangueToPhosphate']), (bad) => {
        return throwsReesim(() => causticDigestion(monazite, bad as never), LEACH_PARAM_CODES);
      }),
      { numRuns: 200 },
    );
    expect(codeOf(() => causticDigestion(monazite, { gangueToPhosphate: 1.1 }))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => causticDigestion(monazite, 'fast' as never))).toBe('INVALID_TYPE');
  });

  it('causticDigestionUnit runs from a port record', () => {
    const r = causticDigestionUnit.run({ feed: monazite }, {});
    expect(Object.keys(r.outlets).sort()).toEqual(['liquor', 'phosphate', 'residue']);
    expect(r.report.unit).toBe('caustic-digestion');
    expect(Object.keys(r.report.added).sort()).toEqual(['digestionWater', 'leachWater']);
  });
});
