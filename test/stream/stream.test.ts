import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { oxideFactor } from '../../src/chemistry/oxide.js';
import { SPECIES, SPECIES_COUNT } from '../../src/chemistry/species.js';
import { balance } from '../../src/stream/balance.js';
import { purity, reoDistribution, total, tre, treo } from '../../src/stream/composition.js';
import { mix } from '../../src/stream/mix.js';
import { fromOxides, toOxides } from '../../src/stream/oxides.js';
import { scale } from '../../src/stream/scale.js';
import { partition, split } from '../../src/stream/split.js';
import {
  amount,
  checkStream,
  composition,
  MAX_FLOW,
  makeStream,
  streamFromVector,
} from '../../src/stream/stream.js';
import { amountsArb, badNumber, codeOf, conserved, fractionArb, streamArb } from '../helpers.js';

describe('makeStream', () => {
  it("makeStream('solution', { La: 12, H2O: 1000 }) holds those flows and zero elsewhere", () => {
    const s = makeStream('solution', { La: 12, H2O: 1000 }, { compound: 'chloride', reagents: { HCl: 5 } });
    expect(amount(s, 'La')).toBe(12);
    expect(amount(s, 'Nd')).toBe(0);
    expect(composition(s)).toEqual({ La: 12, H2O: 1000 });
    expect(s.compound).toBe('chloride');
    expect(s.reagents).toEqual({ HCl: 5 });
    expect(s.amounts).toHaveLength(SPECIES_COUNT);
  });

  it('survives structuredClone and JSON unchanged (it must cross to worker threads)', () => {
    const s = makeStream('oxide', { Nd: 1.5, Pr: 0.5, Gangue: 0.01 }, { compound: 'oxide' });
    expect(structuredClone(s)).toEqual(s);
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
  });

  it("makeStream('ore', { Xx: 1 }) throws UNKNOWN_KEY with the path", () => {
    expect(() => makeStream('ore', { Xx: 1 } as never)).toThrowError(/composition.Xx must be a species/);
  });

  it('makeStream with a bad flow throws a ReesimError, never NaN', () => {
    fc.assert(
      fc.property(badNumber, (x) => {
        const code = codeOf(() => makeStream('ore', { Nd: x }));
        return code === 'NOT_FINITE' || code === 'OUT_OF_RANGE' || code === 'INVALID_TYPE';
      }),
    );
  });

  it('does not mutate its input', () => {
    const input = { Nd: 1 };
    const s = makeStream('ore', input);
    (s.amounts as number[])[0] = 99;
    expect(input).toEqual({ Nd: 1 });
  });
});

describe('mix, split, partition, scale', () => {
  it('mix(streams) conserves every species', () => {
    fc.assert(
      fc.property(fc.array(streamArb('solution'), { minLength: 1, maxLength: 5 }), (streams) => {
        return conserved(streams, [mix(streams)]);
      }),
    );
  });

  it('mix of different forms needs an explicit form', () => {
    const a = makeStream('ore', { Nd: 1 });
    const b = makeStream('residue', { Nd: 1 });
    expect(codeOf(() => mix([a, b]))).toBe('INFEASIBLE');
    expect(mix([a, b], 'ore').form).toBe('ore');
    expect(codeOf(() => mix([]))).toBe('MISSING');
  });

  it('split(stream, f) conserves every species exactly and keeps the composition', () => {
    fc.assert(
      fc.property(streamArb(), fractionArb, (s, f) => {
        const [a, b] = split(s, f);
        return (
          conserved([s], [a, b], 1e-15) && a.amounts.every((x, i) => x >= 0 && (b.amounts[i] ?? -1) >= 0)
        );
      }),
    );
  });

  it('partition(stream, fractions) conserves every species on random input', () => {
    fc.assert(
      fc.property(
        streamArb(),
        fc.array(fractionArb, { minLength: SPECIES_COUNT, maxLength: SPECIES_COUNT }),
        (s, fr) => {
          const [a, b] = partition(s, fr, { firstForm: 'concentrate', secondForm: 'residue' });
          return conserved([s], [a, b], 1e-15) && balance([s], [a, b]).residual <= 1e-15;
        },
      ),
    );
  });

  it('partition with a fraction outside [0, 1] throws OUT_OF_RANGE with the species in the path', () => {
    const fr = new Array(SPECIES_COUNT).fill(0.5);
    fr[5] = 1.2;
    expect(() => partition(makeStream('ore', { Nd: 1 }), fr)).toThrowError(
      /fractions.Nd must be a number in \[0, 1\], got 1.2/,
    );
  });

  it('scale(stream, k) multiplies every flow; a negative factor throws', () => {
    const s = makeStream('ore', { Nd: 2, H2O: 4 }, { reagents: { HCl: 1 } });
    expect(amount(scale(s, 3), 'Nd')).toBe(6);
    expect(scale(s, 3).reagents).toEqual({ HCl: 3 });
    expect(codeOf(() => scale(s, -1))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => scale(s, Number.NaN))).toBe('NOT_FINITE');
  });
});

