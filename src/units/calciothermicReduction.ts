/**
 * Calciothermic reduction: rare-earth metal from the fluoride and calcium metal (Gd, Tb, Dy, Y, ...).
 *
 * **Process.** The oxide is fluorinated with HF (RE2O3 + 6 HF -> 2 REF3 + 3 H2O); the fluoride is reduced with
 * calcium in a Ta crucible at >= 1450 °C, above the metal's melting point (2 REF3 + 3 Ca -> 2 RE + 3 CaF2);
 * the CaF2 slag floats off and the excess Ca is removed by vacuum remelting (BRIT, primary, high). Sm, Eu, Tm
 * and Yb cannot be made this way (they stop at the divalent fluoride): use lanthanothermic reduction.
 *
 * **Model.** HF: 3 mol per mol of rare earth (CeO2, Pr6O11, Tb4O7 also end as REF3). Ca: 1.5 mol per mol of
 * rare earth times (1 + `caExcess`), entering as an `added` metal stream; it leaves in the slag except the
 * `residualCa` left in the metal. Each species reports to the metal with a fraction (rare earths:
 * `metalYield`; the rest from {@link calciothermicSpeciesDefaults}), the rest to the slag. Fluorination of
 * the impurities and their Ca demand are neglected (they are minor); the water formed is a figure.
 *
 * **The user specifies:** nothing is required. **Units:** fractions in [0, 1]; `caExcess` a fraction of
 * the stoichiometric Ca (>= 0); `residualCa` the Ca mass fraction of the metal; `energyPerKg` kWh per kg
 * metal; flows kg/h. **Data:** BRIT (route, Sm/Eu/Tm/Yb exclusion); every default number is a reesim
 * assumption.
 */

import { elements, RARE_EARTHS, type RareEarth } from '../chemistry/elements.js';
import { REAGENT_MOLAR_MASS, reagentMass } from '../chemistry/reagents.js';
import { SPECIES_INDEX } from '../chemistry/species.js';
import { fail } from '../core/errors.js';
import { fraction, inRange, knownKeys, optional, ratio, record } from '../core/validate.js';
import { type Sourced, sourced } from '../data/provenance.js';
import { total, tre } from '../stream/composition.js';
import { mix } from '../stream/mix.js';
import { partition, split } from '../stream/split.js';
import { makeStream, type Stream } from '../stream/stream.js';
import {
  feedOfForm,
  finishUnit,
  inlet,
  metalRouting,
  type SpeciesFractions,
  speciesFractions,
  type UnitDefinition,
  type UnitResult,
} from './unit.js';

/** Parameters of {@link calciothermicReduction}; every one has a default. */
export interface CalciothermicParams {
  /** Ca above the stoichiometric 1.5 mol per mol RE, fraction of it in [0, 10]. Default 0.15. */
  readonly caExcess?: number;
  /** Ca mass fraction of the metal after vacuum remelting, in [0, 0.5]. Default 0.001. */
  readonly residualCa?: number;
  /** Fraction of each reducible rare earth that reaches the metal (rest to slag). Default 0.97. */
  readonly metalYield?: number;
  /** Largest share of the feed's TRE (mass) that each of Sm, Eu, Tm, Yb may have. Default 0.01. */
  readonly tolerance?: number;
  /** Energy, kWh per kg of metal in [0, 1000] (fluorination, melting, vacuum remelting). Default 6. */
  readonly energyPerKg?: number;
  /** Fraction of any species of the feed that reports to the metal, overriding the defaults. */
  readonly toMetal?: SpeciesFractions;
}

/** Default operating parameters with their sources. */
export const calciothermicDefaults = {
  caExcess: sourced(0.15, 'REESIM', 'assumed', 'assumed', 'excess Ca drives the reduction to completion'),
  residualCa: sourced(0.001, 'REESIM', 'assumed', 'assumed', 'Ca left after vacuum remelting (BRIT)'),
  metalYield: sourced(0.97, 'REESIM', 'assumed', 'assumed', 'losses to slag and crucible'),
  tolerance: sourced(0.01, 'REESIM', 'assumed', 'assumed', 'traces of Sm, Eu, Tm, Yb go to the slag'),
  energyPerKg: sourced(6, 'REESIM', 'assumed', 'assumed', 'batch heating to >= 1450 °C plus remelting'),
} satisfies Record<string, Sourced<number>>;

