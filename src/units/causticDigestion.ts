/**
 * Caustic digestion of monazite: 50–70 % NaOH at ~140–150 °C for a few hours turns REPO₄ into RE(OH)₃ and
 * the phosphate into trisodium phosphate solution; the washed hydroxide cake is then dissolved in HCl at
 * pH 3–4, which takes the rare earths into a chloride liquor and leaves Th (as Th(OH)₄) in the residue.
 *
 * **Model.** Two {@link leachStage}s. (1) Digestion and wash: a fraction `gangueToPhosphate` of the gangue
 * (the phosphate part of monazite) goes into the `phosphate` solution; everything else stays in the
 * hydroxide cake. (2) Selective HCl dissolution of the cake: each species dissolves with its fraction into
 * the `liquor`; the rest (Th-rich hydroxide, undecomposed monazite, zircon/rutile gangue) is the `residue`.
 * Both stages add process water at `liquidToSolid` (kg per kg of that stage's dry solid) and leave a cake
 * with `residueMoisture`.
 *
 * **Stoichiometry.** NaOH = (3 mol per mol RE decomposed, as RE(OH)₃ from REPO₄, + 4 per mol of all the
 * feed's Th, as Th(OH)₄) × (1 + excess); the RE decomposed are those that reach the liquor. HCl = 1 mol per
 * mol of charge dissolved at pH 3–4 (3 per RE, 4 per Th, 2 per U, 3 per Fe and Al, 2 per Ca) × (1 +
 * acidExcess).
 *
 * **The user specifies:** nothing is required. Optional: `dissolution`, `excess` (NaOH), `acidExcess` (HCl),
 * `gangueToPhosphate`, `liquidToSolid`, `residueMoisture`, `energyPerTonne`.
 * **Data:** > 95–98 % decomposition (GK05, recalled, medium; default 0.965 of each RE to the liquor); Th
 * stays in the residue at pH 3–4 (GK05, qualitative; default 0.995 to the residue). Other splits, the
 * excesses, the phosphate share, water and energy are reesim assumptions ({@link causticDigestionDefaults}).
 */

import { RARE_EARTH_INDICES, SPECIES_INDEX } from '../chemistry/species.js';
import { knownKeys, record } from '../core/validate.js';
import { type Sourced, sourced } from '../data/provenance.js';
import type { Stream } from '../stream/stream.js';
import {
  chargeKmol,
  finishLeach,
  type LeachParams,
  leachStage,
  optionalNumber,
  RESIDUE_MOISTURE,
  readExcess,
  readLeachParams,
  reagentForCharge,
  solidFeed,
} from './leachCommon.js';
import { inlet, perSpecies, speciesVector, type UnitDefinition, type UnitResult } from './unit.js';

/** Parameters of {@link causticDigestion}. */
export interface CausticDigestionParams extends LeachParams {
  /** NaOH above stoichiometric, fraction in [0, 10]. */
  readonly excess?: number;
  /** HCl above stoichiometric in the pH 3–4 dissolution, fraction in [0, 10]. */
  readonly acidExcess?: number;
  /** Fraction of the feed's gangue that leaves as trisodium phosphate solution, [0, 1]. */
  readonly gangueToPhosphate?: number;
}

/** Built-in defaults of {@link causticDigestion}, with provenance. */
export const causticDigestionDefaults: {
  readonly recovery: Sourced<number>;
  readonly thorium: Sourced<number>;
  readonly others: Sourced<{
    readonly U: number;
    readonly Fe: number;
    readonly Al: number;
    readonly Ca: number;
  }>;
  readonly excess: Sourced<number>;
  readonly acidExcess: Sourced<number>;
  readonly gangueToPhosphate: Sourced<number>;
  readonly liquidToSolid: Sourced<number>;
  readonly energyPerTonne: Sourced<number>;
} = {
  recovery: sourced(0.965, 'GK05', 'recalled', 'medium', '> 95-98 % decomposition; mid-point, RE to liquor'),
  thorium: sourced(0.005, 'REESIM', 'assumed', 'assumed', 'GK05 (recalled): Th stays in the cake at pH 3-4'),
  others: sourced(
    { U: 0.1, Fe: 0.1, Al: 0.2, Ca: 0.9 },
    'REESIM',
    'assumed',
    'assumed',
    'dissolved at pH 3-4',
  ),
  excess: sourced(1, 'REESIM', 'assumed', 'assumed', 'NaOH is dosed well above stoichiometric'),
  acidExcess: sourced(0.05, 'REESIM', 'assumed', 'assumed', 'a pH 3-4 end point leaves little free acid'),
  gangueToPhosphate: sourced(0.8, 'REESIM', 'assumed', 'assumed', 'P2O5 ~27 % of a ~33 % non-RE/Th balance'),
  liquidToSolid: sourced(3, 'REESIM', 'assumed', 'assumed', 'kg water per kg dry solid, each stage'),
  energyPerTonne: sourced(150, 'REESIM', 'assumed', 'assumed', 'heating to 140-150 C for hours + agitation'),
};

