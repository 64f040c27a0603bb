// fast-check generators and checks shared by the cracking/leaching unit tests.
import fc from 'fast-check';
import { SPECIES } from '../../src/chemistry/species.js';
import { ReesimError } from '../../src/core/errors.js';
import type { Stream } from '../../src/stream/stream.js';
import type { UnitResult } from '../../src/units/unit.js';
import { badNumber, conserved, fractionArb, streamArb } from '../arbitraries.js';

/** A solid feed: ore or concentrate with random flows of every species. */
export const solidFeedArb = fc
  .constantFrom('ore' as const, 'concentrate' as const)
  .chain((f) => streamArb(f));

const number = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true });

/** Valid values of the common leach parameters. */
const VALID: Record<string, fc.Arbitrary<unknown>> = {
  dissolution: fc.oneof(fractionArb, fc.dictionary(fc.constantFrom(...SPECIES), fractionArb, { maxKeys: 6 })),
  liquidToSolid: number(0, 1000),
  residueMoisture: number(0, 0.95),
  energyPerTonne: number(0, 1e5),
  excess: number(0, 10),
};

/** Random valid common parameters, restricted to `keys` (each optional). */
export function commonParamsArb(keys: readonly string[]): fc.Arbitrary<Record<string, unknown>> {
  const model = Object.fromEntries(keys.map((k) => [k, VALID[k] as fc.Arbitrary<unknown>]));
  return fc.record(model, { requiredKeys: [] });
}

/** One invalid entry among `keys` (or an unknown key). */
export function badParamArb(keys: readonly string[]): fc.Arbitrary<Record<string, unknown>> {
  const numeric = keys.filter((k) => k !== 'dissolution');
  return fc.oneof(
    fc.tuple(fc.constantFrom(...numeric), badNumber).map(([k, v]) => ({ [k]: v })),
    fc.constantFrom<Record<string, unknown>>(
      { dissolution: 1.5 },
      { dissolution: 'all' },
      { dissolution: { Xx: 0.1 } },
      { dissolution: { Nd: -0.1 } },
      { dissolution: { Th: Number.NaN } },
      { residueMoisture: 0.96 },
      { energyPerTonne: 1e6 },
      { temperatur: 'low' },
    ),
  );
}

/** Code of the ReesimError `f` throws, a marker for any other error, or undefined. */
export function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return e instanceof ReesimError ? e.code : `not a ReesimError: ${String(e)}`;
  }
  return undefined;
}

/** Codes an invalid parameter may give. */
export const PARAM_CODES = [
  'OUT_OF_RANGE',
  'NOT_FINITE',
  'INVALID_TYPE',
  'UNKNOWN_KEY',
  'MISSING',
  'INFEASIBLE',
];

/** The balance holds (report and directly, inlets + added vs outlets) and nothing is NaN or infinite. */
export function balancedAndFinite(feed: Stream, r: UnitResult): boolean {
  const outlets = Object.values(r.outlets);
  const numbers = [
    ...outlets.flatMap((s) => s.amounts),
    ...Object.values(r.report.reagents),
    ...Object.values(r.report.figures),
    r.report.energy,
  ];
  return (
    r.report.balance.residual <= 1e-12 &&
    conserved([feed, ...Object.values(r.report.added)], outlets) &&
    numbers.every(Number.isFinite)
  );
}
