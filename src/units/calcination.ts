/**
 * Calcination: a rare-earth precipitate (oxalate, carbonate or hydroxide) fired in air at ~800-1000 °C to
 * the mixed or single oxide, the traded product (CeO2, Pr6O11, Tb4O7, U3O8 as reported, else M2O3).
 *
 * **Model.** Every element and the gangue go to the oxide; the free water of the cake (the stream's H2O)
 * and any carried reagents leave with the off-gas. The salt of each element is the one
 * `chemistry/compounds.ts` gives for the compound (RE2(C2O4)3·10H2O, RE2(CO3)3, RE(OH)3 ...); its
 * decomposition gives CO, CO2 and water by stoichiometry (RE2(C2O4)3 -> RE2O3 + 3 CO + 3 CO2 per 2 RE), and
 * Ce, Pr, Tb (and U) take up oxygen from air to their reported oxides. Conversion is complete at any
 * temperature in the validated range; the temperature only raises a note outside 800-1000 °C.
 *
 * **Water convention.** As in `precipitate`: a stream's H2O is free water. Crystal and hydroxyl water
 * belong to the salt's formula, so they are not a tracked amount; they are reported as
 * `figures.formulaWater` (kg/h released) and the species balance stays exact. CO, CO2 and O2 are not
 * tracked species either: their flows are figures, and `feedSolidMass + o2Uptake = oxideMass + co + co2 +
 * formulaWater` holds to rounding.
 *
 * **The user specifies:** nothing beyond the feed, which must be a `precipitate` whose `compound` is
 * oxalate, carbonate or hydroxide (or `compound` given). **Units:** `temperature` °C in [700, 1200];
 * `energyPerTonne` kWh per tonne of oxide.
 * **Data:** calcination ~800-1000 °C in air to the reported oxides (GK05, recalled, medium); 0.459 kg Nd2O3
 * per kg Nd2(C2O4)3·10H2O (ree-data 6.3, derived, high). Energy is a reesim assumption.
 */

import {
  calcinationProducts,
  PRECIPITATE_COMPOUNDS,
  type PrecipitateCompound,
  saltMolarMass,
} from '../chemistry/compounds.js';
import { ELEMENT_SYMBOLS, elements } from '../chemistry/elements.js';
import { OXYGEN_MASS } from '../chemistry/oxide.js';
import { REAGENT_MOLAR_MASS } from '../chemistry/reagents.js';
import { GANGUE, SPECIES_COUNT, SPECIES_INDEX, WATER } from '../chemistry/species.js';
import { fail } from '../core/errors.js';
import { inRange, knownKeys, MAX_ENERGY_PER_TONNE, oneOf, orDefault, record } from '../core/validate.js';
import { type Sourced, sourced } from '../data/provenance.js';
import { total, treo } from '../stream/composition.js';
import { partition } from '../stream/split.js';
import { checkStream, type Stream, withAmounts } from '../stream/stream.js';
import { finishUnit, inlet, type UnitDefinition, type UnitResult } from './unit.js';

/** Parameters of {@link calcination}. */
export interface CalcinationParams {
  /** Kiln temperature, °C in [700, 1200]. Informational: outside 800-1000 °C only a note is added. */
  readonly temperature?: number;
  /** Compound of the feed, when the stream does not carry one. */
  readonly compound?: PrecipitateCompound;
  /** Kiln energy (fuel or electric), kWh per tonne of oxide. */
  readonly energyPerTonne?: number;
}

/** Built-in defaults of {@link calcination}, with provenance. */
export const calcinationDefaults: {
  readonly temperature: Sourced<number>;
  readonly usualRange: Sourced<readonly [number, number]>;
  readonly energyPerTonne: Sourced<number>;
} = {
  temperature: sourced(900, 'GK05', 'recalled', 'medium', 'mid-point of ~800-1000 °C'),
  usualRange: sourced([800, 1000] as const, 'GK05', 'recalled', 'medium', 'calcination in air'),
  energyPerTonne: sourced(
    1500,
    'REESIM',
    'assumed',
    'assumed',
    'gas or electric kiln incl. evaporating cake water; order of magnitude',
  ),
};

const KEYS = ['temperature', 'compound', 'energyPerTonne'];

/**
 * Calcines a precipitate to oxide.
 *
 * @param feed precipitate (form `precipitate`, compound oxalate/carbonate/hydroxide), kg/h element basis
 * @returns outlets `oxide` (form `oxide`, compound `oxide`) and `offgas` (form `gas`: the cake's free water);
 *   figures in kg/h `oxideMass`, `treo`, `feedSolidMass` (dry salts by formula plus gangue), `co`, `co2`
 *   (decomposition products; in air the CO burns to CO2 in the kiln), `o2Uptake`, `formulaWater`,
 *   `moistureEvaporated`, and `oxideYield` (kg oxide per kg dry feed) and `temperature` (°C)
 * @throws ReesimError for invalid parameters, `NOT_SUPPORTED` for a feed that is not a precipitate or has
 *   another compound, `MISSING` when neither the feed nor `compound` says what the precipitate is
 * @example
 * ```ts
 * const cake = makeStream('precipitate', { Nd: 100, H2O: 150 }, { compound: 'oxalate' });
 * calcination(cake).report.figures.oxideMass; // 116.64 kg/h Nd2O3
 * ```
 */
