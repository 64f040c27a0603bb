// Shared test helpers: fast-check generators for streams, fractions and bad parameters, and the checks
// (conservation, finiteness, error codes, relative closeness) that the test files have in common.
import fc from 'fast-check';
import { expect } from 'vitest';
import { SPECIES, SPECIES_COUNT } from '../src/chemistry/species.js';
import { type ErrorCode, ReesimError } from '../src/core/errors.js';
import type { Compound, Stream, StreamForm } from '../src/stream/stream.js';
import { STREAM_FORMS, streamFromVector } from '../src/stream/stream.js';
import type { SupplyScenario } from '../src/supply/types.js';
import type { UnitResult } from '../src/units/unit.js';

// ---------------------------------------------------------------------------------------------------------
// Generators

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

/** A random stream of the given form, carrying `compound` if given. */
export function formStreamArb(form: StreamForm, compound?: Compound): fc.Arbitrary<Stream> {
  return streamArb(form).map((s) => (compound ? { ...s, compound } : s));
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

/** A value that is not a finite number >= 0. */
export const notNonNegativeArb: fc.Arbitrary<unknown> = fc.oneof(badNumber, fc.constant(true));

/** A value that is not a fraction in [0, 1]. */
export const notFractionArb: fc.Arbitrary<unknown> = fc.oneof(
  badNumber,
  fc.double({ min: 1 + 1e-9, noNaN: true }),
);

/** One invalid override: a key of `keys` set to one of the `bad` values, or one of the `special` records. */
export function invalidParamsArb(
  keys: readonly string[],
  bad: readonly unknown[],
  special: readonly Record<string, unknown>[],
): fc.Arbitrary<Record<string, unknown>> {
  return fc.oneof(
    fc
      .record({ key: fc.constantFrom(...keys), value: fc.constantFrom<unknown>(...bad) })
      .map(({ key, value }) => ({ [key]: value })),
    fc.constantFrom<Record<string, unknown>>(...special),
  );
}

// ---------------------------------------------------------------------------------------------------------
// Error codes

/** Codes a bad value (wrong type, not finite, out of range, unknown key) may raise. */
export const INVALID_VALUE_CODES: readonly ErrorCode[] = [
  'INVALID_TYPE',
  'NOT_FINITE',
  'OUT_OF_RANGE',
  'UNKNOWN_KEY',
];

/** Codes a bad parameter may raise: a bad value, or a required one missing. */
export const PARAM_CODES: readonly ErrorCode[] = [...INVALID_VALUE_CODES, 'MISSING'];

/** The error `f` throws (fails the test when it does not throw a ReesimError). */
export function caught(f: () => unknown): ReesimError {
  try {
    f();
  } catch (e) {
    if (e instanceof ReesimError) return e;
    throw e;
  }
  throw new Error('expected a ReesimError');
}

/** Code of the ReesimError `f` throws, a 'not a ReesimError: ...' marker for any other error, or undefined. */
export function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return e instanceof ReesimError ? e.code : `not a ReesimError: ${String(e)}`;
  }
  return undefined;
}

/** Runs `fn` and reports whether it threw a ReesimError with one of `codes` (and nothing else). */
export function throwsReesim(fn: () => unknown, codes: readonly ErrorCode[]): boolean {
  const code = codeOf(fn);
  return code !== undefined && (codes as readonly string[]).includes(code);
}

// ---------------------------------------------------------------------------------------------------------
// Balances and numbers

/** The species whose outlet sum differs from their inlet sum by more than `tol` relative. */
export function unbalancedSpecies(
  inlets: readonly Stream[],
  outlets: readonly Stream[],
  tol = 1e-12,
): string[] {
  const out: string[] = [];
  for (let i = 0; i < SPECIES_COUNT; i++) {
    const a = inlets.reduce((s, x) => s + (x.amounts[i] ?? 0), 0);
    const b = outlets.reduce((s, x) => s + (x.amounts[i] ?? 0), 0);
    if (Math.abs(a - b) > tol * Math.max(a, b, 1e-300)) out.push(SPECIES[i] ?? String(i));
  }
  return out;
}

/** Whether every species balances: sum of outlets equals sum of inlets within `tol` relative. */
export function conserved(inlets: readonly Stream[], outlets: readonly Stream[], tol = 1e-12): boolean {
  return unbalancedSpecies(inlets, outlets, tol).length === 0;
}

/**
 * Every species is conserved (balance residual <= 1e-12, and directly: outlets sum to inlets + added within
 * 1e-12 relative), and every number the unit reports (outlet flows, figures, reagents, energy) is finite.
 */
export function expectConserved(result: UnitResult, inlets: readonly Stream[]): void {
  expect(result.report.balance.residual).toBeLessThanOrEqual(1e-12);
  const outlets = Object.values(result.outlets) as Stream[];
  expect(unbalancedSpecies([...inlets, ...Object.values(result.report.added)], outlets)).toEqual([]);
  const numbers = [
    result.report.energy,
    ...Object.values(result.report.figures),
    ...Object.values(result.report.reagents),
    ...outlets.flatMap((s) => s.amounts),
  ];
  expect(numbers.filter((x) => !Number.isFinite(x))).toEqual([]);
}

/** Expects `a` within `rel` of `b`, relative to |b|; an undefined `a` fails. */
export function near(a: number | undefined, b: number, rel = 1e-12): void {
  expect(Math.abs((a ?? Number.NaN) - b)).toBeLessThanOrEqual(rel * Math.abs(b));
}

/**
 * A flowsheet scenario file whose flotation inlet names a stream nothing produces (`oer` for `ore`): valid
 * YAML and schema, wrong wiring (`input.blocks[1].inlets.feed`). `inlet` replaces the misspelt name.
 */
export function miswiredFlowsheetYaml(inlet = 'oer'): string {
  return [
    'kind: flowsheet',
    'input:',
    '  blocks:',
    '    - { id: mine, unit: mine, params: { deposit: mountain-pass, oreRate: 100 }, outlets: { ore: ore } }',
    '    - id: flotation',
    '      unit: beneficiation',
    '      params: { method: flotation, recovery: 0.72, concentrateGrade: 0.3 }',
    `      inlets: { feed: ${inlet} }`,
    '      outlets: { concentrate: conc, tailings: tails }',
    '  products: [conc]',
    '',
  ].join('\n');
}

/**
 * A clay mine whose output goes abroad for separation, with random outages; the separator's country asks
 * for Dy and Tb oxide (the supply-chain ensembles of test/supply/monteCarlo.test.ts and the distributed
 * tests).
 */
export const clayEnsemble: SupplyScenario = {
  name: 'clay ensemble',
  countries: { MM: 'Myanmar', CN: 'China' },
  facilities: [
    {
      id: 'kachin',
      country: 'MM',
      kind: 'mine',
      capacity: 30_000,
      mix: { deposit: 'longnan' },
      outage: { ratePerMonth: 0.1, months: 3 },
    },
    { id: 'sx', country: 'CN', kind: 'separation', capacity: 40_000, recovery: 0.95 },
  ],
  links: [{ from: 'kachin', to: 'sx', stage: 'concentrate', leadTime: 1 }],
  demand: [{ id: 'cn', country: 'CN', sector: 'magnets', stage: 'oxide', elements: { Dy: 1_500, Tb: 200 } }],
};
