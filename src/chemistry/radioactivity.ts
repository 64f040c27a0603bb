/**
 * Radioactivity of the thorium and uranium a rare-earth product carries: the specific activity of each
 * parent nuclide (Th-232 of natural thorium, U-238 of natural uranium), A = λ·N_A·θ / M with λ = ln 2 / T½,
 * θ the isotope's atom fraction and M the element's atomic mass, and the level below which bulk material of
 * natural origin is exempt from regulatory control: 1 Bq/g for each radionuclide of the U-238 and Th-232
 * decay chains (IAEA14). In secular equilibrium every member of a chain has its parent's activity; chemical
 * processing breaks the equilibrium (radium, for one, follows other routes than thorium), so the parent's
 * activity is what a product's Th and U content fixes, and the daughters' must be measured.
 */
import { cite, type Provenance } from '../data/provenance.js';
import { elements } from './elements.js';

/** Avogadro constant, 1/mol (exact, SI 2019). */
const AVOGADRO = 6.02214076e23;
/** Seconds in a Julian year (the year of nuclear data). */
const YEAR = 365.25 * 86_400;

/** Half-lives and atom fractions of the chain parents in the natural elements (NNDC). */
const PARENTS = {
  Th: { nuclide: 'Th-232', halfLifeYears: 1.4e10, atomFraction: 1 },
  U: { nuclide: 'U-238', halfLifeYears: 4.468e9, atomFraction: 0.992742 },
} as const;

/** Where the nuclear data come from. */
export const RADIOACTIVITY_PROVENANCE: Provenance = cite('NNDC', 'primary', 'high');

/** Exemption level of bulk material of natural origin, Bq/g per chain radionuclide (IAEA14). */
export const EXEMPTION_BQ_PER_G = 1;

/** Provenance of {@link EXEMPTION_BQ_PER_G}. */
export const EXEMPTION_PROVENANCE: Provenance = cite('IAEA14', 'primary', 'high');

/**
 * Activity of the chain parent per gram of the natural element, Bq/g: Th-232 in thorium, U-238 in uranium.
 *
 * @example
 * ```ts
 * parentActivity('Th'); // 4072 (Bq of Th-232 per g Th)
 * parentActivity('U'); // 12347 (Bq of U-238 per g U)
 * ```
 */
export function parentActivity(element: 'Th' | 'U'): number {
  const p = PARENTS[element];
  const lambda = Math.LN2 / (p.halfLifeYears * YEAR);
  return (lambda * AVOGADRO * p.atomFraction) / elements[element].atomicMass;
}

/** Th and U of one product: mass fractions and the activity of each chain parent. */
export interface ProductRadioactivity {
  /** Th and U in the dry product, mg/kg (ppm by mass). */
  readonly thoriumPpm: number;
  readonly uraniumPpm: number;
  /** Activity of Th-232 and of U-238 per gram of dry product, Bq/g. */
  readonly th232: number;
  readonly u238: number;
  /** Either parent at or above {@link EXEMPTION_BQ_PER_G} (the material is not exempt). */
  readonly aboveExemption: boolean;
}

/**
 * The radioactivity of a product holding `thorium` and `uranium` (mass flows) in `dry` (its dry mass flow,
 * same unit).
 *
 * @example
 * ```ts
 * // 177 ppm Th: 0.72 Bq/g of Th-232, below the 1 Bq/g exemption level.
 * const r = productRadioactivity(177e-6, 0, 1);
 * r.th232; // 0.721
 * r.aboveExemption; // false
 * ```
 */
export function productRadioactivity(thorium: number, uranium: number, dry: number): ProductRadioactivity {
  const th = dry > 0 ? thorium / dry : 0;
  const u = dry > 0 ? uranium / dry : 0;
  const th232 = th * parentActivity('Th');
  const u238 = u * parentActivity('U');
  return {
    thoriumPpm: th * 1e6,
    uraniumPpm: u * 1e6,
    th232,
    u238,
    aboveExemption: Math.max(th232, u238) >= EXEMPTION_BQ_PER_G,
  };
}