export function calcination(feed: Stream, params: CalcinationParams = {}): UnitResult<'oxide' | 'offgas'> {
  checkStream('feed', feed);
  if (feed.form !== 'precipitate') fail('NOT_SUPPORTED', 'calcination.feed.form', feed.form, 'a precipitate');
  const p = record('calcination', params, 'calcination parameters');
  knownKeys('calcination', p, KEYS);
  const given: unknown = orDefault(p.compound, feed.compound);
  if (given === undefined)
    fail('MISSING', 'calcination.compound', undefined, `one of ${PRECIPITATE_COMPOUNDS.join(', ')}`);
  if (p.compound === undefined && !PRECIPITATE_COMPOUNDS.includes(given as PrecipitateCompound))
    fail('NOT_SUPPORTED', 'calcination.feed.compound', given, `one of ${PRECIPITATE_COMPOUNDS.join(', ')}`);
  const compound = oneOf('calcination.compound', given, PRECIPITATE_COMPOUNDS);
  const temperature = inRange(
    'calcination.temperature',
    orDefault(p.temperature, calcinationDefaults.temperature.value),
    700,
    1200,
  );
  const energyPerTonne = inRange(
    'calcination.energyPerTonne',
    orDefault(p.energyPerTonne, calcinationDefaults.energyPerTonne.value),
    0,
    MAX_ENERGY_PER_TONNE,
  );

  // Decomposition by formula, kmol/h of each element times mol of product per mol element.
  let feedSolid = feed.amounts[GANGUE] ?? 0;
  let co = 0;
  let co2 = 0;
  let water = 0;
  let o2 = 0;
  for (const s of ELEMENT_SYMBOLS) {
    const kmol = (feed.amounts[SPECIES_INDEX[s]] ?? 0) / elements[s].atomicMass;
    if (kmol === 0) continue;
    const gas = calcinationProducts(s, compound);
    feedSolid += kmol * saltMolarMass(s, compound);
    co += kmol * gas.CO;
    co2 += kmol * gas.CO2;
    water += kmol * gas.H2O;
    o2 += kmol * gas.O2;
  }

  const toOxide = new Array<number>(SPECIES_COUNT).fill(1);
  toOxide[WATER] = 0;
  const [oxide, gas] = partition(feed, toOxide, {
    firstForm: 'oxide',
    firstCompound: 'oxide',
    reagentFraction: 0,
  });
  const offgas = withAmounts('gas', [...gas.amounts], gas.reagents ? { reagents: gas.reagents } : {});
  const oxideMass = total(oxide);
  const [low, high] = calcinationDefaults.usualRange.value;
  const notes = [
    `${compound} -> reported oxides by formula; complete conversion; crystal/hydroxyl water, CO, CO2 and O2 are figures, not tracked species`,
    `energy ${energyPerTonne} kWh/t oxide (${p.energyPerTonne === undefined ? 'reesim assumed default, low confidence' : 'user value'})`,
  ];
  if (temperature < low)
    notes.push(`${temperature} °C is below the usual ${low}-${high} °C: decomposition may be incomplete`);
  if (temperature > high)
    notes.push(`${temperature} °C is above the usual ${low}-${high} °C: expect a sintered, coarser oxide`);
  return finishUnit('calcination', {
    inlets: [feed],
    outlets: { oxide, offgas },
    energy: (energyPerTonne * oxideMass) / 1000,
    figures: {
      oxideMass,
      treo: treo(oxide),
      feedSolidMass: feedSolid,
      oxideYield: feedSolid > 0 ? oxideMass / feedSolid : 0,
      co: co * REAGENT_MOLAR_MASS.CO,
      co2: co2 * REAGENT_MOLAR_MASS.CO2,
      o2Uptake: o2 * 2 * OXYGEN_MASS,
      formulaWater: water * REAGENT_MOLAR_MASS.H2O,
      moistureEvaporated: feed.amounts[WATER] ?? 0,
      temperature,
    },
    notes,
  });
}

/**
 * The old name of {@link calcination}.
 *
 * @deprecated Renamed `calcination` (a unit's file, kind and function share one name); this alias goes in the
 * next version.
 */
export const calcine = calcination;

/** Flowsheet definition of {@link calcination}: inlet `feed`, outlets `oxide` and `offgas`. */
export const calcinationUnit: UnitDefinition<CalcinationParams, 'oxide' | 'offgas'> = {
  kind: 'calcination',
  inlets: ['feed'],
  outlets: ['oxide', 'offgas'],
  outletForms: { oxide: 'oxide', offgas: 'gas' },
  run: (inlets, params) => calcination(inlet(inlets, 'feed', 'calcination'), params),
};
