// The built-in extractant systems against ree-data.md §2. Only high-confidence figures are asserted exactly
// (the naphthenic-acid LREE pairs of NA79, the P204 mean adjacent β of PEP57, the Cyanex 272 Ho->Lu geometric
// mean of USTB18, and derived identities); the recalled P507 pairs are asserted as bands.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ReesimError } from '../../src/core/errors.js';
import { sources } from '../../src/data/provenance.js';
import { DEFAULT_LOADING } from '../../src/sx/equilibrium/equilibrium.js';
import {
  type ChainElement,
  type ExtractantSystem,
  extractants,
  relativeExtractability,
  separationFactorModel,
} from '../../src/sx/equilibrium/extractants.js';
import { codeOf } from '../helpers.js';

const SYSTEMS = Object.keys(extractants) as ExtractantSystem[];
const ORGANOPHOSPHORUS: ExtractantSystem[] = ['P507', 'P204', 'Cyanex 272'];
const LANTHANIDES_BUT_PM = [
  'La',
  'Ce',
  'Pr',
  'Nd',
  'Sm',
  'Eu',
  'Gd',
  'Tb',
  'Dy',
  'Ho',
  'Er',
  'Tm',
  'Yb',
  'Lu',
];

function beta(system: ExtractantSystem, key: string): number {
  const p = extractants[system].pairs[key];
  if (p === undefined) throw new Error(`no pair ${key} in ${system}`);
  return p.value;
}

/** The ReesimError `f` throws (fails the test if it throws nothing or something else). */
function errorOf(f: () => unknown): ReesimError {
  try {
    f();
  } catch (e) {
    if (e instanceof ReesimError) return e;
    throw e;
  }
  throw new Error('expected a ReesimError');
}

describe('extractants table', () => {
  it.each(SYSTEMS)('extractants[%s]: pairs are the adjacent pairs of the order, each > 1 and finite', (s) => {
    const d = extractants[s];
    expect(d.name).toBe(s);
    expect(d.medium).toBe('chloride');
    expect(new Set(d.order).size).toBe(d.order.length);
    expect(d.order).not.toContain('Sc');
    expect(d.order).not.toContain('Pm');
    const keys = d.order.slice(1).map((e, i) => `${e}/${d.order[i]}`);
    expect(Object.keys(d.pairs)).toEqual(keys);
    for (const [key, p] of Object.entries(d.pairs)) {
      expect(`${p.more}/${p.less}`).toBe(key);
      expect(Number.isFinite(p.value)).toBe(true);
      expect(p.value).toBeGreaterThan(1);
    }
  });

  it.each(SYSTEMS)('extractants[%s]: every value carries a known source, basis and confidence', (s) => {
    const d = extractants[s];
    const provenances = [
      ...Object.values(d.pairs),
      d.orderProvenance,
      d.loading,
      d.stripAcid,
      d.saponification,
      d.use,
    ];
    for (const p of provenances) {
      expect(Object.hasOwn(sources, p.source)).toBe(true);
      expect(['primary', 'secondary', 'recalled', 'derived', 'assumed']).toContain(p.basis);
      expect(['high', 'medium', 'low', 'assumed']).toContain(p.confidence);
    }
    // Every pair explains itself in a note (mid-point, conditions, or how it was derived).
    for (const p of Object.values(d.pairs)) expect(p.note?.length ?? 0).toBeGreaterThan(0);
  });

  it('a pair stored as the mid-point of a range says so and lies in it', () => {
    for (const s of SYSTEMS) {
      for (const p of Object.values(extractants[s].pairs)) {
        if (p.range === undefined) continue;
        const [low, high] = p.range;
        expect(p.value).toBeCloseTo((low + high) / 2, 12);
        expect(p.note).toContain(`mid-point of range ${low}-${high}`);
        expect(p.basis).toBe('recalled');
      }
    }
  });

  it('only sourced aggregates are high confidence among the organophosphorus pairs', () => {
    // ree-data 2.2-2.4: no single organophosphorus pair is better than medium.
    for (const s of ORGANOPHOSPHORUS) {
      for (const p of Object.values(extractants[s].pairs)) expect(p.confidence).not.toBe('high');
    }
  });

  it('Pm is out of every chain: P507 Sm/Nd is the two-step Nd -> Sm gap (ree-data 2.2)', () => {
    const p = extractants.P507.pairs['Sm/Nd'];
    expect(p?.range).toEqual([6, 10]);
    expect(p?.note).toContain('Pm absent');
  });
});

