/**
 * Metal <-> oxide conversion factors, computed from atomic masses (O = 15.999 g/mol).
 */
import { fail } from '../core/errors.js';
import { ELEMENT_SYMBOLS, type ElementSymbol, elements, isElement } from './elements.js';

/** Atomic mass of oxygen used for all oxide factors, g/mol (IUPAC conventional value). */
export const OXYGEN_MASS = 15.999;

function checkedSymbol(symbol: string): ElementSymbol {
  if (!isElement(symbol)) fail('UNKNOWN_KEY', 'symbol', symbol, `one of ${ELEMENT_SYMBOLS.join(', ')}`);
  return symbol;
}

/**
 * Mass of reported oxide per unit mass of element (kg oxide per kg metal): the metal -> oxide factor.
 *
 * Computed as (a·M + b·15.999) / (a·M) for the reported oxide MₐOᵦ.
 *
 * @param symbol element symbol, e.g. `'Nd'`
 * @returns kg oxide per kg element; Nd -> 1.1664 (Nd2O3), Ce -> 1.2284 (CeO2)
 * @throws ReesimError `UNKNOWN_KEY` for a symbol reesim does not track
 * @example
 * ```ts
 * oxideFactor('Nd'); // 1.16638...
 * ```
 */
export function oxideFactor(symbol: ElementSymbol | string): number {
  const { atomicMass, oxide } = elements[checkedSymbol(symbol)];
  return (oxide.metalAtoms * atomicMass + oxide.oxygenAtoms * OXYGEN_MASS) / (oxide.metalAtoms * atomicMass);
}

/**
 * Mass of element per unit mass of reported oxide: the oxide -> metal factor, 1 / {@link oxideFactor}.
 *
 * @example
 * ```ts
 * metalFactor('Nd'); // 0.85736
 * ```
 */
export function metalFactor(symbol: ElementSymbol | string): number {
  return 1 / oxideFactor(symbol);
}

/**
 * Grams of reported oxide per mole of element (e.g. 168.24 g Nd2O3 per mol Nd).
 *
 * @example
 * ```ts
 * oxideMassPerMole('Nd'); // 168.2405
 * ```
 */
export function oxideMassPerMole(symbol: ElementSymbol | string): number {
  const { atomicMass, oxide } = elements[checkedSymbol(symbol)];
  return atomicMass + (oxide.oxygenAtoms / oxide.metalAtoms) * OXYGEN_MASS;
}
