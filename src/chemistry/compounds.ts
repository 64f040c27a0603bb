/**
 * Solid compounds of the precipitation -> calcination route: the formula of each element's precipitated
 * salt, its formula weight, and what it gives off when calcined in air to the reported oxide.
 *
 * **Model.** Each tracked element (not gangue or water) precipitates as one salt per route:
 *
 * - `oxalate`: rare earths as RE2(C2O4)3·10H2O (GK05/XIE14 via ree-data 6.3, recalled, medium); Th and U(IV)
 *   as M(C2O4)2·6H2O, Ca as CaC2O4·H2O, Fe and Al as anhydrous M2(C2O4)3 (reesim assumptions).
 * - `carbonate` (ammonium bicarbonate): rare earths as anhydrous RE2(CO3)3 (real cakes hold 2-8 H2O; reesim
 *   counts that water as cake moisture), Ca as CaCO3; Th, U, Fe and Al hydrolyse at that pH and come down as
 *   hydroxides (reesim assumption).
 * - `hydroxide`: M(OH)v for every element (v: the valence below).
 *
 * Valences: rare earths 3, Th 4, U 4, Fe 3, Al 3, Ca 2. Calcination first gives the oxide of that
 * valence (MOv/2: oxalate -> + CO + CO2, carbonate -> + CO2, hydroxide -> + H2O, and the crystal water),
 * then takes up oxygen from air to the reported oxide (CeO2, Pr6O11, Tb4O7, U3O8). Formula weights use the CIAAW weights
 * of `reagents.ts` and `oxide.ts`: C2O4 88.018, CO3 60.008, OH 17.007, H2O 18.015 g/mol.
 */
import { cite, type Provenance } from '../data/provenance.js';
import { type ElementSymbol, elements, isRareEarth } from './elements.js';
import { OXYGEN_MASS } from './oxide.js';
import { REAGENT_MOLAR_MASS } from './reagents.js';

/** Compound the rare earths are precipitated as. */
export type PrecipitateCompound = 'oxalate' | 'carbonate' | 'hydroxide';

/** Every precipitate compound reesim can calcine. */
export const PRECIPITATE_COMPOUNDS: readonly PrecipitateCompound[] = ['oxalate', 'carbonate', 'hydroxide'];

/** Anion molar masses, g/mol, built from CO2, H2O and O (C2O4 = 2 CO2, CO3 = CO2 + O, OH = (H2O + O) / 2). */
export const ANION_MOLAR_MASS: { readonly [C in PrecipitateCompound]: number } = {
  oxalate: 2 * REAGENT_MOLAR_MASS.CO2,
  carbonate: REAGENT_MOLAR_MASS.CO2 + OXYGEN_MASS,
  hydroxide: (REAGENT_MOLAR_MASS.H2O + OXYGEN_MASS) / 2,
};

/** Charge of each element's cation in the precipitated salts. */
export const SALT_VALENCE: { readonly [E in ElementSymbol]: number } = {
  ...(Object.fromEntries(Object.keys(elements).map((s) => [s, 3])) as Record<ElementSymbol, number>),
  Th: 4,
  U: 4,
  Ca: 2,
};

/** One element's precipitated salt, counted per atom of the element. */
export interface SaltFormula {
  /** Formula, e.g. `Nd2(C2O4)3·10H2O`. */
  readonly formula: string;
  /** The salt's anion (Fe in a carbonate cake is a hydroxide). */
  readonly anion: PrecipitateCompound;
  /** Cation charge. */
  readonly valence: number;
  /** Anions per metal atom. */
  readonly anionsPerMetal: number;
  /** Water of crystallisation per metal atom. */
  readonly waterPerMetal: number;
  readonly provenance: Provenance;
}

const RE_OXALATE = cite('GK05', 'recalled', 'medium', 'RE2(C2O4)3·10H2O (ree-data 6.3)');
const ASSUMED = cite('REESIM', 'assumed', 'assumed', 'usual salt of the element under these conditions');
const CRYSTAL_WATER: Partial<Record<ElementSymbol, number>> = { Th: 6, U: 6, Ca: 1, Fe: 0, Al: 0 };
const HYDROLYSED_IN_CARBONATE: readonly ElementSymbol[] = ['Th', 'U', 'Fe', 'Al'];
const ANION_TEXT: { readonly [C in PrecipitateCompound]: string } = {
  oxalate: 'C2O4',
  carbonate: 'CO3',
  hydroxide: 'OH',
};

