/**
 * Totals, TREO and purities of a stream.
 */

import { type ElementSymbol, isElement, RARE_EARTHS, type RareEarth } from '../chemistry/elements.js';
import { oxideFactor } from '../chemistry/oxide.js';
import { RARE_EARTH_INDICES, SPECIES_INDEX } from '../chemistry/species.js';
import { fail } from '../core/errors.js';
import { OXIDE_FACTORS, reportingBasis, reportingFactors } from './basis.js';
import type { Stream } from './stream.js';

function dot(amounts: readonly number[], factors: readonly number[], indices?: readonly number[]): number {
  let sum = 0;
  if (indices) {
    for (const i of indices) sum += (amounts[i] ?? 0) * (factors[i] ?? 0);
  } else {
    for (let i = 0; i < amounts.length; i++) sum += (amounts[i] ?? 0) * (factors[i] ?? 0);
  }
  return sum;
}

/**
 * Dry mass flow of a stream on its reporting basis, kg/h: elements as reported oxides (element mass for
 * metal streams) plus gangue; water excluded.
 *
 * @example
 * ```ts
 * total(makeStream('oxide', { Nd: 100 })); // 116.64 (kg/h of Nd2O3)
 * total(makeStream('metal', { Nd: 100, Fe: 1 })); // 101
 * ```
 */
export function total(stream: Stream): number {
  return dot(stream.amounts, reportingFactors(reportingBasis(stream.form)));
}

/**
 * Total rare-earth oxide flow, kg/h: the 17 rare earths (Sc and Y included) as their reported oxides,
 * whatever the stream's form.
 *
 * @example
 * ```ts
 * treo(makeStream('metal', { Nd: 100 })); // 116.64
 * ```
 */
export function treo(stream: Stream): number {
  return dot(stream.amounts, OXIDE_FACTORS, RARE_EARTH_INDICES);
}

/**
 * Total rare-earth element (metal basis) flow, kg/h: the 17 rare earths as element mass.
 *
 * @example
 * ```ts
 * tre(makeStream('oxide', { Nd: 3, Pr: 1, Fe: 9 })); // 4
 * ```
 */
export function tre(stream: Stream): number {
  let sum = 0;
  for (const i of RARE_EARTH_INDICES) sum += stream.amounts[i] ?? 0;
  return sum;
}

/** How a purity is measured. */
export type PurityBasis = 'relative' | 'absolute';

/**
 * Purity of one element in a stream, as a mass fraction in [0, 1].
 *
 * - `relative` (default): the element's share of the rare earths, REO/TREO for oxide-basis forms and
 *   RE/TRE for metal (how 99.9 % Nd2O3 or "3N" is quoted).
 * - `absolute`: the element's share of all dry mass (all other elements and gangue count against it).
 *
 * Returns 0 for a stream with no rare earths (relative) or no dry mass (absolute).
 *
 * @example
 * ```ts
 * const oxide = makeStream('oxide', { Nd: 99.9, Pr: 0.1, Fe: 1 });
 * purity(oxide, 'Nd'); // 0.99896 (Nd2O3 / TREO)
 * purity(oxide, 'Nd', 'absolute'); // lower: Fe2O3 counts against it
 * ```
 */
export function purity(stream: Stream, element: ElementSymbol, basis: PurityBasis = 'relative'): number {
  if (!isElement(element)) fail('UNKNOWN_KEY', 'element', element, 'a tracked element symbol');
  if (basis !== 'relative' && basis !== 'absolute')
    fail('UNKNOWN_KEY', 'basis', basis, 'relative or absolute');
  const metal = reportingBasis(stream.form) === 'metal';
  const mass = (stream.amounts[SPECIES_INDEX[element]] ?? 0) * (metal ? 1 : oxideFactor(element));
  const denominator = basis === 'absolute' ? total(stream) : metal ? tre(stream) : treo(stream);
  return denominator > 0 ? mass / denominator : 0;
}

/**
 * REO distribution of a stream: each rare earth's share of TREO (oxide basis), as fractions summing to 1.
 * All zero for a stream without rare earths.
 *
 * @example
 * ```ts
 * reoDistribution(makeStream('oxide', { La: 1, Ce: 1 })).Ce; // ~0.51
 * ```
 */
export function reoDistribution(stream: Stream): Record<RareEarth, number> {
  const sum = treo(stream);
  const out = {} as Record<RareEarth, number>;
  for (const s of RARE_EARTHS) {
    out[s] =
      sum > 0 ? ((stream.amounts[SPECIES_INDEX[s]] ?? 0) * (OXIDE_FACTORS[SPECIES_INDEX[s]] ?? 0)) / sum : 0;
  }
  return out;
}
