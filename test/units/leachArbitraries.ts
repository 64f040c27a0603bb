// fast-check generators and error codes for the parameters the cracking/leaching units share.
import fc from 'fast-check';
import { SPECIES } from '../../src/chemistry/species.js';
import type { ErrorCode } from '../../src/core/errors.js';
import { badNumber, fractionArb, PARAM_CODES, streamArb } from '../helpers.js';

/** A solid feed: ore or concentrate with random flows of every species. */
export const solidFeedArb = fc
  .constantFrom('ore' as const, 'concentrate' as const)
  .chain((f) => streamArb(f));

const number = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true });

/** Valid values of the common leach parameters. */
const VALID: Record<string, fc.Arbitrary<unknown>> = {
  dissolution: fc.oneof(
    fractionArb,
    fc.dictionary(fc.constantFrom(...SPECIES.filter((s) => s !== 'H2O')), fractionArb, { maxKeys: 6 }),
  ),
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

/** Codes an invalid leach parameter may give: the common ones, or INFEASIBLE for a contradictory set. */
export const LEACH_PARAM_CODES: readonly ErrorCode[] = [...PARAM_CODES, 'INFEASIBLE'];
