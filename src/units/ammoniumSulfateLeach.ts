/**
 * Ammonium sulfate leach of ion-adsorption clay, in situ or in heaps: NH₄⁺ exchanges the rare-earth ions
 * held on the clay surfaces into a sulfate liquor.
 *
 * **Model.** One {@link leachStage}. Each rare earth reaches the liquor with `exchangeableFraction` ×
 * `leachEfficiency` (only the ion-exchangeable share can be leached). Al co-leaches with `aluminiumCoLeach`
 * (Al is the main impurity of clay leach liquors); Th and U mostly stay in the clay. The lixiviant is an
 * (NH₄)₂SO₄ solution of mass fraction `solutionConcentration` applied at `liquidToOre` (kg solution per kg
 * dry ore); its water enters as the added stream `water` and reports to the liquor except what the leached
 * clay holds (`residueMoisture`).
 *
 * **Reagent.** (NH₄)₂SO₄ consumed = `solutionConcentration` × `liquidToOre` × dry ore (the dose applied is
 * counted as used: in-situ leaching loses most of it to the ground). The ion-exchange stoichiometric minimum
 * (½ mol (NH₄)₂SO₄ per mol of charge leached: 1.5 per RE, 1.5 per Al, 1 per Ca ...) is reported as the
 * figure `stoichiometricAmmoniumSulfate` (kg/h) for comparison.
 *
 * **The user specifies:** nothing is required. Optional: `exchangeableFraction`, `leachEfficiency`,
 * `aluminiumCoLeach`, `solutionConcentration`, `liquidToOre`, `dissolution` (overrides any species),
 * `residueMoisture`, `energyPerTonne`.
 * **Data:** > 50 % of the REY is ion-exchangeable (SW16, primary, high; default 0.8 assumed within it);
 * ≥ 90 % of the exchangeable fraction is leached (GK05/XIE14, recalled, low–medium); lixiviant ~1–4 %
 * (NH₄)₂SO₄ (recalled, low–medium; default 2 %). Al, Th, U, Ca splits, liquid ratio and energy are assumed.
 */

import { SPECIES_INDEX } from '../chemistry/species.js';
import { knownKeys, record } from '../core/validate.js';
import { type Sourced, sourced } from '../data/provenance.js';
import { total } from '../stream/composition.js';
import type { Stream } from '../stream/stream.js';
import {
  chargeKmol,
  finishLeach,
  type LeachParams,
  leachStage,
  optionalNumber,
  RESIDUE_MOISTURE,
  readLeachParams,
  reagentForCharge,
  solidFeed,
} from './leachCommon.js';
import { inlet, speciesVector, type UnitDefinition, type UnitResult } from './unit.js';

/** Parameters of {@link ammoniumSulfateLeach}. */
export interface AmmoniumSulfateLeachParams extends Omit<LeachParams, 'liquidToSolid'> {
  /** Ion-exchangeable share of the ore's rare earths, fraction. */
  readonly exchangeableFraction?: number;
  /** Share of the exchangeable rare earths the leach recovers, fraction. */
  readonly leachEfficiency?: number;
  /** Fraction of the ore's Al leached. */
  readonly aluminiumCoLeach?: number;
  /** (NH₄)₂SO₄ mass fraction of the lixiviant, in [0, 0.5]. */
  readonly solutionConcentration?: number;
  /** Lixiviant applied, kg solution per kg dry ore, in [0, 1000]. */
  readonly liquidToOre?: number;
}

/** Built-in defaults of {@link ammoniumSulfateLeach}, with provenance. */
export const ammoniumSulfateLeachDefaults: {
  readonly exchangeableFraction: Sourced<number>;
  readonly leachEfficiency: Sourced<number>;
  readonly aluminiumCoLeach: Sourced<number>;
  readonly others: Sourced<{
    readonly Th: number;
    readonly U: number;
    readonly Fe: number;
    readonly Ca: number;
  }>;
  readonly solutionConcentration: Sourced<number>;
  readonly liquidToOre: Sourced<number>;
  readonly energyPerTonne: Sourced<number>;
} = {
  exchangeableFraction: sourced(
    0.8,
    'REESIM',
    'assumed',
    'assumed',
    'within SW16 (> 50 % of REY ion-exchangeable)',
  ),
  leachEfficiency: sourced(
    0.9,
    'GK05',
    'recalled',
    'low',
    '>= 90 % of the ion-exchangeable fraction (GK05/XIE14)',
  ),
  aluminiumCoLeach: sourced(0.02, 'REESIM', 'assumed', 'assumed', 'Al is the main liquor impurity'),
  others: sourced(
    { Th: 0.01, U: 0.05, Fe: 0.005, Ca: 0.3 },
    'REESIM',
    'assumed',
    'assumed',
    'exchangeable Ca',
  ),
  solutionConcentration: sourced(0.02, 'GK05', 'recalled', 'low', '~1-4 % (NH4)2SO4 (GK05/XIE14)'),
  liquidToOre: sourced(1, 'REESIM', 'assumed', 'assumed', 'kg lixiviant per kg dry ore'),
  energyPerTonne: sourced(2, 'REESIM', 'assumed', 'assumed', 'pumping lixiviant and liquor only'),
};

