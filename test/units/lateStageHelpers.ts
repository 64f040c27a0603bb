// Checks shared by the precipitation, calcination, vacuum-refining and grading tests.
import fc from 'fast-check';
import { expect } from 'vitest';
import { type ErrorCode, ReesimError } from '../../src/core/errors.js';
import type { Compound, Stream, StreamForm } from '../../src/stream/stream.js';
import type { UnitResult } from '../../src/units/unit.js';
import { badNumber, conserved, streamArb } from '../arbitraries.js';

/** A random stream of the given form, carrying `compound` if given. */
export function formStreamArb(form: StreamForm, compound?: Compound): fc.Arbitrary<Stream> {
  return streamArb(form).map((s) => (compound ? { ...s, compound } : s));
}

/**
 * Every species is conserved (balance residual <= 1e-12, and directly: outlets sum to inlets + added within
 * 1e-12 relative), and every number the unit reports is finite.
 */
export function expectConserved(result: UnitResult, inlets: readonly Stream[]): void {
  expect(result.report.balance.residual).toBeLessThanOrEqual(1e-12);
  const outlets = Object.values(result.outlets) as Stream[];
  expect(conserved([...inlets, ...Object.values(result.report.added)], outlets)).toBe(true);
  const numbers = [
    result.report.energy,
    ...Object.values(result.report.figures),
    ...Object.values(result.report.reagents),
    ...outlets.flatMap((s) => s.amounts),
  ];
  for (const x of numbers) expect(Number.isFinite(x)).toBe(true);
}

/** Runs `fn` and reports whether it threw a ReesimError with one of `codes` (and nothing else). */
export function throwsReesim(fn: () => unknown, codes: readonly ErrorCode[]): boolean {
  try {
    fn();
  } catch (e) {
    return e instanceof ReesimError && codes.includes(e.code);
  }
  return false;
}

/** A value that is not a finite number >= 0. */
export const notNonNegativeArb: fc.Arbitrary<unknown> = fc.oneof(badNumber, fc.constant(true));

/** A value that is not a fraction in [0, 1]. */
export const notFractionArb: fc.Arbitrary<unknown> = fc.oneof(
  badNumber,
  fc.double({ min: 1 + 1e-9, noNaN: true }),
);

/** Codes a bad parameter may raise. */
export const PARAM_CODES: readonly ErrorCode[] = [
  'INVALID_TYPE',
  'NOT_FINITE',
  'OUT_OF_RANGE',
  'UNKNOWN_KEY',
  'MISSING',
];
