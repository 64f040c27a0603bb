import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { total, treo } from '../../src/stream/composition.js';
import { amount, makeStream } from '../../src/stream/stream.js';
import { type HclLeachParams, hclLeach, hclLeachPresets, hclLeachUnit } from '../../src/units/hclLeach.js';
import { codeOf, expectConserved, throwsReesim } from '../helpers.js';
import { badParamArb, commonParamsArb, LEACH_PARAM_CODES, solidFeedArb } from './leachArbitraries.js';

const KEYS = ['dissolution', 'liquidToSolid', 'residueMoisture', 'energyPerTonne', 'excess'];
// Molar mass by hand: HCl = 1.008 + 35.45 g/mol; oxide factors by hand from CIAAW atomic weights.
const HCL = 1.008 + 35.45;
const ND2O3_PER_ND = (2 * 144.242 + 3 * 15.999) / (2 * 144.242);
const CAO_PER_CA = (40.078 + 15.999) / 40.078;
// A Mountain Pass flotation concentrate per 100 kg/h dry: 60 REO (as Nd2O3), 5 CaO (calcite), 35 gangue
// (~60 % REO, JOR13, recalled, medium).
const mpConc = makeStream('concentrate', { Nd: 60 / ND2O3_PER_ND, Ca: 5 / CAO_PER_CA, Gangue: 35 });

describe('hclLeach', () => {
  it("hclLeach(pure Nd, { mode: 'dissolve', dissolution: { Nd: 1 }, excess: 0 }) takes 3 mol HCl per mol Nd", () => {
    const r = hclLeach(makeStream('concentrate', { Nd: 100 }), {
      mode: 'dissolve',
      dissolution: { Nd: 1 },
      excess: 0,
    });
    expect(r.report.reagents.HCl).toBeCloseTo(3 * (100 / 144.242) * HCL, 9);
    expect(amount(r.outlets.liquor, 'Nd')).toBe(100);
    expect(amount(r.outlets.liquor, 'H2O')).toBeCloseTo(4 * 100 * ND2O3_PER_ND, 9);
    expect(r.outlets.liquor.compound).toBe('chloride');
  });

  it("hclLeach(CaCO3 feed, { mode: 'gangue', excess: 0 }) takes 2 mol HCl per mol Ca dissolved", () => {
    const r = hclLeach(makeStream('concentrate', { Ca: 40.078 }), { mode: 'gangue', excess: 0 });
    expect(r.report.reagents.HCl).toBeCloseTo(2 * 0.95 * HCL, 9);
  });

  it('hclLeach(Mountain Pass concentrate, gangue preset) raises the grade from 0.60 to ~0.70 (JOR13)', () => {
    const r = hclLeach(mpConc, hclLeachPresets.mountainPassGangueLeach.params);
    const { residue } = r.outlets;
    expect(treo(mpConc) / total(mpConc)).toBeCloseTo(0.6, 12);
    // Calibration check, not an independent oracle: the gangue-mode defaults were chosen so that this
    // concentrate reaches JOR13's ~70 % REO. By hand: REO 60 x 0.99 stays; CaO 5 x 0.05 and gangue 35 x 0.7 stay.
    const expected = (60 * 0.99) / (60 * 0.99 + 5 * 0.05 + 35 * 0.7);
    expect(treo(residue) / total(residue)).toBeCloseTo(expected, 12);
    expect(Math.abs(expected - 0.7)).toBeLessThan(0.01);
    expect(r.report.figures.residueGrade).toBeCloseTo(expected, 12);
    // The rare earths stay in the solid, which is the upgraded concentrate.
    expect(amount(residue, 'Nd') / amount(mpConc, 'Nd')).toBeCloseTo(0.99, 12);
    expect(residue.form).toBe('concentrate');
  });

  it('hclLeach(bastnaesite, Molycorp roast preset) leaves Ce and Th in the residue', () => {
    const feed = makeStream('concentrate', { Ce: 100, Nd: 100, Th: 1, Gangue: 50 });
    const r = hclLeach(feed, hclLeachPresets.molycorpRoastLeach.params);
    expect(amount(r.outlets.liquor, 'Ce')).toBeCloseTo(5, 12);
    expect(amount(r.outlets.liquor, 'Nd')).toBeCloseTo(95, 12);
    expect(r.report.figures.thoriumToResidue).toBeCloseTo(0.95, 12);
    const plain = hclLeach(feed, { mode: 'dissolve' });
    expect(amount(plain.outlets.liquor, 'Ce')).toBeCloseTo(95, 12);
  });

  it('hclLeach(random feed, random valid params) conserves every species and gives no NaN', () => {
    const modeArb = fc.oneof(
      fc.constant({ mode: 'gangue' }),
      fc.record({ mode: fc.constant('dissolve'), oxidisingRoast: fc.boolean() }),
    );
    fc.assert(
      fc.property(solidFeedArb, modeArb, commonParamsArb(KEYS), (feed, mode, common) => {
        const params = { ...common, ...mode } as HclLeachParams;
        expectConserved(hclLeach(feed, params), [feed]);
      }),
      { numRuns: 200 },
    );
  });

  it('hclLeach(conc, random invalid params) throws a ReesimError and nothing else', () => {
    fc.assert(
      fc.property(badParamArb(KEYS), (bad) => {
        return throwsReesim(() => hclLeach(mpConc, { mode: 'dissolve', ...bad } as never), LEACH_PARAM_CODES);
      }),
      { numRuns: 200 },
    );
    expect(codeOf(() => hclLeach(mpConc, { mode: 'gangue', oxidisingRoast: true }))).toBe('INFEASIBLE');
    expect(codeOf(() => hclLeach(mpConc, { mode: 'dissolve', oxidisingRoast: 1 } as never))).toBe(
      'INVALID_TYPE',
    );
    expect(codeOf(() => hclLeach(mpConc, {} as never))).toBe('MISSING');
    expect(codeOf(() => hclLeach(mpConc, { mode: 'melt' } as never))).toBe('UNKNOWN_KEY');
  });

  it('hclLeachUnit runs from a port record', () => {
    const r = hclLeachUnit.run({ feed: mpConc }, { mode: 'gangue' });
    expect(Object.keys(r.outlets).sort()).toEqual(['liquor', 'residue']);
    expect(r.report.unit).toBe('hcl-leach');
  });
});
