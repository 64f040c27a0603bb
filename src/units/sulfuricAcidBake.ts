/**
 * Sulfuric acid bake: concentrated H₂SO₄ roast of a mixed bastnäsite–monazite concentrate in a rotary kiln,
 * then a water leach of the baked mass (the Bayan Obo route).
 *
 * **Model.** The kiln drives off the feed's free water (outlet `offgas`); the baked mass is water-leached
 * (one {@link leachStage}): each species dissolves into the sulfate liquor with its fraction, the rest stays
 * in the residue. The bake temperature decides where Th goes: a low-temperature bake (~250–300 °C) leaves
 * Th soluble so it follows the rare earths into the liquor; a high-temperature bake (~750 °C) locks Th and P
 * in the residue (GK05). Fluorine (HF/SiF₄) and CO₂ leave in the off-gas but are not tracked species: the
 * gangue mass that stands for them stays in the residue.
 *
 * **Stoichiometry.** H₂SO₄ = ½ mol per mol of reacting charge × (1 + excess): 1.5 mol per mol RE dissolved
 * (RE₂(SO₄)₃), 2 per Th, 1 per U, 1.5 per Fe and Al dissolved, and 1 per mol of all the feed's Ca (fluorite
 * and calcite turn to CaSO₄, which stays in the residue). The excess covers acid taken by untracked gangue
 * (phosphate, fluoride) and the free acid left in the liquor.
 *
 * **The user specifies:** `temperature`. Optional: `dissolution`, `excess`, `liquidToSolid`,
 * `residueMoisture`, `energyPerTonne` (see {@link LeachParams}).
 * **Data:** REE recovery ~90–95 % (GK05, XIE14; recalled, low–medium; default 0.93). The Th, U, Fe, Al and
 * Ca splits, the excess, the water ratio and the energy are reesim assumptions, labelled in
 * {@link sulfuricAcidBakeDefaults}.
 */

import { SPECIES_INDEX, type Species, WATER } from '../chemistry/species.js';
import { fail } from '../core/errors.js';
import { knownKeys, oneOf, record } from '../core/validate.js';
import { cite, type Provenance, type Sourced, sourced } from '../data/provenance.js';
import { partition } from '../stream/split.js';
import { type Stream, withAmounts } from '../stream/stream.js';
import {
  chargeKmol,
  finishLeach,
  type LeachParams,
  leachStage,
  RESIDUE_MOISTURE,
  readExcess,
  readLeachParams,
  reagentForCharge,
  solidFeed,
} from './leachCommon.js';
import { inlet, perSpecies, speciesVector, type UnitDefinition, type UnitResult } from './unit.js';

/** Bake temperature: `low` ~250–300 °C (Th soluble), `high` ~750 °C (Th and P locked in the residue). */
export type BakeTemperature = 'low' | 'high';

/** Parameters of {@link sulfuricAcidBake}. */
export interface SulfuricAcidBakeParams extends LeachParams {
  readonly temperature: BakeTemperature;
  /** H₂SO₄ above stoichiometric, fraction in [0, 10] (0.5 = 50 % more). */
  readonly excess?: number;
}

/** Defaults that depend on the bake temperature. */
export interface BakeTemperatureDefaults {
  /** Dissolution into the liquor of the non-rare-earth species (absent: 0). */
  readonly dissolution: Readonly<Partial<Record<Species, number>>>;
  /** kWh per dry tonne of feed, kiln heat included. */
  readonly energyPerTonne: number;
  readonly provenance: Provenance;
}

/** Built-in defaults of {@link sulfuricAcidBake}, with provenance. */
export const sulfuricAcidBakeDefaults: {
  readonly recovery: Sourced<number>;
  readonly excess: Sourced<number>;
  readonly liquidToSolid: Sourced<number>;
  readonly temperature: { readonly [T in BakeTemperature]: BakeTemperatureDefaults };
} = {
  recovery: sourced(0.93, 'GK05', 'recalled', 'low', 'REE to liquor ~90-95 % (GK05, XIE14); mid-point'),
  excess: sourced(0.5, 'REESIM', 'assumed', 'assumed', 'acid taken by phosphate/fluoride gangue + free acid'),
  liquidToSolid: sourced(
    5,
    'REESIM',
    'assumed',
    'assumed',
    'water leach of the baked mass, kg water/kg feed',
  ),
  temperature: {
    low: {
      dissolution: { Th: 0.9, U: 0.9, Fe: 0.6, Al: 0.5, Ca: 0.05 },
      energyPerTonne: 200,
      provenance: cite(
        'REESIM',
        'assumed',
        'assumed',
        'GK05 (recalled): Th stays soluble below ~300 C; the fractions and the kiln heat are reesim choices',
      ),
    },
    high: {
      dissolution: { Th: 0.02, U: 0.2, Fe: 0.05, Al: 0.1, Ca: 0.05 },
      energyPerTonne: 500,
      provenance: cite(
        'REESIM',
        'assumed',
        'assumed',
        'GK05 (recalled): ~750 C locks Th and P in the residue; Fe sulfate decomposes; fractions assumed',
      ),
    },
  },
};

