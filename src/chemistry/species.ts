/**
 * The fixed species order of every stream: the tracked elements, then `Gangue` (all other solid matter,
 * lumped) and `H2O` (water). A stream's `amounts[i]` is the flow of `SPECIES[i]`.
 */
import { ELEMENT_SYMBOLS, type ElementSymbol, isRareEarth, RARE_EARTHS } from './elements.js';

/** Every species a stream carries, in stream order. */
export const SPECIES = [...ELEMENT_SYMBOLS, 'Gangue', 'H2O'] as const;

/** A species name: an element symbol, `Gangue` or `H2O`. */
export type Species = (typeof SPECIES)[number];

/** Number of species in a stream vector. */
export const SPECIES_COUNT = SPECIES.length;

/** Index of each species in a stream vector. */
export const SPECIES_INDEX: { readonly [S in Species]: number } = Object.fromEntries(
  SPECIES.map((s, i) => [s, i]),
) as { [S in Species]: number };

/** Indices of the 17 rare earths in a stream vector. */
export const RARE_EARTH_INDICES: readonly number[] = RARE_EARTHS.map((s) => SPECIES_INDEX[s]);

/** Index of the lumped gangue. */
export const GANGUE = SPECIES_INDEX.Gangue;

/** Index of water. */
export const WATER = SPECIES_INDEX.H2O;

/**
 * Is `name` a species reesim tracks?
 *
 * @example
 * ```ts
 * isSpecies('H2O'); // true
 * isSpecies('Na'); // false
 * ```
 */
export function isSpecies(name: string): name is Species {
  return Object.hasOwn(SPECIES_INDEX, name);
}

/** Is the species at index `i` an element (not gangue or water)? */
export function isElementIndex(i: number): boolean {
  return i < ELEMENT_SYMBOLS.length;
}

/** Is the species at index `i` a rare earth? */
export function isRareEarthIndex(i: number): boolean {
  const s = SPECIES[i];
  return s !== undefined && isRareEarth(s);
}

/** The element symbol at index `i`, or undefined for gangue and water. */
export function elementAt(i: number): ElementSymbol | undefined {
  return isElementIndex(i) ? (SPECIES[i] as ElementSymbol) : undefined;
}