const KEYS = [
  'exchangeableFraction',
  'leachEfficiency',
  'aluminiumCoLeach',
  'solutionConcentration',
  'liquidToOre',
  'dissolution',
  'residueMoisture',
  'energyPerTonne',
];
const PATH = 'ammoniumSulfateLeach';

/**
 * Leaches ion-adsorption clay with ammonium sulfate solution.
 *
 * @param feed ion-adsorption clay ore, kg/h element basis
 * @returns outlets `liquor` (form `solution`, compound `sulfate`) and `residue` (leached clay); reagent
 *   `(NH4)2SO4` kg/h; added stream `water` (the lixiviant's water)
 * @throws ReesimError for invalid parameters or a feed that is not a solid
 * @example
 * ```ts
 * const clay = makeStream('ore', { Y: 0.4, La: 0.1, Nd: 0.05, Al: 100, Gangue: 800 });
 * const r = ammoniumSulfateLeach(clay, { exchangeableFraction: 0.7 });
 * r.report.figures.treoToLiquor; // ~0.63 (0.7 x 0.9)
 * ```
 */
export function ammoniumSulfateLeach(
  feed: Stream,
  params: AmmoniumSulfateLeachParams = {},
): UnitResult<'liquor' | 'residue'> {
  solidFeed(`${PATH}.feed`, feed);
  const p = record(PATH, params, 'ammonium sulfate leach parameters');
  knownKeys(PATH, p, KEYS);
  const d = ammoniumSulfateLeachDefaults;
  const exchangeable = optionalNumber(
    `${PATH}.exchangeableFraction`,
    p.exchangeableFraction,
    d.exchangeableFraction.value,
    0,
    1,
  );
  const efficiency = optionalNumber(
    `${PATH}.leachEfficiency`,
    p.leachEfficiency,
    d.leachEfficiency.value,
    0,
    1,
  );
  const al = optionalNumber(`${PATH}.aluminiumCoLeach`, p.aluminiumCoLeach, d.aluminiumCoLeach.value, 0, 1);
  const conc = optionalNumber(
    `${PATH}.solutionConcentration`,
    p.solutionConcentration,
    d.solutionConcentration.value,
    0,
    0.5,
  );
  const ratio = optionalNumber(`${PATH}.liquidToOre`, p.liquidToOre, d.liquidToOre.value, 0, 1000);
  const s = readLeachParams(PATH, p, {
    dissolution: speciesVector(exchangeable * efficiency, { ...d.others.value, Al: al }),
    residueMoisture: RESIDUE_MOISTURE.value,
    energyPerTonne: d.energyPerTonne.value,
  });

  const stage = leachStage(feed, {
    dissolution: s.dissolution,
    waterRatio: (1 - conc) * ratio,
    moisture: s.residueMoisture,
    liquorCompound: 'sulfate',
    solidForm: 'residue',
    solidCompound: 'mineral',
  });
  const dose = conc * ratio * total(feed);
  const stoichiometric = reagentForCharge('(NH4)2SO4', chargeKmol(feed.amounts, s.dissolution), 2, 0);
  return finishLeach('ammonium-sulfate-leach', {
    feed,
    settings: s,
    added: { water: stage.water },
    outlets: { liquor: stage.liquor, residue: stage.solid },
    reagents: { '(NH4)2SO4': dose },
    figures: {
      exchangeableLeached: exchangeable * efficiency,
      aluminiumToLiquor: s.dissolution[SPECIES_INDEX.Al] ?? 0,
      stoichiometricAmmoniumSulfate: stoichiometric,
    },
    notes: [
      `rare earths leached: exchangeable ${exchangeable} x efficiency ${efficiency}; Th and U mostly stay in the clay`,
      `(NH4)2SO4 ${conc} mass fraction at ${ratio} kg solution per kg ore, all counted as consumed`,
    ],
  });
}

/** Flowsheet definition of {@link ammoniumSulfateLeach}: inlet `feed`, outlets `liquor` and `residue`. */
export const ammoniumSulfateLeachUnit: UnitDefinition<AmmoniumSulfateLeachParams, 'liquor' | 'residue'> = {
  kind: 'ammonium-sulfate-leach',
  inlets: ['feed'],
  outlets: ['liquor', 'residue'],
  outletForms: { liquor: 'solution', residue: 'residue' },
  run: (inlets, params) => ammoniumSulfateLeach(inlet(inlets, 'feed', PATH), params),
};