const TEMPERATURES: readonly BakeTemperature[] = ['low', 'high'];
const KEYS = ['temperature', 'excess', 'dissolution', 'liquidToSolid', 'residueMoisture', 'energyPerTonne'];
const PATH = 'sulfuricAcidBake';

/**
 * Bakes a concentrate with concentrated sulfuric acid and water-leaches it.
 *
 * @param feed concentrate (any solid form), kg/h element basis
 * @returns outlets `liquor` (form `solution`, compound `sulfate`), `residue` (form `residue`) and `offgas`
 *   (form `gas`: the feed's free water); reagent `H2SO4` kg/h; process water as added stream `water`
 * @throws ReesimError for invalid parameters or a feed that is not a solid
 * @example
 * ```ts
 * const conc = makeStream('concentrate', { La: 20, Ce: 40, Nd: 15, Th: 0.5, Ca: 5, Gangue: 30 });
 * const { liquor, residue } = sulfuricAcidBake(conc, { temperature: 'high' }).outlets;
 * ```
 */
export function sulfuricAcidBake(
  feed: Stream,
  params: SulfuricAcidBakeParams,
): UnitResult<'liquor' | 'residue' | 'offgas'> {
  solidFeed(`${PATH}.feed`, feed);
  const p = record(PATH, params, 'sulfuric acid bake parameters');
  knownKeys(PATH, p, KEYS);
  if (p.temperature === undefined) fail('MISSING', `${PATH}.temperature`, undefined, 'low or high');
  const temperature = oneOf(`${PATH}.temperature`, p.temperature, TEMPERATURES);
  const d = sulfuricAcidBakeDefaults;
  const t = d.temperature[temperature];
  const excess = readExcess(`${PATH}.excess`, p.excess, d.excess.value);
  const s = readLeachParams(PATH, p, {
    dissolution: speciesVector(d.recovery.value, t.dissolution),
    liquidToSolid: d.liquidToSolid.value,
    residueMoisture: RESIDUE_MOISTURE.value,
    energyPerTonne: t.energyPerTonne,
  });

  // The kiln evaporates the feed's free water; the baked mass is leached with fresh water.
  const dry = perSpecies(0);
  dry[WATER] = 1;
  const [vapour, baked] = partition(feed, dry, { reagentFraction: 0 });
  const offgas = withAmounts('gas', [...vapour.amounts]);
  const stage = leachStage(baked, {
    dissolution: s.dissolution,
    waterRatio: s.liquidToSolid,
    moisture: s.residueMoisture,
    liquorCompound: 'sulfate',
    solidForm: 'residue',
    solidCompound: 'sulfate',
  });

  // All Ca reacts (CaSO4 reports to the residue); the other species react as far as they dissolve.
  const reacted = [...s.dissolution];
  reacted[SPECIES_INDEX.Ca] = 1;
  const acid = reagentForCharge('H2SO4', chargeKmol(feed.amounts, reacted), 2, excess);
  return finishLeach('sulfuric-acid-bake', {
    feed,
    settings: s,
    added: { water: stage.water },
    outlets: { liquor: stage.liquor, residue: stage.solid, offgas },
    reagents: { H2SO4: acid },
    notes: [
      `${temperature}-temperature bake: Th ${temperature === 'high' ? 'locked in the residue' : 'dissolves with the rare earths'}`,
      `H2SO4: 1.5 mol per mol RE dissolved, 2 per Th, 1 per U, 1.5 per Fe/Al dissolved, 1 per Ca; excess ${excess}`,
      'F and CO2 leave in the off-gas but are not tracked; offgas carries the feed moisture only',
    ],
  });
}

/** Flowsheet definition of {@link sulfuricAcidBake}: inlet `feed`, outlets `liquor`, `residue`, `offgas`. */
export const sulfuricAcidBakeUnit: UnitDefinition<SulfuricAcidBakeParams, 'liquor' | 'residue' | 'offgas'> = {
  kind: 'sulfuric-acid-bake',
  inlets: ['feed'],
  outlets: ['liquor', 'residue', 'offgas'],
  outletForms: { liquor: 'solution', residue: 'residue', offgas: 'gas' },
  run: (inlets, params) => sulfuricAcidBake(inlet(inlets, 'feed', PATH), params),
};
