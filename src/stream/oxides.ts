/**
 * Element <-> oxide basis conversion.
 */

import { ELEMENT_SYMBOLS, type ElementSymbol, isElement } from '../chemistry/elements.js';
import { oxideFactor } from '../chemistry/oxide.js';
import { GANGUE, SPECIES_COUNT, SPECIES_INDEX, WATER } from '../chemistry/species.js';
import { fail } from '../core/errors.js';
import { OXIDE_FACTORS } from './basis.js';
import { checkFlow, type Stream, type StreamForm, type StreamOptions, withAmounts } from './stream.js';

/** Oxide-basis flows: kg/h of each element's reported oxide, plus `Gangue` and `H2O` as they are. */
export type OxideComposition = Partial<Record<ElementSymbol | 'Gangue' | 'H2O', number>>;

/**
 * A stream's flows on the oxide basis: kg/h of each element's reported oxide (Nd as Nd2O3, Ce as CeO2,
 * Fe as Fe2O3, ...), gangue and water unchanged. Only non-zero entries appear.
 *
 * @example
 * ```ts
 * toOxides(makeStream('solution', { Nd: 100 })).Nd; // 116.64 (kg/h Nd2O3)
 * ```
 */
export function toOxides(stream: Stream): OxideComposition {
  const out: OxideComposition = {};
  for (const s of ELEMENT_SYMBOLS) {
    const x = (stream.amounts[SPECIES_INDEX[s]] ?? 0) * (OXIDE_FACTORS[SPECIES_INDEX[s]] ?? 0);
    if (x !== 0) out[s] = x;
  }
  const gangue = stream.amounts[GANGUE] ?? 0;
  const water = stream.amounts[WATER] ?? 0;
  if (gangue !== 0) out.Gangue = gangue;
  if (water !== 0) out.H2O = water;
  return out;
}

/**
 * Makes a stream from oxide-basis flows: `{ Nd: 116.64 }` means 116.64 kg/h of Nd2O3, i.e. 100 kg/h Nd.
 *
 * @throws ReesimError `UNKNOWN_KEY` for an unknown key, `OUT_OF_RANGE`/`NOT_FINITE` for a bad flow
 * @example
 * ```ts
 * amount(fromOxides('oxide', { Nd: 116.64 }), 'Nd'); // ~100
 * ```
 */
export function fromOxides(form: StreamForm, oxides: OxideComposition, options: StreamOptions = {}): Stream {
  const amounts = new Array<number>(SPECIES_COUNT).fill(0);
  for (const [key, value] of Object.entries(oxides)) {
    const x = checkFlow(`oxides.${key}`, value);
    if (key === 'Gangue') amounts[GANGUE] = x;
    else if (key === 'H2O') amounts[WATER] = x;
    else if (isElement(key)) amounts[SPECIES_INDEX[key]] = x / oxideFactor(key);
    else fail('UNKNOWN_KEY', `oxides.${key}`, key, 'an element symbol, Gangue or H2O');
  }
  return withAmounts(form, amounts, options);
}
