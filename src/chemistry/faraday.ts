/**
 * Faraday's law: the charge that deposits a mass of metal in an electrolytic cell.
 *
 * One mole of a metal of valence z needs z·F coulombs; one ampere-hour is 3600 C. So one kilogram of an
 * element of atomic mass M (g/mol) needs z·F·1000 / (3600·M) ampere-hours at 100 % current efficiency
 * (Nd, z = 3: 557.4 Ah/kg, ree-data §6.4, D, H).
 */
import { fail } from '../core/errors.js';
import { integer } from '../core/validate.js';
import { cite, type Provenance } from '../data/provenance.js';
import { ELEMENT_SYMBOLS, type ElementSymbol, elements, isElement } from './elements.js';

/** Avogadro constant, 1/mol (exact, SI 2019). */
const AVOGADRO = 6.02214076e23;
/** Elementary charge, C (exact, SI 2019). */
const ELEMENTARY_CHARGE = 1.602176634e-19;

/**
 * Faraday constant, C/mol: N_A·e = 96485.33212... C/mol, exact since the 2019 SI redefinition.
 *
 * @example
 * ```ts
 * FARADAY; // 96485.33212...
 * ```
 */
export const FARADAY: number = AVOGADRO * ELEMENTARY_CHARGE;

/** Provenance of {@link FARADAY}. */
export const FARADAY_PROVENANCE: Provenance = cite(
  'SI19',
  'derived',
  'high',
  'F = N_A·e from the two exact SI defining constants',
);

/** Coulombs in one ampere-hour. */
const COULOMBS_PER_AMPERE_HOUR = 3600;

/**
 * Ampere-hours that deposit one kilogram of an element at 100 % current efficiency: z·F / (3.6·M).
 *
 * @param element tracked element symbol, e.g. `'Nd'`
 * @param valence electrons per atom deposited, a positive integer (default 3: every rare earth from RE³⁺)
 * @returns Ah/kg; divide by the current efficiency for the charge a real cell passes
 * @throws ReesimError `UNKNOWN_KEY` for an unknown element, `OUT_OF_RANGE`/`INVALID_TYPE` for a bad valence
 * @example
 * ```ts
 * ampereHoursPerKg('Nd'); // 557.43
 * ampereHoursPerKg('Dy'); // 494.80
 * ```
 */
export function ampereHoursPerKg(element: ElementSymbol, valence = 3): number {
  if (typeof element !== 'string' || !isElement(element))
    fail('UNKNOWN_KEY', 'ampereHoursPerKg.element', element, `one of ${ELEMENT_SYMBOLS.join(', ')}`);
  const z = integer('ampereHoursPerKg.valence', valence, 1);
  // kmol per kg = 1 / M (g/mol = kg/kmol); C per kmol = 1000·z·F.
  return (1000 * z * FARADAY) / (COULOMBS_PER_AMPERE_HOUR * elements[element].atomicMass);
}

/**
 * Kilograms of an element deposited by one ampere-hour at 100 % current efficiency: 1 / {@link ampereHoursPerKg}.
 *
 * @param element tracked element symbol
 * @param valence electrons per atom deposited, a positive integer (default 3)
 * @returns kg/Ah (Nd: 1.794e-3 kg/Ah, i.e. 1.794 g/Ah)
 * @throws ReesimError as {@link ampereHoursPerKg}
 * @example
 * ```ts
 * kgPerAmpereHour('Nd') * 1000; // 1.794 g/Ah
 * ```
 */
export function kgPerAmpereHour(element: ElementSymbol, valence = 3): number {
  return 1 / ampereHoursPerKg(element, valence);
}