describe('order of extractability (ree-data 2.1, 2.5)', () => {
  it.each(ORGANOPHOSPHORUS)('%s: La least, Lu most, lanthanides by Z, Y between Ho and Er', (s) => {
    const order = extractants[s].order;
    expect(order.filter((e) => e !== 'Y')).toEqual(LANTHANIDES_BUT_PM);
    expect(order.indexOf('Y')).toBe(order.indexOf('Ho') + 1);
    expect(order.indexOf('Er')).toBe(order.indexOf('Y') + 1);
  });

  it('naphthenic acid: Y is the least extracted', () => {
    expect(extractants['naphthenic acid'].order).toEqual(['Y', 'La', 'Ce', 'Pr', 'Nd']);
    const r = relativeExtractability('naphthenic acid');
    for (const [e, v] of Object.entries(r)) if (e !== 'Y') expect(v).toBeGreaterThan(r.Y ?? Number.NaN);
  });
});

describe('relativeExtractability', () => {
  it.each(SYSTEMS)(
    'relativeExtractability(%s) is the running product of the adjacent pairs (transitivity)',
    (s) => {
      const d = extractants[s];
      const r = relativeExtractability(s);
      expect(Object.keys(r)).toEqual(d.order);
      let product = 1;
      d.order.forEach((e, i) => {
        if (i > 0) product *= beta(s, `${e}/${d.order[i - 1]}`);
        expect(r[e]).toBeCloseTo(product, 9);
      });
    },
  );

  it('relativeExtractability(system, subset) gives the same ratios as the whole chain (β(C/A) = β(C/B)·β(B/A))', () => {
    fc.assert(
      fc.property(
        fc
          .constantFrom(...SYSTEMS)
          .chain((s) =>
            fc.tuple(
              fc.constant(s),
              fc.shuffledSubarray([...extractants[s].order], { minLength: 1 }) as fc.Arbitrary<
                ChainElement[]
              >,
            ),
          ),
        ([s, subset]) => {
          const full = relativeExtractability(s);
          const r = relativeExtractability(s, subset);
          const ordered = extractants[s].order.filter((e) => subset.includes(e));
          expect(Object.keys(r)).toEqual(ordered);
          const least = ordered[0] ?? '';
          expect(r[least]).toBe(1);
          for (const e of ordered) {
            const v = r[e] ?? Number.NaN;
            expect(Number.isFinite(v)).toBe(true);
            expect(v / ((full[e] ?? 0) / (full[least] ?? 1))).toBeCloseTo(1, 12);
          }
        },
      ),
    );
  });

  it('aliases give the same table', () => {
    expect(relativeExtractability('PC88A')).toEqual(relativeExtractability('P507'));
    expect(relativeExtractability('HEH(EHP)')).toEqual(relativeExtractability('P507'));
    expect(relativeExtractability('D2EHPA')).toEqual(relativeExtractability('P204'));
  });
});

describe('P507 (ree-data 2.2)', () => {
  it('La -> Lu product of the mid-points ≈ 10^5.2 (band 10^4.5-10^6: the pairs are low confidence)', () => {
    const lu = relativeExtractability('P507').Lu ?? 0;
    expect(Math.log10(lu)).toBeGreaterThan(4.5);
    expect(Math.log10(lu)).toBeLessThan(6);
    // The sheet's own consistency check with mid-points [D]: ≈ 10^5.2.
    expect(Math.log10(lu)).toBeCloseTo(5.2, 1);
  });

  it('Nd/Pr lies in 1.4-1.6 (medium confidence)', () => {
    expect(beta('P507', 'Nd/Pr')).toBeGreaterThanOrEqual(1.4);
    expect(beta('P507', 'Nd/Pr')).toBeLessThanOrEqual(1.6);
    expect(extractants.P507.pairs['Nd/Pr']?.confidence).toBe('medium');
  });

  it('Eu/Sm ≈ 2.0 and Gd/Eu ≈ 1.4 (ZZS16 design values, medium: bands)', () => {
    expect(beta('P507', 'Eu/Sm')).toBeGreaterThan(1.8);
    expect(beta('P507', 'Eu/Sm')).toBeLessThan(2.2);
    expect(beta('P507', 'Gd/Eu')).toBeGreaterThan(1.3);
    expect(beta('P507', 'Gd/Eu')).toBeLessThan(1.5);
  });

  it('loading 1.5 M × 36 % / 3 = 0.18 mol/L, the default of the separation-factor model (derived, high)', () => {
    expect(extractants.P507.loading.value).toBeCloseTo(0.18, 15);
    expect(extractants.P507.loading.value).toBe(DEFAULT_LOADING);
    expect(extractants.P507.loading.basis).toBe('derived');
  });
});

