/**
 * Per-species fractions for units whose water follows its own rule (cake moisture, a dry metal product),
 * so that a user cannot set a water fraction the unit would silently overwrite.
 */
import type { Species } from '../chemistry/species.js';
import { fail } from '../core/errors.js';
import { record } from '../core/validate.js';
import { speciesFractions } from './unit.js';

/**
 * Expands an optional record of species -> fraction over `defaults` (SPECIES order), rejecting `H2O`.
 *
 * @param path parameter path, e.g. `precipitation.elementEfficiency`
 * @param waterRule how the unit sets water, for the error message
 * @throws ReesimError `INVALID_TYPE` for a non-record, `UNKNOWN_KEY` for `H2O` or an unknown species,
 *   `OUT_OF_RANGE` for a fraction outside [0, 1]
 * @example
 * ```ts
 * const defaults = new Array(SPECIES_COUNT).fill(0);
 * const f = solidFractions('precipitation.elementEfficiency', { Fe: 0.1 }, defaults, 'set by moisture');
 * f[SPECIES_INDEX.Fe]; // 0.1
 * ```
 */
export function solidFractions(
  path: string,
  value: unknown,
  defaults: readonly number[],
  waterRule: string,
): number[] {
  if (value === undefined) return [...defaults];
  const r = record(path, value, 'a record of species -> fraction in [0, 1]');
  if (Object.hasOwn(r, 'H2O'))
    fail('UNKNOWN_KEY', `${path}.H2O`, 'H2O', `a species other than H2O (${waterRule})`);
  return speciesFractions(path, r as Partial<Record<Species, number>>, defaults);
}
