/**
 * Reagents the process units consume, with molar masses (g/mol) computed from CIAAW atomic weights of
 * H 1.008, C 12.011, N 14.007, O 15.999, F 18.998, Na 22.990, S 32.06, Cl 35.45, Ca 40.078.
 * Amounts in unit reports are kg/h of the pure reagent.
 */

const H = 1.008;
const C = 12.011;
const N = 14.007;
const O = 15.999;
const F = 18.998;
const Na = 22.99;
const S = 32.06;
const Cl = 35.45;
const Ca = 40.078;

/** Molar masses of reagents, g/mol. */
export const REAGENT_MOLAR_MASS = {
  HCl: H + Cl,
  H2SO4: 2 * H + S + 4 * O,
  NaOH: Na + O + H,
  H2C2O4: 2 * H + 2 * C + 4 * O,
  NH4HCO3: N + 5 * H + C + 3 * O,
  '(NH4)2SO4': 2 * N + 8 * H + S + 4 * O,
  HF: H + F,
  Ca,
  C,
  CO2: C + 2 * O,
  CO: C + O,
  H2O: 2 * H + O,
} as const;

/** Name of a reagent in unit reports. */
export type Reagent = keyof typeof REAGENT_MOLAR_MASS;

/**
 * Mass flow of a reagent, kg/h, from its molar flow in kmol/h (kmol/h × g/mol = kg/h).
 *
 * @example
 * ```ts
 * reagentMass('H2C2O4', 1.5); // 135.051 (1.5 kmol/h oxalic acid)
 * ```
 */
export function reagentMass(reagent: Reagent, kmolPerHour: number): number {
  return kmolPerHour * REAGENT_MOLAR_MASS[reagent];
}
