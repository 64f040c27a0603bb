import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ReesimError } from '../../src/core/errors.js';
import { fraction, integer, knownKeys, oneOf, optional, ratio } from '../../src/core/validate.js';
import { badNumber, codeOf } from '../helpers.js';

describe('core/validate', () => {
  it("fraction('x', 1.2) throws OUT_OF_RANGE with 'x must be a number in [0, 1], got 1.2'", () => {
    expect(() => fraction('x', 1.2)).toThrowError(
      new ReesimError({ code: 'OUT_OF_RANGE', path: 'x', value: 1.2, expected: 'a number in [0, 1]' }),
    );
    expect(() => fraction('x', 1.2)).toThrowError('x must be a number in [0, 1], got 1.2');
  });

  it('fraction rejects every bad number with a ReesimError', () => {
    fc.assert(
      fc.property(badNumber, (x) =>
        ['NOT_FINITE', 'OUT_OF_RANGE', 'INVALID_TYPE'].includes(codeOf(() => fraction('x', x)) ?? ''),
      ),
    );
  });

  it('optional(undefined, d, check) is d; optional(null, d, check) is checked and rejected', () => {
    expect(optional(undefined, 0.5, (v) => fraction('x', v))).toBe(0.5);
    expect(optional(0.25, 0.5, (v) => fraction('x', v))).toBe(0.25);
    expect(codeOf(() => optional(null, 0.5, (v) => fraction('x', v)))).toBe('INVALID_TYPE');
  });

  it('ratio(a, b) is a / b, and 0 for a zero denominator', () => {
    expect(ratio(1, 4)).toBe(0.25);
    expect(ratio(1, 0)).toBe(0);
    expect(ratio(0, 0)).toBe(0);
  });

  it('knownKeys names the unknown key in the path', () => {
    expect(() => knownKeys('unit', { a: 1, typo: 2 }, ['a'])).toThrowError(
      'unit.typo must be one of a, got "typo"',
    );
  });

  it('integer and oneOf reject what they should', () => {
    expect(codeOf(() => integer('n', 1.5))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => integer('n', -1))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => oneOf('m', 'c', ['a', 'b']))).toBe('UNKNOWN_KEY');
    expect(codeOf(() => oneOf('m', 3, ['a', 'b']))).toBe('INVALID_TYPE');
  });

  it('ReesimError lists every issue when given several', () => {
    const e = new ReesimError({ code: 'MISSING', path: 'a', value: undefined, expected: 'x' }, [
      { code: 'OUT_OF_RANGE', path: 'b', value: 2, expected: 'y' },
    ]);
    expect(e.issues).toHaveLength(2);
    expect(e.message).toBe('2 problems:\na must be x, got undefined\nb must be y, got 2');
  });
});