/** Rare earths the calciothermic route cannot make (BRIT: reduced only to the divalent fluoride). */
export const calciothermicExcluded: Sourced<readonly RareEarth[]> = sourced(
  ['Sm', 'Eu', 'Tm', 'Yb'],
  'BRIT',
  'primary',
  'high',
  'used for all rare earths except Sm, Eu, Tm, Yb',
);

/** Where the non-rare-earth species go by default: a fraction to the metal, or `metalYield`. */
export const calciothermicSpeciesDefaults: {
  readonly [S in 'Th' | 'U' | 'Fe' | 'Al' | 'Ca' | 'Gangue' | 'H2O']: Sourced<number | 'metalYield'>;
} = {
  Th: sourced('metalYield', 'REESIM', 'assumed', 'assumed', 'ThF4 and UF4 are reduced by Ca too'),
  U: sourced('metalYield', 'REESIM', 'assumed', 'assumed', 'ThF4 and UF4 are reduced by Ca too'),
  Fe: sourced(1, 'REESIM', 'assumed', 'assumed', 'FeF3 is reduced by Ca and alloys with the metal'),
  Al: sourced(1, 'REESIM', 'assumed', 'assumed', 'AlF3 is reduced by Ca and alloys with the metal'),
  Ca: sourced(0, 'REESIM', 'assumed', 'assumed', 'feed Ca ends as CaF2 in the slag'),
  Gangue: sourced(0, 'REESIM', 'assumed', 'assumed', 'non-metallic matter floats with the slag'),
  H2O: sourced(0, 'REESIM', 'assumed', 'assumed', 'moisture, driven off in fluorination, booked to slag'),
};

const KEYS = ['caExcess', 'residualCa', 'metalYield', 'tolerance', 'energyPerKg', 'toMetal'];

/**
 * Reduces rare-earth oxide to metal by HF fluorination and calcium reduction.
 *
 * @param feed rare-earth oxide (form `oxide`), kg/h element basis
 * @param params see {@link CalciothermicParams}
 * @returns outlets `metal` (form `metal`) and `slag` (form `salt`: CaF2 with the unreduced rest); added
 *   stream `Ca`; reagent `HF` (kg/h); energy kW; figures `metalRate`, `reRecovery`, `caAdded`,
 *   `caPerKgMetal`, `hfPerKgMetal`, `fluorinationWater` (kg/h H2O formed), `caInMetal`
 * @throws ReesimError for invalid parameters; `NOT_SUPPORTED` for a feed that is not an oxide or in which
 *   Sm, Eu, Tm or Yb exceeds `tolerance` of the TRE
 * @example
 * ```ts
 * const dy = calciothermicReduction(makeStream('oxide', { Dy: 10 }));
 * dy.report.reagents.HF; // 3.69 kg/h
 * amount(dy.outlets.metal, 'Dy'); // 9.7 kg/h
 * ```
 */