describe('P204 and Cyanex 272 (ree-data 2.1, 2.3, 2.4)', () => {
  it('P204: geometric-mean adjacent β over La -> Lu (14 steps of Z) is 2.5 (PEP57, high)', () => {
    const lu = relativeExtractability('P204').Lu ?? 0;
    expect(lu ** (1 / 14)).toBeCloseTo(2.5, 12);
  });

  it('P204: LREE pairs inside the recalled ranges (Ce/La 2.5-3, Pr/Ce 1.5-2, Nd/Pr 1.3-1.4)', () => {
    expect(beta('P204', 'Ce/La')).toBeGreaterThanOrEqual(2.5);
    expect(beta('P204', 'Ce/La')).toBeLessThanOrEqual(3);
    expect(beta('P204', 'Pr/Ce')).toBeGreaterThanOrEqual(1.5);
    expect(beta('P204', 'Pr/Ce')).toBeLessThanOrEqual(2);
    expect(beta('P204', 'Nd/Pr')).toBeGreaterThanOrEqual(1.3);
    expect(beta('P204', 'Nd/Pr')).toBeLessThanOrEqual(1.4);
  });

  it('Cyanex 272: geometric-mean adjacent β Ho -> Lu (4 steps of Z) is 2.08 (USTB18, high)', () => {
    const r = relativeExtractability('Cyanex 272', ['Ho', 'Lu']);
    expect((r.Lu ?? 0) ** (1 / 4)).toBeCloseTo(2.08, 12);
  });

  it('Cyanex 272: Nd/Pr in 1.2-1.4, below P507 (LREE pairs poorer); the LREE/MREE fill-ins are labelled assumed', () => {
    expect(beta('Cyanex 272', 'Nd/Pr')).toBeGreaterThanOrEqual(1.2);
    expect(beta('Cyanex 272', 'Nd/Pr')).toBeLessThanOrEqual(1.4);
    expect(beta('Cyanex 272', 'Nd/Pr')).toBeLessThan(beta('P507', 'Nd/Pr'));
    for (const key of ['Ce/La', 'Pr/Ce', 'Sm/Nd', 'Eu/Sm', 'Gd/Eu', 'Tb/Gd', 'Dy/Tb', 'Ho/Dy']) {
      expect(extractants['Cyanex 272'].pairs[key]?.confidence).toBe('assumed');
    }
  });

  it.each(['P507', 'P204'] as const)(
    '%s: the big gaps Sm/Nd and Tb/Gd exceed the hard cuts Nd/Pr and Gd/Eu',
    (s) => {
      for (const gap of ['Sm/Nd', 'Tb/Gd']) {
        for (const hard of ['Nd/Pr', 'Gd/Eu']) expect(beta(s, gap)).toBeGreaterThan(beta(s, hard));
      }
    },
  );

  it.each(ORGANOPHOSPHORUS)('%s: mean adjacent β La -> Lu is not much above 2.9 (KOL, band)', (s) => {
    const lu = relativeExtractability(s).Lu ?? 0;
    expect(lu ** (1 / 14)).toBeLessThanOrEqual(2.9);
    expect(lu ** (1 / 14)).toBeGreaterThan(1);
  });
});

