// Shared fast-check generators for streams and fractions.
import fc from 'fast-check';
import { SPECIES_COUNT } from '../src/chemistry/species.js';
import type { Stream, StreamForm } from '../src/stream/stream.js';
import { STREAM_FORMS, streamFromVector } from '../src/stream/stream.js';

/** A flow in kg/h: zero, tiny or large, always finite and >= 0. */
export const flow = fc.oneof(
  fc.constant(0),
  fc.double({ min: 1e-9, max: 1e6, noNaN: true, noDefaultInfinity: true }),
);

/** A fraction in [0, 1], with the end points likely. */
export const fractionArb = fc.oneof(
  fc.constant(0),
  fc.constant(1),
  fc.double({ min: 0, max: 1, noNaN: true }),
);

/** A species vector. */
export const amountsArb = fc.array(flow, { minLength: SPECIES_COUNT, maxLength: SPECIES_COUNT });

/** A stream of any form. */
export function streamArb(form?: StreamForm): fc.Arbitrary<Stream> {
  return fc
    .tuple(amountsArb, form ? fc.constant(form) : fc.constantFrom(...STREAM_FORMS))
    .map(([a, f]) => streamFromVector(f, a));
}

/** Values that are not valid flows or fractions. */
export const badNumber = fc.oneof(
  fc.constant(Number.NaN),
  fc.constant(Number.POSITIVE_INFINITY),
  fc.constant(Number.NEGATIVE_INFINITY),
  fc.double({ max: -1e-9, noNaN: true, noDefaultInfinity: true }),
  fc.constant('1' as unknown as number),
  fc.constant(null as unknown as number),
);

/** Asserts that every species balances: sum of outlets equals sum of inlets within `tol` relative. */
export function conserved(inlets: readonly Stream[], outlets: readonly Stream[], tol = 1e-12): boolean {
  for (let i = 0; i < SPECIES_COUNT; i++) {
    const a = inlets.reduce((s, x) => s + (x.amounts[i] ?? 0), 0);
    const b = outlets.reduce((s, x) => s + (x.amounts[i] ?? 0), 0);
    if (Math.abs(a - b) > tol * Math.max(a, b, 1e-300)) return false;
  }
  return true;
}
