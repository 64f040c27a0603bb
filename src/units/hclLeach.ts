/**
 * Hydrochloric acid leach, in one of two modes.
 *
 * - `dissolve`: dissolves the rare earths of a cracked, roasted or carbonate feed into a chloride liquor.
 *   With `oxidisingRoast: true` the feed is first roasted in air (included in this unit's energy), Ce³⁺
 *   becomes CeO₂ and stays largely in the residue with Th: the historic Molycorp route (GK05, recalled,
 *   low); the Ce and Th dissolutions of 0.05 are reesim assumptions. The roast's CO₂ and F losses are not
 *   tracked (the gangue mass stays).
 * - `gangue`: dilute HCl removes calcite and strontianite from a bastnäsite flotation concentrate, upgrading
 *   ~60 % to ~70 % REO (JOR13, recalled, medium). Most Ca and part of the gangue dissolve, the rare earths
 *   stay in the solid. The solid outlet is still named `residue` but it is the **upgraded concentrate**
 *   (form `concentrate`, compound `mineral`); the `liquor` is the Ca/Sr chloride waste liquor.
 *
 * **Model.** One {@link leachStage}: process water at `liquidToSolid`, each species dissolving with its
 * fraction, the solid leaving with `residueMoisture`.
 * **Stoichiometry.** HCl = 1 mol per mol of charge dissolved × (1 + excess): 3 per RE, 4 per Th, 2 per U,
 * 3 per Fe and Al, 2 per Ca (CaCO₃ + 2 HCl). Acid taken by untracked gangue (SrCO₃, the CO₃ of calcite is
 * counted through Ca) is not counted: raise `excess` for it.
 *
 * **The user specifies:** `mode`. Optional: `oxidisingRoast` (dissolve mode only), `dissolution`, `excess`,
 * `liquidToSolid`, `residueMoisture`, `energyPerTonne`.
 * **Data:** all dissolution fractions, the excess, water ratio and energies are reesim assumptions
 * ({@link hclLeachDefaults}); the gangue-mode gangue fraction is chosen so that a ~60 % REO Mountain Pass
 * concentrate with ~5 % CaO reaches ~70 % REO (JOR13), see {@link hclLeachPresets}.
 */

import type { Species } from '../chemistry/species.js';
import { fail } from '../core/errors.js';
import { boolean, knownKeys, oneOf, record } from '../core/validate.js';
import { cite, type Provenance, type Sourced, sourced } from '../data/provenance.js';
import type { Stream } from '../stream/stream.js';
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
import { inlet, speciesVector, type UnitDefinition, type UnitResult } from './unit.js';

/** What the leach is for: dissolve the rare earths, or remove carbonate gangue from a concentrate. */
export type HclLeachMode = 'dissolve' | 'gangue';

/** Parameters of {@link hclLeach}. */
export interface HclLeachParams extends LeachParams {
  readonly mode: HclLeachMode;
  /** Dissolve mode: the feed is roasted in air first, so Ce (as CeO₂) and Th stay in the residue. */
  readonly oxidisingRoast?: boolean;
  /** HCl above stoichiometric, fraction in [0, 10]. */
  readonly excess?: number;
}

/** Defaults of one operating case. */
export interface HclCaseDefaults {
  /** Dissolution of every rare earth. */
  readonly rareEarths: number;
  /** Dissolution of other species (absent: 0); may override single rare earths (Ce). */
  readonly others: Readonly<Partial<Record<Species, number>>>;
  /** kWh per dry tonne of feed. */
  readonly energyPerTonne: number;
  readonly provenance: Provenance;
}

/** Built-in defaults of {@link hclLeach}, with provenance. */
export const hclLeachDefaults: {
  readonly excess: Sourced<number>;
  readonly liquidToSolid: Sourced<number>;
  readonly dissolve: HclCaseDefaults;
  readonly roasted: HclCaseDefaults;
  readonly gangue: HclCaseDefaults;
} = {
  excess: sourced(0.1, 'REESIM', 'assumed', 'assumed', 'free acid kept to hold the liquor acidic'),
  liquidToSolid: sourced(4, 'REESIM', 'assumed', 'assumed', 'kg water per kg dry feed'),
  dissolve: {
    rareEarths: 0.95,
    others: { Th: 0.9, U: 0.9, Fe: 0.5, Al: 0.3, Ca: 0.95 },
    energyPerTonne: 40,
    provenance: cite('REESIM', 'assumed', 'assumed', 'agitated leach of a cracked feed; no published split'),
  },
  roasted: {
    rareEarths: 0.95,
    others: { Ce: 0.05, Th: 0.05, U: 0.5, Fe: 0.3, Al: 0.3, Ca: 0.95 },
    energyPerTonne: 250,
    provenance: cite(
      'REESIM',
      'assumed',
      'assumed',
      'GK05 (recalled, low): oxidising roast leaves a Ce-rich residue; fractions and roast heat assumed',
    ),
  },
  gangue: {
    rareEarths: 0.01,
    others: { Th: 0.01, U: 0.01, Fe: 0.3, Al: 0.1, Ca: 0.95, Gangue: 0.3 },
    energyPerTonne: 20,
    provenance: cite(
      'REESIM',
      'assumed',
      'assumed',
      'chosen so a ~60 % REO concentrate with ~5 % CaO reaches ~70 % REO (JOR13)',
    ),
  },
};

