import fc from 'fast-check';
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { SPECIES } from '../../src/chemistry/species.js';
import { DEPOSIT_IDS, type Deposit, deposits } from '../../src/data/deposits.js';
import { sourced } from '../../src/data/provenance.js';
import { total, treo } from '../../src/stream/composition.js';
import { amount } from '../../src/stream/stream.js';
import { type MineParams, mine, mineUnit } from '../../src/units/mine.js';
import { codeOf } from '../helpers.js';

// Mountain Pass column, % of TREO (CH06 via ree-data.md 5.1), La..Lu then Y; Lu 'tr' = 0.
const MP_COLUMN = [
  33.2, 49.1, 4.34, 12.0, 0.789, 0.118, 0.166, 0.0159, 0.0312, 0.0051, 0.0035, 0.0009, 0.0006, 0,
];
const MP_SUM = [...MP_COLUMN, 0.0913].reduce((a, b) => a + b, 0);
// Nd2O3 / Nd from CIAAW masses (ree-data.md 1): (2 x 144.242 + 3 x 15.999) / (2 x 144.242).
const ND2O3_PER_ND = (2 * 144.242 + 3 * 15.999) / (2 * 144.242);

/** Lognormal factor with mean 1 and CV `cv`, written out from the definition. */
function expectedFactor(cv: number, key: string): number {
  const rng = seedrandom.alea(key);
  const r1 = 1 - rng();
  const r2 = rng();
  const sigma2 = Math.log(1 + cv * cv);
  const normal = Math.sqrt(-2 * Math.log(r1)) * Math.cos(2 * Math.PI * r2);
  return Math.exp(Math.sqrt(sigma2) * normal - sigma2 / 2);
}