describe('totals and purities', () => {
  it('treo and total follow the oxide factors; water is excluded', () => {
    const s = makeStream('concentrate', { Nd: 100, Ce: 50, Fe: 10, Gangue: 40, H2O: 1000 });
    const reo = 100 * oxideFactor('Nd') + 50 * oxideFactor('Ce');
    expect(treo(s)).toBeCloseTo(reo, 10);
    expect(total(s)).toBeCloseTo(reo + 10 * oxideFactor('Fe') + 40, 10);
    expect(tre(s)).toBe(150);
  });

  it('metal streams total on the element basis', () => {
    const m = makeStream('metal', { Nd: 99.9, Pr: 0.05, Fe: 0.05 });
    expect(total(m)).toBeCloseTo(100, 12);
    expect(purity(m, 'Nd')).toBeCloseTo(99.9 / 99.95, 12);
    expect(purity(m, 'Nd', 'absolute')).toBeCloseTo(0.999, 12);
  });

  it('relative purity is REO/TREO; absolute counts every other mass against it', () => {
    const s = makeStream('oxide', { Nd: 99, Pr: 1, Gangue: 5 });
    const nd = 99 * oxideFactor('Nd');
    const pr = 1 * oxideFactor('Pr');
    expect(purity(s, 'Nd')).toBeCloseTo(nd / (nd + pr), 12);
    expect(purity(s, 'Nd', 'absolute')).toBeCloseTo(nd / (nd + pr + 5), 12);
  });

  it('purity and distribution of an empty stream are 0, not NaN', () => {
    const s = makeStream('oxide', {});
    expect(purity(s, 'Nd')).toBe(0);
    expect(purity(s, 'Nd', 'absolute')).toBe(0);
    expect(Object.values(reoDistribution(s)).every((x) => x === 0)).toBe(true);
  });

  it('distribution sums to 1 and purity stays in [0, 1] on random streams', () => {
    fc.assert(
      fc.property(amountsArb, fc.constantFrom(...SPECIES.slice(0, 17)), (a, el) => {
        const s = streamFromVector('oxide', a);
        const d = Object.values(reoDistribution(s)).reduce((x, y) => x + y, 0);
        const p = purity(s, el as 'Nd');
        const q = purity(s, el as 'Nd', 'absolute');
        return (
          (treo(s) === 0 ? d === 0 : Math.abs(d - 1) < 1e-12) && p >= 0 && p <= 1 + 1e-15 && q <= p + 1e-15
        );
      }),
    );
  });
});

describe('toOxides / fromOxides', () => {
  it('toOxides({ Nd: 100 }) is 116.64 kg/h Nd2O3', () => {
    expect(toOxides(makeStream('solution', { Nd: 100 })).Nd).toBeCloseTo(116.638, 3);
  });

  it('round-trips on random streams', () => {
    fc.assert(
      fc.property(amountsArb, (a) => {
        const s = streamFromVector('oxide', a);
        const back = fromOxides('oxide', toOxides(s));
        return back.amounts.every((x, i) => Math.abs(x - (a[i] ?? 0)) <= 1e-12 * Math.max(1, a[i] ?? 0));
      }),
    );
  });

  it("fromOxides('oxide', { Qq: 1 }) throws UNKNOWN_KEY", () => {
    expect(codeOf(() => fromOxides('oxide', { Qq: 1 } as never))).toBe('UNKNOWN_KEY');
  });
});

describe('stream validation', () => {
  it('checkStream rejects sparse arrays, unknown forms and bad reagents', () => {
    const sparse = { form: 'ore', amounts: new Array(SPECIES_COUNT) };
    expect(codeOf(() => checkStream('s', sparse))).toBe('INVALID_TYPE');
    expect(
      codeOf(() => checkStream('s', { form: 'slurry', amounts: new Array(SPECIES_COUNT).fill(0) })),
    ).toBe('UNKNOWN_KEY');
    expect(
      codeOf(() =>
        checkStream('s', { form: 'ore', amounts: new Array(SPECIES_COUNT).fill(0), reagents: { HCl: -1 } }),
      ),
    ).toBe('OUT_OF_RANGE');
  });

  it('rejects flows above MAX_FLOW and scale factors that would exceed it', () => {
    expect(codeOf(() => makeStream('ore', { Nd: MAX_FLOW * 10 }))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => scale(makeStream('ore', { Nd: 1 }), 1e300))).toBe('OUT_OF_RANGE');
  });

  it("amount(stream, 'constructor') throws rather than answering 0", () => {
    expect(codeOf(() => amount(makeStream('ore', {}), 'constructor' as never))).toBe('UNKNOWN_KEY');
  });

  it('mix and split check their streams (a NaN flow is an error, not a NaN result)', () => {
    const bad = { form: 'ore', amounts: new Array(SPECIES_COUNT).fill(Number.NaN) } as never;
    expect(codeOf(() => mix([bad]))).toBe('NOT_FINITE');
    expect(codeOf(() => split(bad, 0.5))).toBe('NOT_FINITE');
    expect(codeOf(() => mix([makeStream('ore', {})], null as never))).toBe('UNKNOWN_KEY');
  });
});
