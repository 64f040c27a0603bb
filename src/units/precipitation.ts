/**
 * Precipitation: rare earths brought down from a purified liquor (SX strip liquor, ion-adsorption leach
 * liquor) as oxalates (oxalic acid, pH ~1-2) or carbonates (ammonium bicarbonate), then filtered.
 *
 * **Model.** A two-product separator on the element basis. Each species reports to the precipitate with its
 * efficiency (fraction precipitated); the rest stays in the filtrate. The cake keeps `cakeWater` kg of liquor
 * water per kg of dry cake (capped at the water in the feed); carried reagents (free acid) follow that water.
 * The dry cake mass is computed from the formula weight of each element's salt (`chemistry/compounds.ts`):
 * per mol RE 0.5·(2 M_RE + 3·88.018 + 10·18.015) g for RE2(C2O4)3·10H2O, 0.5·(2 M_RE + 3·60.008) g for
 * RE2(CO3)3. Reagent by stoichiometry on what precipitates: v/2 mol H2C2O4 per mol metal of valence v
 * (1.5 per RE, 2 per Th, 1 per Ca), or v mol NH4HCO3 (2 RE3+ + 6 HCO3- -> RE2(CO3)3 + 3 CO2 + 3 H2O),
 * times (1 + excess).
 *
 * **Water convention.** A stream's H2O is free water. The crystal water of the oxalate and the water that
 * comes with the reagent solution are not tracked (the crystal water is part of the salt's formula and is
 * reported in `figures.crystalWater`), so the balance stays exact on the tracked species.
 *
 * **The user specifies:** `reagent`. **Units:** efficiencies are fractions in [0, 1]; `excess` is a fraction
 * of the stoichiometric reagent (0.2 = 20 % excess); `cakeWater` is kg water per kg dry cake (a ratio, not a wet-basis fraction);
 * `energyPerTonne` is kWh per dry tonne of cake.
 * **Data:** oxalate > 99 % (typically 99.5-99.9 %) with 10-30 % excess oxalic acid (GK05, XIE14, recalled,
 * medium); stoichiometry ree-data 6.3 (derived, high). Impurity co-precipitation, the carbonate efficiency,
 * cake moisture and energy are reesim assumptions (see {@link precipitationDefaults}).
 */

import { type PrecipitateCompound, saltFormula, saltMolarMass } from '../chemistry/compounds.js';
import { ELEMENT_SYMBOLS, elements, isRareEarth } from '../chemistry/elements.js';
import { REAGENT_MOLAR_MASS, type Reagent } from '../chemistry/reagents.js';
import { GANGUE, SPECIES_INDEX, type Species, WATER } from '../chemistry/species.js';
import { fail } from '../core/errors.js';
import {
  fraction,
  inRange,
  knownKeys,
  MAX_ENERGY_PER_TONNE,
  MAX_EXCESS,
  oneOf,
  orDefault,
  record,
} from '../core/validate.js';
import { type Sourced, sourced } from '../data/provenance.js';
import { tre, treo } from '../stream/composition.js';
import { partition } from '../stream/split.js';
import { checkStream, type Stream } from '../stream/stream.js';
import { solidFractions } from './solidFractions.js';
import { finishUnit, inlet, speciesVector, type UnitDefinition, type UnitResult } from './unit.js';

const IMPURITIES = ['Th', 'U', 'Fe', 'Al', 'Ca', 'Gangue'] as const;

/** Precipitating reagent: oxalic acid or ammonium bicarbonate. */
export type PrecipitationReagent = 'oxalate' | 'carbonate';

/** Parameters of {@link precipitation}. */
export interface PrecipitationParams {
  readonly reagent: PrecipitationReagent;
  /** Fraction of every rare earth precipitated. Default: the reagent's default. */
  readonly efficiency?: number;
  /** Fractions precipitated of individual species (not H2O), e.g. `{ Ca: 0.8, Fe: 0.05 }`. */
  readonly elementEfficiency?: Partial<Record<Exclude<Species, 'H2O'>, number>>;
  /** Reagent excess over stoichiometry, fraction (0.2 = 20 %). */
  readonly excess?: number;
  /** Cake moisture, kg water per kg dry cake. */
  readonly cakeWater?: number;
  /** Electrical energy (agitation, pumping, filtration), kWh per dry tonne of cake. */
  readonly energyPerTonne?: number;
}

/** Default fractions precipitated, excess, moisture and energy of one reagent, each with provenance. */
export interface PrecipitationDefaults {
  readonly efficiency: { readonly [K in 'rareEarths' | (typeof IMPURITIES)[number]]: Sourced<number> };
  readonly excess: Sourced<number>;
  readonly cakeWater: Sourced<number>;
  readonly energyPerTonne: Sourced<number>;
}