describe('naphthenic acid (ree-data 2.5)', () => {
  it('LREE pairs Ce/La 2.5, Pr/Ce 1.2, Nd/Pr 1.3 (NA79, high for that system)', () => {
    const expected = { 'Ce/La': 2.5, 'Pr/Ce': 1.2, 'Nd/Pr': 1.3 };
    for (const [key, value] of Object.entries(expected)) {
      const p = extractants['naphthenic acid'].pairs[key];
      expect(p?.value).toBe(value);
      expect(p?.source).toBe('NA79');
      expect(p?.confidence).toBe('high');
    }
  });

  it('La/Y is the mid-point of the smallest β(Ln/Y) range 1.3-2, labelled low', () => {
    const p = extractants['naphthenic acid'].pairs['La/Y'];
    expect(p?.value).toBeCloseTo(1.65, 12);
    expect(p?.confidence).toBe('low');
  });

  it('loading 1.8 M × 48 % / 3 = 0.288 mol/L (NA79 conditions)', () => {
    expect(extractants['naphthenic acid'].loading.value).toBeCloseTo(0.288, 12);
  });
});

describe('separationFactorModel', () => {
  it("separationFactorModel('P507', [Nd, Pr]) has β ratio 1.5 and loading 0.18", () => {
    const m = separationFactorModel('P507', ['Nd', 'Pr']);
    expect(m.kind).toBe('separationFactors');
    expect(m.beta).toEqual({ Pr: 1, Nd: 1.5 });
    expect(m.loading).toBeCloseTo(0.18, 15);
  });

  it.each(SYSTEMS)(
    'separationFactorModel(%s, whole chain) carries relativeExtractability and the loading',
    (s) => {
      const m = separationFactorModel(s, [...extractants[s].order].reverse());
      expect(m.beta).toEqual(relativeExtractability(s));
      expect(m.loading).toBe(extractants[s].loading.value);
    },
  );

  it('overrides a chain pair: downstream products change, upstream do not', () => {
    const m = separationFactorModel('P507', ['La', 'Ce', 'Pr', 'Nd', 'Sm'], { pairs: { 'Nd/Pr': 1.6 } });
    const base = relativeExtractability('P507', ['La', 'Ce', 'Pr', 'Nd', 'Sm']);
    expect(m.beta.Pr).toBeCloseTo(base.Pr ?? 0, 12);
    expect((m.beta.Nd ?? 0) / (m.beta.Pr ?? 1)).toBeCloseTo(1.6, 12);
    expect((m.beta.Sm ?? 0) / (m.beta.Nd ?? 1)).toBeCloseTo(beta('P507', 'Sm/Nd'), 12);
  });

  it('overrides a pair adjacent among the selected elements (Sm/Pr without Nd)', () => {
    const m = separationFactorModel('P507', ['Pr', 'Sm'], { pairs: { 'Sm/Pr': 10 } });
    expect(m.beta).toEqual({ Pr: 1, Sm: 10 });
    // A chain pair between them applies when the skip pair is not given.
    const n = separationFactorModel('P507', ['Pr', 'Sm'], { pairs: { 'Nd/Pr': 2 } });
    expect(n.beta.Sm).toBeCloseTo(2 * beta('P507', 'Sm/Nd'), 12);
    // A chain pair outside the selection has no effect.
    const o = separationFactorModel('P507', ['Pr', 'Nd'], { pairs: { 'Lu/Yb': 3 } });
    expect(o.beta).toEqual({ Pr: 1, Nd: 1.5 });
  });

  it('overrides the loading', () => {
    expect(separationFactorModel('P204', ['Nd', 'Pr'], { loading: 0.25 }).loading).toBe(0.25);
  });

  it('does not change the table', () => {
    const before = JSON.stringify(extractants);
    separationFactorModel('P507', ['Nd', 'Pr'], { pairs: { 'Nd/Pr': 1.7 } });
    expect(JSON.stringify(extractants)).toBe(before);
  });

  it('random selections and positive overrides give finite β', () => {
    fc.assert(
      fc.property(
        fc
          .constantFrom(...SYSTEMS)
          .chain((s) =>
            fc.tuple(
              fc.constant(s),
              fc.shuffledSubarray([...extractants[s].order], { minLength: 1 }),
              fc.double({ min: 0.01, max: 100, noNaN: true }),
            ),
          ),
        ([s, subset, value]) => {
          const key = Object.keys(extractants[s].pairs)[0] ?? '';
          const m = separationFactorModel(s, subset, { pairs: { [key]: value } });
          for (const v of Object.values(m.beta)) expect(Number.isFinite(v) && v > 0).toBe(true);
          expect(Object.keys(m.beta).sort()).toEqual([...subset].sort());
        },
      ),
    );
  });
});