describe('mine', () => {
  it("mine({ deposit: 'mountain-pass', oreRate: 100 }) delivers 5.97 t/h TREO with Nd2O3 12.0/sum of TREO", () => {
    // MP 10-K via ree-data.md 5.2: 5.97 % TREO; 100 t/h dry -> 5.97 t/h TREO.
    const r = mine({ deposit: 'mountain-pass', oreRate: 100 });
    const ore = r.outlets.ore;
    expect(Math.abs(treo(ore) / 1000 - 5.97)).toBeLessThan(1e-9);
    const nd2o3 = amount(ore, 'Nd') * ND2O3_PER_ND;
    expect(nd2o3 / treo(ore)).toBeCloseTo(12.0 / MP_SUM, 12);
    expect(nd2o3).toBeCloseTo((5970 * 12.0) / MP_SUM, 9);
    expect(total(ore)).toBe(100_000);
    expect(amount(ore, 'H2O')).toBeCloseTo((100_000 * 0.05) / 0.95, 9);
    expect(ore.form).toBe('ore');
    expect(ore.compound).toBe('mineral');
    expect(r.report.figures.headGrade).toBeCloseTo(0.0597, 12);
    expect(r.report.figures.treoRate).toBeCloseTo(5970, 9);
    expect(r.report.energy).toBe(500);
    expect(r.report.balance.residual).toBe(0);
    expect(r.report.added['in-situ ore']).toEqual(ore);
  });

  it("mine({ deposit: 'mountain-pass', oreRate: 100, dilution: 0.1 }) scales TREO by 0.9", () => {
    const clean = mine({ deposit: 'mountain-pass', oreRate: 100 }).outlets.ore;
    const diluted = mine({ deposit: 'mountain-pass', oreRate: 100, dilution: 0.1 }).outlets.ore;
    expect(treo(diluted)).toBeCloseTo(0.9 * 5970, 9);
    expect(amount(diluted, 'Th')).toBeCloseTo(0.9 * amount(clean, 'Th'), 12);
    expect(total(diluted)).toBe(100_000);
  });

  it("mine({ deposit: 'bayan-obo', oreRate: 50 }) carries Fe2O3 and ThO2 as given and closes the dry mass", () => {
    const ore = mine({ deposit: 'bayan-obo', oreRate: 50, moisture: 0 }).outlets.ore;
    const fe2o3PerFe = (2 * 55.845 + 3 * 15.999) / (2 * 55.845);
    const thO2PerTh = (232.0377 + 2 * 15.999) / 232.0377;
    expect(amount(ore, 'Fe') * fe2o3PerFe).toBeCloseTo(
      50_000 * (deposits['bayan-obo'].assay?.Fe?.value ?? 0),
      8,
    );
    expect(amount(ore, 'Th') * thO2PerTh).toBeCloseTo(50_000 * 0.0004, 10);
    expect(amount(ore, 'H2O')).toBe(0);
    expect(total(ore)).toBe(50_000);
  });

  it('mine(params with gradeVariability) draws the documented lognormal factor', () => {
    const v = { cv: 0.25, seed: 'pit', period: 7 };
    const r = mine({ deposit: 'mountain-pass', oreRate: 100, gradeVariability: v });
    const f = expectedFactor(0.25, 'pit:7');
    expect(r.report.figures.gradeFactor).toBeCloseTo(f, 12);
    expect(treo(r.outlets.ore)).toBeCloseTo(5970 * f, 8);
  });

  it('mine(same seed and period) gives identical bits; another period differs', () => {
    const params: MineParams = {
      deposit: 'longnan',
      oreRate: 10,
      gradeVariability: { cv: 0.3, seed: 's', period: 3 },
    };
    const a = mine(params);
    const b = mine(structuredClone(params));
    expect(a.outlets.ore.amounts.every((x, i) => Object.is(x, b.outlets.ore.amounts[i]))).toBe(true);
    const c = mine({ ...params, gradeVariability: { cv: 0.3, seed: 's', period: 4 } });
    expect(c.outlets.ore.amounts).not.toEqual(a.outlets.ore.amounts);
    expect(c.report.figures.gradeFactor).not.toBe(a.report.figures.gradeFactor);
  });

  it('mine(cv 0.3 over 2000 periods) has a grade factor of mean ~1 and CV ~0.3', () => {
    const factors: number[] = [];
    for (let period = 0; period < 2000; period++) {
      const r = mine({
        deposit: 'mountain-pass',
        oreRate: 1,
        gradeVariability: { cv: 0.3, seed: 'mean', period },
      });
      factors.push(r.report.figures.gradeFactor ?? Number.NaN);
    }
    const mean = factors.reduce((a, b) => a + b, 0) / factors.length;
    const sd = Math.sqrt(factors.reduce((a, b) => a + (b - mean) ** 2, 0) / (factors.length - 1));
    expect(Math.abs(mean - 1)).toBeLessThan(0.03);
    expect(Math.abs(sd / mean - 0.3)).toBeLessThan(0.05);
  });

  it('mine({ deposit: userDeposit }) accepts a valid Deposit and rejects an impossible one', () => {
    const mp = deposits['mountain-pass'];
    const user: Deposit = { ...mp, id: 'my-pit', grade: sourced(0.1, 'REESIM', 'assumed', 'assumed') };
    expect(treo(mine({ deposit: user, oreRate: 2 }).outlets.ore)).toBeCloseTo(200, 9);
    const rich = { ...user, assay: { Fe: sourced(0.95, 'REESIM', 'assumed', 'assumed') } };
    expect(codeOf(() => mine({ deposit: rich, oreRate: 1 }))).toBe('INFEASIBLE');
    const bad = { ...user, grade: { ...user.grade, value: 1.2 } };
    expect(() => mine({ deposit: bad, oreRate: 1 })).toThrow(/mine\.deposit\.grade\.value/);
    const typo = { ...user, grades: 0.1 } as unknown as Deposit;
    expect(codeOf(() => mine({ deposit: typo, oreRate: 1 }))).toBe('UNKNOWN_KEY');
  });

  it('mineUnit.run({}, params) is mine(params) with no inlets and one ore outlet', () => {
    expect(mineUnit.kind).toBe('mine');
    expect(mineUnit.inlets).toEqual([]);
    expect(mineUnit.outlets).toEqual(['ore']);
    const params: MineParams = { deposit: 'lahat', oreRate: 3 };
    expect(mineUnit.run({}, params)).toEqual(mine(params));
  });

  it('mine(invalid params) throws ReesimError with the right code', () => {
    const base = { deposit: 'mountain-pass', oreRate: 100 };
    const cases: [unknown, string][] = [
      [{ ...base, oreRate: -1 }, 'OUT_OF_RANGE'],
      [{ ...base, oreRate: 0 }, 'OUT_OF_RANGE'],
      [{ ...base, gradeVariability: { cv: Number.NaN, seed: 'a' } }, 'NOT_FINITE'],
      [{ ...base, deposit: 'atlantis' }, 'UNKNOWN_KEY'],
      [{ ...base, oreRat: 100 }, 'UNKNOWN_KEY'],
      [{ deposit: 'mountain-pass' }, 'MISSING'],
      [{ oreRate: 1 }, 'MISSING'],
      [{ ...base, moisture: 1 }, 'OUT_OF_RANGE'],
      [{ ...base, oreRate: 1e306 }, 'OUT_OF_RANGE'],
      [{ ...base, gradeVariability: { cv: 11, seed: 'a' } }, 'OUT_OF_RANGE'],
      [{ ...base, gradeVariability: { cv: 0.1, seed: 'a', period: 1.5 } }, 'OUT_OF_RANGE'],
      [{ ...base, gradeVariability: { cv: 0.1, seed: 3 } }, 'INVALID_TYPE'],
      [null, 'INVALID_TYPE'],
    ];
    for (const [params, code] of cases) expect(codeOf(() => mine(params as MineParams))).toBe(code);
  });
});