const KEYS = [
  'excess',
  'acidExcess',
  'gangueToPhosphate',
  'dissolution',
  'liquidToSolid',
  'residueMoisture',
  'energyPerTonne',
];
const PATH = 'causticDigestion';
/** CausticDigestionOutlet ports of the caustic digestion unit. */
export type CausticDigestionOutlet = 'liquor' | 'residue' | 'phosphate';

/**
 * Cracks monazite with caustic soda and dissolves the rare earths selectively in HCl.
 *
 * @param feed monazite concentrate (any solid form), kg/h element basis
 * @returns outlets `liquor` (RE chloride solution), `residue` (Th-rich hydroxide cake + undecomposed
 *   mineral) and `phosphate` (Na₃PO₄ solution); reagents `NaOH` and `HCl` kg/h; added water streams
 *   `digestionWater` and `leachWater`
 * @throws ReesimError for invalid parameters or a feed that is not a solid
 * @example
 * ```ts
 * const monazite = makeStream('concentrate', { Ce: 23, La: 12, Nd: 9, Th: 6, Gangue: 40 });
 * const r = causticDigestion(monazite, {});
 * r.report.figures.thoriumToResidue; // 0.995
 * ```
 */
export function causticDigestion(
  feed: Stream,
  params: CausticDigestionParams = {},
): UnitResult<CausticDigestionOutlet> {
  solidFeed(`${PATH}.feed`, feed);
  const p = record(PATH, params, 'caustic digestion parameters');
  knownKeys(PATH, p, KEYS);
  const d = causticDigestionDefaults;
  const excess = readExcess(`${PATH}.excess`, p.excess, d.excess.value);
  const acidExcess = readExcess(`${PATH}.acidExcess`, p.acidExcess, d.acidExcess.value);
  const toPhosphate = optionalNumber(
    `${PATH}.gangueToPhosphate`,
    p.gangueToPhosphate,
    d.gangueToPhosphate.value,
    0,
    1,
  );
  const s = readLeachParams(PATH, p, {
    dissolution: speciesVector(d.recovery.value, { Th: d.thorium.value, ...d.others.value }),
    liquidToSolid: d.liquidToSolid.value,
    residueMoisture: RESIDUE_MOISTURE.value,
    energyPerTonne: d.energyPerTonne.value,
  });

  const phosphateSplit = perSpecies(0);
  phosphateSplit[SPECIES_INDEX.Gangue] = toPhosphate;
  const digestion = leachStage(feed, {
    dissolution: phosphateSplit,
    waterRatio: s.liquidToSolid,
    moisture: s.residueMoisture,
    solidForm: 'precipitate',
    solidCompound: 'hydroxide',
  });
  const leach = leachStage(digestion.solid, {
    dissolution: s.dissolution,
    waterRatio: s.liquidToSolid,
    moisture: s.residueMoisture,
    liquorCompound: 'chloride',
    solidForm: 'residue',
    solidCompound: 'hydroxide',
  });

  const decomposed = perSpecies(0);
  for (const i of RARE_EARTH_INDICES) decomposed[i] = s.dissolution[i] ?? 0;
  decomposed[SPECIES_INDEX.Th] = 1;
  const naoh = reagentForCharge('NaOH', chargeKmol(feed.amounts, decomposed), 1, excess);
  const hcl = reagentForCharge('HCl', chargeKmol(feed.amounts, s.dissolution), 1, acidExcess);
  return finishLeach('caustic-digestion', {
    feed,
    settings: s,
    added: { digestionWater: digestion.water, leachWater: leach.water },
    outlets: { liquor: leach.liquor, residue: leach.solid, phosphate: digestion.liquor },
    reagents: { NaOH: naoh, HCl: hcl },
    figures: { gangueToPhosphate: toPhosphate },
    notes: [
      `NaOH: 3 mol per mol RE decomposed + 4 per Th, excess ${excess}; HCl: 1 per mol charge dissolved, excess ${acidExcess}`,
      `${toPhosphate} of the gangue leaves as Na3PO4 solution; Th stays in the hydroxide residue at pH 3-4`,
    ],
  });
}

/** Flowsheet definition of {@link causticDigestion}: inlet `feed`, outlets liquor/residue/phosphate. */
export const causticDigestionUnit: UnitDefinition<CausticDigestionParams, CausticDigestionOutlet> = {
  kind: 'caustic-digestion',
  inlets: ['feed'],
  outlets: ['liquor', 'residue', 'phosphate'],
  outletForms: { liquor: 'solution', residue: 'residue', phosphate: 'solution' },
  run: (inlets, params) => causticDigestion(inlet(inlets, 'feed', PATH), params),
};
