// The scratch arrays (src/core/scratch.ts) must behave as `new Float64Array(n)` does: zeroed, and sharing
// no element with any other live array, whatever was cut, filled and released before. Checked here on
// random sequences of requests and scopes (fast-check), against the arrays' own contents: each array is
// filled with a value of its own and must still hold it when everything else has been cut and written.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { intZeros, lasting, owned, withScratch, zeros } from '../../src/core/scratch.js';

type Cut = Float64Array | Int32Array;

/** Cuts arrays of the given lengths, checks each is zero, fills it with its own value. */
function cutAll(lengths: readonly number[], first: number): { arrays: Cut[]; stamps: number[] } {
  const arrays: Cut[] = [];
  const stamps: number[] = [];
  lengths.forEach((n, k) => {
    const a = k % 3 === 2 ? intZeros(n) : zeros(n);
    expect(a.length).toBe(n);
    expect(a.every((v) => v === 0)).toBe(true);
    a.fill(first + k);
    arrays.push(a);
    stamps.push(first + k);
  });
  return { arrays, stamps };
}

const intact = (c: { arrays: Cut[]; stamps: number[] }) =>
  c.arrays.every((a, k) => a.every((v) => v === c.stamps[k]));

const lengthsArb = fc.array(fc.oneof(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 3000 })), {
  maxLength: 60,
});

describe('scratch arrays', () => {
  it('zeros(n) and intZeros(n) in one scope: zeroed, and no two share an element', () => {
    fc.assert(
      fc.property(lengthsArb, (lengths) => {
        withScratch(() => {
          const c = cutAll(lengths, 1);
          expect(intact(c)).toBe(true);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('a scope reuses the memory of the one before, and hands it out zeroed again', () => {
    let before: Float64Array | undefined;
    withScratch(() => {
      before = zeros(100);
      before.fill(7);
    });
    withScratch(() => {
      const again = zeros(100);
      expect(again.buffer).toBe(before?.buffer);
      expect(again.byteOffset).toBe(before?.byteOffset);
      expect(again.every((v) => v === 0)).toBe(true);
    });
  });

  it('nested scopes: an inner scope never touches the outer scope’s arrays, before or after it returns', () => {
    fc.assert(
      fc.property(lengthsArb, lengthsArb, lengthsArb, (outerFirst, inner, outerAfter) => {
        withScratch(() => {
          const a = cutAll(outerFirst, 1000);
          withScratch(() => {
            const b = cutAll(inner, 2000);
            expect(intact(a) && intact(b)).toBe(true);
          });
          const c = cutAll(outerAfter, 3000);
          expect(intact(a) && intact(c)).toBe(true);
        });
      }),
      { numRuns: 200 },
    );
  });

  it('arrays cut outside any scope, or by lasting() inside one, are never reused by a scope', () => {
    fc.assert(
      fc.property(lengthsArb, lengthsArb, lengthsArb, (outside, kept, later) => {
        const a = cutAll(outside, 10);
        const k = withScratch(() => lasting(() => cutAll(kept, 500)));
        withScratch(() => cutAll(later, 900));
        withScratch(() => cutAll([...later, ...later], 1900));
        expect(intact(a) && intact(k)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('a scope that throws still releases its arrays (the next scope starts where it started)', () => {
    let start: Float64Array | undefined;
    withScratch(() => {
      start = zeros(8);
    });
    expect(() =>
      withScratch(() => {
        zeros(5000);
        throw new Error('inside');
      }),
    ).toThrow('inside');
    withScratch(() => {
      const next = zeros(8);
      expect([next.buffer, next.byteOffset]).toEqual([start?.buffer, start?.byteOffset]);
    });
  });

  it('a scope opened inside lasting() inside a busy scope leaves the outer scope its buffers (no trim)', () => {
    withScratch(() => {
      // ~43 buffers' worth of 16 and 8 KiB arrays: more than the pool keeps when trimmed (32).
      const big = cutAll(
        Array.from({ length: 200 }, () => 2048),
        1,
      );
      lasting(() => withScratch(() => zeros(1)));
      const after = cutAll([10, 10], 500);
      expect(intact(big) && intact(after)).toBe(true);
    });
  });

  it('zeros(-3) and intZeros(-1) throw RangeError and leave the next arrays disjoint', () => {
    withScratch(() => {
      const a = zeros(8);
      expect(() => zeros(-3)).toThrow(RangeError);
      expect(() => intZeros(-1)).toThrow(RangeError);
      const b = zeros(8);
      a.fill(1);
      b.fill(2);
      expect(a.every((v) => v === 1)).toBe(true);
    });
  });

  it('owned(a): a view is copied into a buffer of its own bytes; an array that owns its buffer is itself', () => {
    const own = new Float64Array(40);
    expect(owned(own)).toBe(own);
    withScratch(() => {
      const view = zeros(40);
      view.fill(3);
      const copy = owned(view);
      expect(copy).not.toBe(view);
      expect(copy.buffer.byteLength).toBe(40 * 8);
      expect([...copy]).toEqual([...view]);
    });
  });
});
