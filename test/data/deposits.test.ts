import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RARE_EARTHS } from '../../src/chemistry/elements.js';
import {
  DEPOSIT_IDS,
  type Deposit,
  depositDistribution,
  deposits,
  getDeposit,
  normaliseDistribution,
} from '../../src/data/deposits.js';
import { type Provenance, sources } from '../../src/data/provenance.js';
import { codeOf } from '../helpers.js';

const BASES = ['primary', 'secondary', 'recalled', 'derived', 'assumed'];
const CONFIDENCES = ['high', 'medium', 'low', 'assumed'];

function columnSum(d: Deposit): number {
  return Object.values(d.distribution.value).reduce((a, b) => a + (b ?? 0), 0);
}

function expectProvenance(p: Provenance | undefined): void {
  expect(p).toBeDefined();
  expect(Object.keys(sources)).toContain(p?.source);
  expect(BASES).toContain(p?.basis);
  expect(CONFIDENCES).toContain(p?.confidence);
}

describe('deposits', () => {
  it.each(DEPOSIT_IDS)('deposits[%s].distribution sums to 95-103 % before normalising', (id) => {
    const sum = columnSum(deposits[id]);
    expect(sum).toBeGreaterThanOrEqual(95);
    expect(sum).toBeLessThanOrEqual(103);
  });

  it.each(DEPOSIT_IDS)('depositDistribution(%s) sums to 1 and keeps the published proportions', (id) => {
    const f = depositDistribution(id);
    const sum = Object.values(f).reduce((a, b) => a + b, 0);
    expect(Math.abs(sum - 1)).toBeLessThan(1e-12);
    const published = deposits[id].distribution.value;
    const column = columnSum(deposits[id]);
    for (const s of RARE_EARTHS) expect(f[s]).toBeCloseTo((published[s] ?? 0) / column, 14);
  });

  it("deposits['mountain-pass'] gives La 33.2, Ce 49.1, Nd 12.0 % of TREO as published", () => {
    // CH06 via ree-data.md 5.1 (Mountain Pass bastnaesite column), K, M-H.
    const d = deposits['mountain-pass'].distribution.value;
    expect(d.La).toBe(33.2);
    expect(d.Ce).toBe(49.1);
    expect(d.Nd).toBe(12.0);
    // MP 10-K via ree-data.md 5.2: 5.97 % TREO.
    expect(deposits['mountain-pass'].grade.value).toBe(0.0597);
    expect(deposits['mount-weld'].grade.value).toBe(0.0644);
  });

  it.each(DEPOSIT_IDS)('deposits[%s] has an id, provenance for every number and assays <= 100 %', (id) => {
    const d = deposits[id];
    expect(d.id).toBe(id);
    expect(getDeposit(id)).toBe(d);
    expectProvenance(d.distribution);
    expectProvenance(d.grade);
    let sum = d.grade.value;
    for (const item of [d.thorium, d.uranium, d.assay?.Fe, d.assay?.Ca, d.assay?.Al]) {
      if (item === undefined) continue;
      expectProvenance(item);
      expect(item.value).toBeGreaterThanOrEqual(0);
      sum += item.value;
    }
    expect(d.grade.value).toBeGreaterThan(0);
    expect(sum).toBeLessThanOrEqual(1);
  });

  it.each(DEPOSIT_IDS)('deposits[%s] is flagged as a proxy exactly when it is one', (id) => {
    const d = deposits[id];
    const isProxy = id.endsWith('-proxy');
    expect(d.proxy).toBe(isProxy);
    if (isProxy) {
      expect(d.distribution.confidence).toBe('assumed');
      expect(d.note).toMatch(/proxy of/);
      expect(d.note).toMatch(/no published distribution/);
    }
  });

  it('derived Th and Fe contents follow from the sheet by hand', () => {
    // Monazite ~8 % ThO2 over ~60 % REO (ree-data.md 1, 5.2), times the assumed 0.06 % TREO sand grade.
    expect(deposits['north-capel'].thorium?.value).toBeCloseTo((0.0006 * 0.08) / 0.6, 15);
    // Beylikova plant plan (BEY): 250 t Th per 10,000 t REO, as ThO2 (232.0377 + 2 x 15.999) / 232.0377.
    const thO2 = (232.0377 + 2 * 15.999) / 232.0377;
    expect(deposits['beylikova-proxy'].thorium?.value).toBeCloseTo(0.0278 * (250 / 10000) * thO2, 15);
    // Bayan Obo ~30-35 % Fe (DREW90), mid-point as Fe2O3.
    const fe2o3 = (2 * 55.845 + 3 * 15.999) / (2 * 55.845);
    expect(deposits['bayan-obo'].assay?.Fe?.value).toBeCloseTo(0.325 * fe2o3, 15);
  });

  it("getDeposit('atlantis') throws UNKNOWN_KEY; getDeposit(42) throws INVALID_TYPE", () => {
    expect(codeOf(() => getDeposit('atlantis'))).toBe('UNKNOWN_KEY');
    expect(codeOf(() => depositDistribution('atlantis'))).toBe('UNKNOWN_KEY');
    expect(codeOf(() => getDeposit(42 as unknown as string))).toBe('INVALID_TYPE');
  });

  it('normaliseDistribution(random shares) sums to 1 and keeps proportions', () => {
    const share = fc.double({ min: 0, max: 1e6, noNaN: true });
    fc.assert(
      fc.property(fc.record({ La: share, Ce: share, Nd: share, Y: share, Dy: share }), (d) => {
        const sum = d.La + d.Ce + d.Nd + d.Y + d.Dy;
        fc.pre(sum > 0);
        const f = normaliseDistribution(d);
        const got = Object.values(f).reduce((a, b) => a + b, 0);
        expect(Math.abs(got - 1)).toBeLessThan(1e-12);
        expect(f.Nd).toBeCloseTo(d.Nd / sum, 12);
        expect(f.Sc).toBe(0);
      }),
      { numRuns: 200 },
    );
  });

  it('normaliseDistribution(bad shares) throws ReesimError with the right code', () => {
    const bad = fc.oneof(
      fc.constant([{ Xx: 1 }, 'UNKNOWN_KEY']),
      fc.double({ max: -1e-9, noNaN: true, noDefaultInfinity: true }).map((x) => [{ La: x }, 'OUT_OF_RANGE']),
      fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY).map((x) => [{ Ce: x }, 'NOT_FINITE']),
      fc.constant([{ La: 0, Ce: 0 }, 'INFEASIBLE']),
      fc.constant([[1, 2], 'INVALID_TYPE']),
      fc.constant([{ Nd: '12' }, 'INVALID_TYPE']),
    );
    fc.assert(
      fc.property(bad, ([d, code]) => {
        expect(codeOf(() => normaliseDistribution(d as never))).toBe(code);
      }),
      { numRuns: 200 },
    );
  });
});

describe('ion-adsorption clay grades', () => {
  it('turn ~800 ppm REY (element basis, SW16) into TREO with the deposit distribution', () => {
    // By hand for Longnan: element mass per unit oxide = sum(d_i / f_i); f from ree-data.md section 1.
    const f: Record<string, number> = {
      Y: 1.2699,
      La: 1.1728,
      Ce: 1.2284,
      Pr: 1.2082,
      Nd: 1.1664,
      Sm: 1.1596,
      Eu: 1.1579,
      Gd: 1.1526,
      Tb: 1.1762,
      Dy: 1.1477,
      Ho: 1.1455,
      Er: 1.1435,
      Tm: 1.1421,
      Yb: 1.1387,
      Lu: 1.1372,
    };
    const d = deposits.longnan.distribution.value as Record<string, number>;
    let oxide = 0;
    let element = 0;
    for (const [s, pct] of Object.entries(d)) {
      oxide += pct;
      element += pct / (f[s] ?? Number.NaN);
    }
    expect(deposits.longnan.grade.value).toBeCloseTo((0.0008 * oxide) / element, 7);
    expect(deposits.longnan.grade.basis).toBe('derived');
  });
});
