import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { amount, makeStream } from '../../src/stream/stream.js';
import { splitter, splitterUnit } from '../../src/units/splitter.js';
import { badNumber, codeOf, expectConserved, fractionArb, streamArb } from '../helpers.js';

describe('splitter', () => {
  it('splitter(feed, { fraction: 0.25 }) sends a quarter of everything to first', () => {
    const feed = makeStream('solution', { Nd: 8, H2O: 100 }, { reagents: { HCl: 4 } });
    const { first, second } = splitter(feed, { fraction: 0.25 }).outlets;
    expect(amount(first, 'Nd')).toBe(2);
    expect(amount(second, 'H2O')).toBe(75);
    expect(first.reagents).toEqual({ HCl: 1 });
    expect(second.reagents).toEqual({ HCl: 3 });
  });

  it('conserves every species on random streams and fractions', () => {
    fc.assert(
      fc.property(streamArb(), fractionArb, (feed, f) => {
        expectConserved(splitter(feed, { fraction: f }), [feed]);
      }),
    );
  });

  it('rejects bad fractions, unknown keys and null with a ReesimError', () => {
    const feed = makeStream('ore', { Nd: 1 });
    fc.assert(
      fc.property(
        badNumber,
        (x) =>
          codeOf(() => splitter(feed, { fraction: x })) !== undefined &&
          !String(codeOf(() => splitter(feed, { fraction: x }))).startsWith('not'),
      ),
    );
    expect(codeOf(() => splitter(feed, { fraction: 0.5, extra: 1 } as never))).toBe('UNKNOWN_KEY');
    expect(codeOf(() => splitter(feed, null as never))).toBe('INVALID_TYPE');
    expect(splitterUnit.outlets).toEqual(['first', 'second']);
  });
});