const assumed = (value: number, note: string) => sourced(value, 'REESIM', 'assumed', 'assumed', note);

/** Built-in defaults per reagent. */
export const precipitationDefaults: { readonly [R in PrecipitationReagent]: PrecipitationDefaults } = {
  oxalate: {
    efficiency: {
      rareEarths: sourced(0.995, 'GK05', 'recalled', 'medium', '> 99 %, typically 99.5-99.9 % (also XIE14)'),
      Th: assumed(0.99, 'Th oxalate is as insoluble as the RE oxalates'),
      U: assumed(0.1, 'uranyl stays largely in solution at pH 1-2'),
      Fe: assumed(0.02, 'Fe(III) forms soluble oxalate complexes'),
      Al: assumed(0.02, 'Al forms soluble oxalate complexes'),
      Ca: assumed(0.5, 'CaC2O4 co-precipitates in part at pH 1-2'),
      Gangue: assumed(0, 'dissolved untracked matter stays in solution'),
    },
    excess: sourced(0.2, 'GK05', 'recalled', 'medium', '10-30 % excess oxalic acid; mid-point'),
    cakeWater: assumed(0.4, 'filtered oxalate cake, ~30 % water on a wet basis'),
    energyPerTonne: assumed(30, 'agitated tanks, pumps and a filter; order of magnitude'),
  },
  carbonate: {
    efficiency: {
      rareEarths: assumed(0.99, 'ammonium bicarbonate to pH ~6-7; XIE14 gives the route, not the figure'),
      Th: assumed(0.99, 'Th hydroxide comes down at that pH'),
      U: assumed(0.1, 'uranyl carbonate complexes stay in solution'),
      Fe: assumed(0.9, 'Fe(OH)3 comes down at that pH'),
      Al: assumed(0.9, 'Al(OH)3 comes down at that pH'),
      Ca: assumed(0.5, 'CaCO3 co-precipitates in part'),
      Gangue: assumed(0, 'dissolved untracked matter stays in solution'),
    },
    excess: assumed(0.2, 'same excess as the oxalate route'),
    cakeWater: assumed(0.8, 'voluminous carbonate cake holds more liquor than an oxalate cake'),
    energyPerTonne: assumed(30, 'agitated tanks, pumps and a filter; order of magnitude'),
  },
};

const REAGENTS: readonly PrecipitationReagent[] = ['oxalate', 'carbonate'];
const KEYS = ['reagent', 'efficiency', 'elementEfficiency', 'excess', 'cakeWater', 'energyPerTonne'];
const REAGENT_NAME: { readonly [R in PrecipitationReagent]: Reagent } = {
  oxalate: 'H2C2O4',
  carbonate: 'NH4HCO3',
};

/**
 * Precipitates the rare earths of a liquor with oxalic acid or ammonium bicarbonate and filters the cake.
 *
 * @param liquor rare-earth solution (form `solution`), kg/h element basis
 * @returns outlets `precipitate` (form `precipitate`, compound `oxalate` or `carbonate`, with its moisture)
 *   and `filtrate` (form `solution`); figures `reRecovery` (fraction), `precipitateMass` (kg/h of the dry
 *   RE salt), `cakeMass` (kg/h dry cake, impurity salts and gangue included), `cakeMoisture`,
 *   `crystalWater`, `co2Released` (kg/h), `reagentPerTreo` (kg reagent taken by the rare earths per kg
 *   TREO precipitated, excess included)
 * @throws ReesimError for invalid parameters, `NOT_SUPPORTED` for a feed that is not a solution
 * @example
 * ```ts
 * const liquor = makeStream('solution', { Nd: 100, Fe: 1, H2O: 2000 }, { compound: 'chloride' });
 * const { precipitate: cake } = precipitation(liquor, { reagent: 'oxalate' }).outlets;
 * ```
 */