const validParams = fc.record(
  {
    deposit: fc.constantFrom(...DEPOSIT_IDS),
    oreRate: fc.double({ min: 1e-3, max: 1e4, noNaN: true }),
    dilution: fc.double({ min: 0, max: 1, noNaN: true }),
    moisture: fc.double({ min: 0, max: 0.9, noNaN: true }),
    energyPerTonne: fc.double({ min: 0, max: 100, noNaN: true }),
    gradeVariability: fc.record(
      { cv: fc.double({ min: 0, max: 10, noNaN: true }), seed: fc.string(), period: fc.nat() },
      { requiredKeys: ['cv', 'seed'] },
    ),
  },
  { requiredKeys: ['deposit', 'oreRate'] },
);

describe('mine properties', () => {
  it('mine(random valid params) conserves every species, stays finite and closes the dry mass', () => {
    fc.assert(
      fc.property(validParams, (params) => {
        const r = mine(params);
        const ore = r.outlets.ore;
        const inSitu = r.report.added['in-situ ore'];
        expect(r.report.balance.residual).toBeLessThanOrEqual(1e-12);
        SPECIES.forEach((_, i) => {
          const x = ore.amounts[i] ?? Number.NaN;
          expect(Number.isFinite(x) && x >= 0).toBe(true);
          const added = inSitu?.amounts[i] ?? Number.NaN;
          expect(Math.abs(x - added)).toBeLessThanOrEqual(1e-12 * Math.max(x, added));
        });
        const dry = params.oreRate * 1000;
        // Exact where floating point allows; a tie in the last bit can leave one rounding.
        expect(Math.abs(total(ore) - dry)).toBeLessThanOrEqual(4 * Number.EPSILON * dry);
        for (const v of Object.values(r.report.figures)) expect(Number.isFinite(v)).toBe(true);
        expect(r.report.figures.headGrade).toBeLessThanOrEqual(1 + 1e-12);
      }),
      { numRuns: 200 },
    );
  });

  it('mine(random invalid params) throws ReesimError and nothing else', () => {
    const bad = fc.oneof(
      fc.double({ max: 0, noNaN: true }).map((x) => ({ oreRate: x })),
      fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, '5').map((x) => ({ oreRate: x })),
      fc.double({ min: 1.000001, max: 1e9, noNaN: true }).map((x) => ({ dilution: x })),
      fc.double({ min: 1, max: 1e9, noNaN: true }).map((x) => ({ moisture: x })),
      fc.double({ max: -1e-9, noNaN: true }).map((x) => ({ energyPerTonne: x })),
      fc.double({ max: -1e-9, noNaN: true }).map((cv) => ({ gradeVariability: { cv, seed: 'x' } })),
      fc
        .string()
        .filter((s) => !(DEPOSIT_IDS as readonly string[]).includes(s))
        .map((d) => ({ deposit: d })),
      fc
        .string({ minLength: 1 })
        .filter(
          (k) =>
            !['deposit', 'oreRate', 'dilution', 'gradeVariability', 'moisture', 'energyPerTonne'].includes(k),
        )
        .map((k) => ({ [k]: 1 })),
    );
    const codes = ['INVALID_TYPE', 'NOT_FINITE', 'OUT_OF_RANGE', 'UNKNOWN_KEY', 'MISSING', 'INFEASIBLE'];
    fc.assert(
      fc.property(bad, (override) => {
        const params = { deposit: 'mount-weld', oreRate: 10, ...override } as unknown as MineParams;
        expect(codes).toContain(codeOf(() => mine(params)));
      }),
      { numRuns: 200 },
    );
  });
});