/** Published operating points, usable as parameters. */
export const hclLeachPresets = {
  /** Mountain Pass: dilute HCl leach of the flotation concentrate, ~60 % -> ~70 % REO. */
  mountainPassGangueLeach: {
    params: { mode: 'gangue' } as HclLeachParams,
    provenance: cite(
      'JOR13',
      'recalled',
      'medium',
      '~60 % -> ~70 % REO; the dissolution fractions are assumed',
    ),
  },
  /** Historic Molycorp: oxidising roast + HCl leach, Ce-rich residue. */
  molycorpRoastLeach: {
    params: { mode: 'dissolve', oxidisingRoast: true } as HclLeachParams,
    provenance: cite('GK05', 'recalled', 'low', 'route from the source; fractions are reesim assumptions'),
  },
} as const;

const MODES: readonly HclLeachMode[] = ['dissolve', 'gangue'];
const KEYS = [
  'mode',
  'oxidisingRoast',
  'excess',
  'dissolution',
  'liquidToSolid',
  'residueMoisture',
  'energyPerTonne',
];
const PATH = 'hclLeach';

/**
 * Leaches a solid with hydrochloric acid.
 *
 * @param feed solid feed (cracked concentrate, roasted bastnäsite, flotation concentrate), kg/h element basis
 * @returns outlets `liquor` (form `solution`, compound `chloride`) and `residue` (form `residue`; in mode
 *   `gangue` the upgraded concentrate, form `concentrate`); reagent `HCl` kg/h; added stream `water`
 * @throws ReesimError for invalid parameters, `INFEASIBLE` for `oxidisingRoast` in mode `gangue`
 * @example
 * ```ts
 * const conc = makeStream('concentrate', { La: 17, Ce: 25, Nd: 6, Ca: 3.6, Gangue: 34 });
 * const upgraded = hclLeach(conc, hclLeachPresets.mountainPassGangueLeach.params).outlets.residue;
 * ```
 */
export function hclLeach(feed: Stream, params: HclLeachParams): UnitResult<'liquor' | 'residue'> {
  solidFeed(`${PATH}.feed`, feed);
  const p = record(PATH, params, 'HCl leach parameters');
  knownKeys(PATH, p, KEYS);
  if (p.mode === undefined) fail('MISSING', `${PATH}.mode`, undefined, MODES.join(' or '));
  const mode = oneOf(`${PATH}.mode`, p.mode, MODES);
  const roast = p.oxidisingRoast === undefined ? false : boolean(`${PATH}.oxidisingRoast`, p.oxidisingRoast);
  if (roast && mode === 'gangue')
    fail('INFEASIBLE', `${PATH}.oxidisingRoast`, roast, 'false or absent in mode gangue');
  const d = hclLeachDefaults;
  const c = mode === 'gangue' ? d.gangue : roast ? d.roasted : d.dissolve;
  const excess = readExcess(`${PATH}.excess`, p.excess, d.excess.value);
  const s = readLeachParams(PATH, p, {
    dissolution: speciesVector(c.rareEarths, c.others),
    liquidToSolid: d.liquidToSolid.value,
    residueMoisture: RESIDUE_MOISTURE.value,
    energyPerTonne: c.energyPerTonne,
  });

  const upgrade = mode === 'gangue';
  const stage = leachStage(feed, {
    dissolution: s.dissolution,
    waterRatio: s.liquidToSolid,
    moisture: s.residueMoisture,
    liquorCompound: 'chloride',
    solidForm: upgrade ? 'concentrate' : 'residue',
    solidCompound: upgrade ? 'mineral' : roast ? 'oxide' : 'mineral',
  });
  const hcl = reagentForCharge('HCl', chargeKmol(feed.amounts, s.dissolution), 1, excess);
  return finishLeach('hcl-leach', {
    feed,
    settings: s,
    added: { water: stage.water },
    outlets: { liquor: stage.liquor, residue: stage.solid },
    reagents: { HCl: hcl },
    notes: [
      upgrade
        ? 'gangue mode: carbonates dissolve, the residue is the upgraded concentrate'
        : `dissolve mode${roast ? ' after an oxidising roast: Ce (CeO2) and Th stay in the residue' : ''}`,
      `HCl: 3 mol per mol RE, 4 per Th, 2 per U, 3 per Fe/Al, 2 per Ca dissolved; excess ${excess}`,
    ],
  });
}

/** Flowsheet definition of {@link hclLeach}: inlet `feed`, outlets `liquor` and `residue`. */
export const hclLeachUnit: UnitDefinition<HclLeachParams, 'liquor' | 'residue'> = {
  kind: 'hcl-leach',
  inlets: ['feed'],
  outlets: ['liquor', 'residue'],
  outletForms: { liquor: 'solution' },
  run: (inlets, params) => hclLeach(inlet(inlets, 'feed', PATH), params),
};