function formulaText(symbol: string, anion: PrecipitateCompound, valence: number, water: number): string {
  const charge = anion === 'hydroxide' ? 1 : 2;
  const metals = valence % charge === 0 ? 1 : charge;
  const anions = (valence * metals) / charge;
  const group = anions === 1 ? ANION_TEXT[anion] : `(${ANION_TEXT[anion]})${anions}`;
  const hydrate = water === 0 ? '' : `·${water * metals === 1 ? '' : water * metals}H2O`;
  return `${symbol}${metals === 1 ? '' : metals}${group}${hydrate}`;
}

/**
 * The salt an element precipitates as on a given route (see the module notes).
 *
 * @example
 * ```ts
 * saltFormula('Nd', 'oxalate').formula; // 'Nd2(C2O4)3·10H2O'
 * saltFormula('Fe', 'carbonate').formula; // 'Fe(OH)3'
 * ```
 */
export function saltFormula(symbol: ElementSymbol, compound: PrecipitateCompound): SaltFormula {
  const valence = SALT_VALENCE[symbol];
  const anion = compound === 'carbonate' && HYDROLYSED_IN_CARBONATE.includes(symbol) ? 'hydroxide' : compound;
  const waterPerMetal = anion === 'oxalate' ? (CRYSTAL_WATER[symbol] ?? 5) : 0;
  const anionsPerMetal = anion === 'hydroxide' ? valence : valence / 2;
  const provenance = anion === 'oxalate' && isRareEarth(symbol) ? RE_OXALATE : ASSUMED;
  const formula = formulaText(symbol, anion, valence, waterPerMetal);
  return { formula, anion, valence, anionsPerMetal, waterPerMetal, provenance };
}

/**
 * Formula weight of an element's dry precipitated salt per mole of the element, g/mol (= kg/kmol).
 *
 * @example
 * ```ts
 * saltMolarMass('Nd', 'oxalate'); // 366.34 = (2·144.242 + 3·88.018 + 10·18.015) / 2
 * ```
 */
export function saltMolarMass(symbol: ElementSymbol, compound: PrecipitateCompound): number {
  const salt = saltFormula(symbol, compound);
  return (
    elements[symbol].atomicMass +
    salt.anionsPerMetal * ANION_MOLAR_MASS[salt.anion] +
    salt.waterPerMetal * REAGENT_MOLAR_MASS.H2O
  );
}

/** Moles per mole of element given off (CO, CO2, H2O) and taken up (O2) when a salt is calcined in air. */
export interface CalcinationProducts {
  readonly CO: number;
  readonly CO2: number;
  /** Crystal water plus hydroxyl water. */
  readonly H2O: number;
  /** Oxygen taken up from air to reach the reported oxide (CeO2, Pr6O11, Tb4O7, U3O8). */
  readonly O2: number;
}

/**
 * What calcining one mole of an element's salt releases and takes up, mol per mol element:
 * M2(C2O4)v -> M2Ov + v CO + v CO2; M2(CO3)v -> M2Ov + v CO2; 2 M(OH)v -> M2Ov + v H2O; then
 * O2 uptake to the reported oxide. Salt mass + O2 = oxide mass + gases, exactly.
 *
 * @example
 * ```ts
 * calcinationProducts('Ce', 'oxalate'); // { CO: 1.5, CO2: 1.5, H2O: 5, O2: 0.25 }
 * ```
 */
export function calcinationProducts(
  symbol: ElementSymbol,
  compound: PrecipitateCompound,
): CalcinationProducts {
  const salt = saltFormula(symbol, compound);
  const baseOxygen = salt.valence / 2;
  const { oxide } = elements[symbol];
  return {
    CO: salt.anion === 'oxalate' ? baseOxygen : 0,
    CO2: salt.anion === 'hydroxide' ? 0 : baseOxygen,
    H2O: salt.waterPerMetal + (salt.anion === 'hydroxide' ? baseOxygen : 0),
    O2: (oxide.oxygenAtoms / oxide.metalAtoms - baseOxygen) / 2,
  };
}