export function calciothermicReduction(
  feed: Stream,
  params: CalciothermicParams = {},
): UnitResult<'metal' | 'slag'> {
  feedOfForm('calciothermic.feed', feed, ['oxide'], '(calcine the precipitate first)');
  const p = record('calciothermic', params, 'calciothermic reduction parameters');
  knownKeys('calciothermic', p, KEYS);
  const D = calciothermicDefaults;
  const caExcess = optional(p.caExcess, D.caExcess.value, (v) => inRange('calciothermic.caExcess', v, 0, 10));
  const residualCa = optional(p.residualCa, D.residualCa.value, (v) =>
    inRange('calciothermic.residualCa', v, 0, 0.5),
  );
  const metalYield = optional(p.metalYield, D.metalYield.value, (v) =>
    fraction('calciothermic.metalYield', v),
  );
  const tolerance = optional(p.tolerance, D.tolerance.value, (v) => fraction('calciothermic.tolerance', v));
  const energyPerKg = optional(p.energyPerKg, D.energyPerKg.value, (v) =>
    inRange('calciothermic.energyPerKg', v, 0, 1000),
  );

  const excluded = calciothermicExcluded.value;
  const feedTre = tre(feed);
  const over = excluded.filter((s) => (feed.amounts[SPECIES_INDEX[s]] ?? 0) > tolerance * feedTre);
  if (over.length > 0) {
    fail(
      'NOT_SUPPORTED',
      'calciothermic.feed',
      over.join(', '),
      `a feed with each of ${excluded.join(', ')} at most ${tolerance} of its TRE (${over.join(', ')}: use lanthanothermic reduction)`,
    );
  }

  const base = metalRouting(metalYield, excluded, calciothermicSpeciesDefaults);
  const toMetal = speciesFractions('calciothermic.toMetal', p.toMetal as SpeciesFractions | undefined, base);

  // Stoichiometry per mol of rare earth: 3 HF, 1.5 H2O formed, 1.5 Ca (plus excess). kg / (g/mol) = kmol.
  let reKmol = 0;
  for (const s of RARE_EARTHS) reKmol += (feed.amounts[SPECIES_INDEX[s]] ?? 0) / elements[s].atomicMass;
  const caAdded = 1.5 * reKmol * (1 + caExcess) * REAGENT_MOLAR_MASS.Ca;
  const hf = reagentMass('HF', 3 * reKmol);

  const [reduced, rest] = partition(feed, toMetal, {
    firstForm: 'metal',
    secondForm: 'salt',
    firstCompound: 'metal',
    secondCompound: 'fluoride',
  });
  const metalOnly = total(reduced);
  const caWanted = (residualCa * metalOnly) / (1 - residualCa);
  const caInMetal = Math.min(caWanted, caAdded);
  const ca = makeStream('metal', { Ca: caAdded }, { compound: 'metal' });
  const [caToMetal, caToSlag] = split(ca, caAdded > 0 ? Math.min(1, caInMetal / caAdded) : 0);
  const metal = mix([reduced, caToMetal]);
  const slag = mix([rest, caToSlag], 'salt');

  const metalRate = total(metal);
  const reRecovery = ratio(tre(metal), feedTre);
  const traces = excluded.filter((s) => (feed.amounts[SPECIES_INDEX[s]] ?? 0) > 0);
  const notes = [
    'HF fluorination (3 HF per RE) then 2 REF3 + 3 Ca -> 2 RE + 3 CaF2 in Ta at >= 1450 °C, vacuum remelting (BRIT)',
    `Ca ${(100 * caExcess).toFixed(1)} % over stoichiometry; Ca not left in the metal reports to the slag`,
    'impurity fluorination and its HF/Ca demand neglected; defaults are reesim assumptions',
  ];
  if (traces.length > 0) notes.push(`${traces.join(', ')} below tolerance: reported to the slag`);
  return finishUnit('calciothermic-reduction', {
    inlets: [feed],
    added: { Ca: ca },
    outlets: { metal, slag },
    reagents: { HF: hf },
    energy: energyPerKg * metalRate,
    figures: {
      metalRate,
      reRecovery,
      caAdded,
      caPerKgMetal: ratio(caAdded, metalRate),
      hfPerKgMetal: ratio(hf, metalRate),
      fluorinationWater: reagentMass('H2O', 1.5 * reKmol),
      caInMetal: ratio(metal.amounts[SPECIES_INDEX.Ca] ?? 0, metalRate),
    },
    notes,
  });
}

/** Flowsheet definition of {@link calciothermicReduction}: inlet `feed`, outlets `metal` and `slag`. */
export const calciothermicReductionUnit: UnitDefinition<CalciothermicParams, 'metal' | 'slag'> = {
  kind: 'calciothermic-reduction',
  inlets: ['feed'],
  outlets: ['metal', 'slag'],
  outletForms: { metal: 'metal', slag: 'salt' },
  run: (inlets, params) => calciothermicReduction(inlet(inlets, 'feed', 'calciothermic-reduction'), params),
};