export function precipitation(
  liquor: Stream,
  params: PrecipitationParams,
): UnitResult<'precipitate' | 'filtrate'> {
  checkStream('liquor', liquor);
  if (liquor.form !== 'solution')
    fail('NOT_SUPPORTED', 'precipitation.liquor.form', liquor.form, 'a solution');
  const p = record('precipitation', params, 'precipitation parameters');
  knownKeys('precipitation', p, KEYS);
  if (p.reagent === undefined) fail('MISSING', 'precipitation.reagent', undefined, 'oxalate or carbonate');
  const reagent = oneOf('precipitation.reagent', p.reagent, REAGENTS);
  const d = precipitationDefaults[reagent];
  const excess = inRange('precipitation.excess', orDefault(p.excess, d.excess.value), 0, MAX_EXCESS);
  const moisture = inRange('precipitation.cakeWater', orDefault(p.cakeWater, d.cakeWater.value), 0, 10);
  const energyPerTonne = inRange(
    'precipitation.energyPerTonne',
    orDefault(p.energyPerTonne, d.energyPerTonne.value),
    0,
    MAX_ENERGY_PER_TONNE,
  );

  const reEfficiency = fraction(
    'precipitation.efficiency',
    orDefault(p.efficiency, d.efficiency.rareEarths.value),
  );
  const base = speciesVector(
    reEfficiency,
    Object.fromEntries(IMPURITIES.map((s) => [s, d.efficiency[s].value])),
  );
  const eff = solidFractions('precipitation.elementEfficiency', p.elementEfficiency, base, 'set by moisture');

  // Molar flows precipitated (kmol/h = kg/h ÷ g/mol): cake mass, reagent and by-products by formula.
  const compound: PrecipitateCompound = reagent;
  let cakeMass = (liquor.amounts[GANGUE] ?? 0) * (eff[GANGUE] ?? 0);
  let reSaltMass = 0;
  let reReagentKmol = 0;
  let reagentKmol = 0;
  let co2Kmol = 0;
  let crystalWater = 0;
  for (const s of ELEMENT_SYMBOLS) {
    const i = SPECIES_INDEX[s];
    const kmol = ((liquor.amounts[i] ?? 0) * (eff[i] ?? 0)) / elements[s].atomicMass;
    if (kmol === 0) continue;
    const mass = kmol * saltMolarMass(s, compound);
    const { valence: v, anion, waterPerMetal } = saltFormula(s, compound);
    cakeMass += mass;
    const reagentPerMetal = reagent === 'oxalate' ? v / 2 : v;
    reagentKmol += kmol * reagentPerMetal;
    if (isRareEarth(s)) {
      reSaltMass += mass;
      reReagentKmol += kmol * reagentPerMetal;
    }
    crystalWater += kmol * waterPerMetal * REAGENT_MOLAR_MASS.H2O;
    // M^v+ + v HCO3- -> M(CO3)v/2 + v/2 CO2 + v/2 H2O, or -> M(OH)v + v CO2 where it hydrolyses.
    if (reagent === 'carbonate') co2Kmol += kmol * (anion === 'carbonate' ? v / 2 : v);
  }

  const water = liquor.amounts[WATER] ?? 0;
  eff[WATER] = water > 0 ? Math.min(1, (moisture * cakeMass) / water) : 0;
  const [cake, filtrate] = partition(liquor, eff, {
    firstForm: 'precipitate',
    secondForm: 'solution',
    firstCompound: compound,
  });

  const name = REAGENT_NAME[reagent];
  const perKmol = (1 + excess) * REAGENT_MOLAR_MASS[name];
  const reagentMass = reagentKmol * perKmol;
  const feedRe = tre(liquor);
  const cakeTreo = treo(cake);
  const capped = water > 0 && moisture * cakeMass > water;
  return finishUnit('precipitation', {
    inlets: [liquor],
    outlets: { precipitate: cake, filtrate },
    reagents: { [name]: reagentMass },
    energy: (energyPerTonne * cakeMass) / 1000,
    figures: {
      reRecovery: feedRe > 0 ? tre(cake) / feedRe : 0,
      precipitateMass: reSaltMass,
      cakeMass,
      cakeMoisture: cake.amounts[WATER] ?? 0,
      crystalWater,
      reagentPerTreo: cakeTreo > 0 ? (reReagentKmol * perKmol) / cakeTreo : 0,
      co2Released: co2Kmol * REAGENT_MOLAR_MASS.CO2,
      excess,
    },
    notes: [
      `${reagent} precipitation: rare earths ${reEfficiency} precipitated; impurities by element (${p.elementEfficiency === undefined ? 'reesim assumed defaults' : 'user values where given'})`,
      `${name} at ${(100 * excess).toFixed(0)} % excess over stoichiometry on what precipitates`,
      `cake moisture ${moisture} kg/kg dry cake${capped ? ' (capped: the feed holds less water)' : ''}; crystal water and reagent water are not tracked`,
    ],
  });
}

/**
 * The old name of {@link precipitation}.
 *
 * @deprecated Renamed `precipitation` (a unit's file, kind and function share one name); this alias goes in the
 * next version.
 */
export const precipitate = precipitation;

/** Flowsheet definition of {@link precipitation}: inlet `liquor`, outlets `precipitate` and `filtrate`. */
export const precipitationUnit: UnitDefinition<PrecipitationParams, 'precipitate' | 'filtrate'> = {
  kind: 'precipitation',
  inlets: ['liquor'],
  outlets: ['precipitate', 'filtrate'],
  outletForms: { precipitate: 'precipitate', filtrate: 'solution' },
  run: (inlets, params) => precipitation(inlet(inlets, 'liquor', 'precipitation'), params),
};