describe('bad input', () => {
  it('an unknown system is UNKNOWN_KEY at its path', () => {
    const e = errorOf(() => relativeExtractability('P508'));
    expect(e.code).toBe('UNKNOWN_KEY');
    expect(e.path).toBe('relativeExtractability.system');
    expect(errorOf(() => separationFactorModel('TBP', ['Nd'])).path).toBe('separationFactorModel.system');
    expect(codeOf(() => relativeExtractability(42 as unknown as string))).toBe('INVALID_TYPE');
  });

  it('an unknown element is UNKNOWN_KEY at its index', () => {
    const e = errorOf(() => separationFactorModel('P507', ['Nd', 'Xx']));
    expect(e.code).toBe('UNKNOWN_KEY');
    expect(e.path).toBe('separationFactorModel.elements[1]');
    expect(errorOf(() => relativeExtractability('P507', ['Fe'])).path).toBe(
      'relativeExtractability.elements[0]',
    );
  });

  it('Sc, Pm and rare earths outside a table are NOT_SUPPORTED', () => {
    expect(codeOf(() => relativeExtractability('P507', ['Sc', 'Y']))).toBe('NOT_SUPPORTED');
    expect(codeOf(() => separationFactorModel('P204', ['Nd', 'Pm']))).toBe('NOT_SUPPORTED');
    const e = errorOf(() => separationFactorModel('naphthenic acid', ['Y', 'Dy']));
    expect(e.code).toBe('NOT_SUPPORTED');
    expect(e.path).toBe('separationFactorModel.elements[1]');
  });

  it('malformed element lists', () => {
    expect(codeOf(() => separationFactorModel('P507', []))).toBe('MISSING');
    expect(codeOf(() => separationFactorModel('P507', 'Nd' as unknown as string[]))).toBe('INVALID_TYPE');
    expect(codeOf(() => separationFactorModel('P507', ['Nd', 'Nd']))).toBe('INVALID_TYPE');
    expect(codeOf(() => separationFactorModel('P507', [3 as unknown as string]))).toBe('INVALID_TYPE');
    expect(codeOf(() => relativeExtractability('P507', null as unknown as string[]))).toBe('INVALID_TYPE');
  });

  it('bad overrides', () => {
    const m = (o: unknown) => () => separationFactorModel('P507', ['Pr', 'Nd', 'Sm'], o as object);
    expect(errorOf(m({ loadings: 1 })).path).toBe('separationFactorModel.overrides.loadings');
    expect(codeOf(m({ loadings: 1 }))).toBe('UNKNOWN_KEY');
    const wrongWay = errorOf(m({ pairs: { 'Pr/Nd': 1.5 } }));
    expect(wrongWay.code).toBe('UNKNOWN_KEY');
    expect(wrongWay.path).toBe('separationFactorModel.overrides.pairs.Pr/Nd');
    expect(codeOf(m({ pairs: { 'Sm/Pr': 9 } }))).toBe('UNKNOWN_KEY'); // Nd is selected: not adjacent
    expect(codeOf(m({ pairs: { 'Nd/Pr': Number.NaN } }))).toBe('NOT_FINITE');
    expect(codeOf(m({ pairs: { 'Nd/Pr': -1 } }))).toBe('OUT_OF_RANGE');
    expect(codeOf(m({ pairs: { 'Nd/Pr': '1.5' } }))).toBe('INVALID_TYPE');
    expect(codeOf(m({ pairs: [] }))).toBe('INVALID_TYPE');
    expect(codeOf(m({ loading: 0 }))).toBe('OUT_OF_RANGE');
    expect(codeOf(m({ loading: Number.POSITIVE_INFINITY }))).toBe('NOT_FINITE');
    expect(codeOf(m(null))).toBe('INVALID_TYPE');
    expect(codeOf(m({ pairs: { 'Nd/Pr': 1e9, 'Sm/Nd': 1e9 } }))).toBe('OUT_OF_RANGE');
  });
});
