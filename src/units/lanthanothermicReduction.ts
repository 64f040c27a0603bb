/**
 * Lanthanothermic reduction–distillation: Sm, Eu, Tm and Yb metal from their oxides with lanthanum metal.
 *
 * **Process.** The oxide is heated under vacuum with La metal (RE2O3 + 2 La -> La2O3 + 2 RE); the reduced
 * metal, far more volatile than La, distils and is collected on a condenser (BRIT, primary, high). The
 * route exists because these four stop at the divalent state in calciothermic reduction and electrolysis.
 *
 * **Model.** La: 1 mol per mol of Sm, Eu, Tm and Yb in the feed, times (1 + `laExcess`), entering as an
 * `added` metal stream and leaving in the residue (as La2O3 and unreacted La). Sm, Eu, Tm and Yb distil
 * to the metal with `distillationYield`; every other species stays in the residue (the method's purifying
 * power; Ca and Fe volatility taken as 0), unless `toMetal` says otherwise.
 *
 * **The user specifies:** nothing is required. **Units:** fractions in [0, 1]; `laExcess` a fraction of the
 * stoichiometric La (>= 0); `energyPerKg` kWh per kg metal; flows kg/h. **Data:** BRIT (route); every default
 * number is a reesim assumption.
 */

import { elements, type RareEarth } from '../chemistry/elements.js';
import { SPECIES_INDEX } from '../chemistry/species.js';
import { fail } from '../core/errors.js';
import { fraction, inRange, knownKeys, optional, ratio, record } from '../core/validate.js';
import { type Sourced, sourced } from '../data/provenance.js';
import { total, tre } from '../stream/composition.js';
import { mix } from '../stream/mix.js';
import { partition } from '../stream/split.js';
import { makeStream, type Stream } from '../stream/stream.js';
import {
  feedOfForm,
  finishUnit,
  inlet,
  perSpecies,
  type SpeciesFractions,
  speciesFractions,
  type UnitDefinition,
  type UnitResult,
} from './unit.js';

/** Parameters of {@link lanthanothermicReduction}; every one has a default. */
export interface LanthanothermicParams {
  /** La above the stoichiometric 1 mol per mol of volatile RE, fraction of it in [0, 10]. Default 0.2. */
  readonly laExcess?: number;
  /** Fraction of the Sm, Eu, Tm and Yb that distils to the condenser. Default 0.9. */
  readonly distillationYield?: number;
  /** Smallest share of the feed's TRE (mass) that Sm + Eu + Tm + Yb must have. Default 0.01. */
  readonly tolerance?: number;
  /** Energy, kWh per kg of metal in [0, 1000] (vacuum furnace). Default 10. */
  readonly energyPerKg?: number;
  /** Fraction of any species of the feed that reports to the metal, overriding the defaults. */
  readonly toMetal?: SpeciesFractions;
}

/** Default operating parameters with their sources. */
export const lanthanothermicDefaults = {
  laExcess: sourced(0.2, 'REESIM', 'assumed', 'assumed', 'excess La drives the reduction'),
  distillationYield: sourced(0.9, 'REESIM', 'assumed', 'assumed', 'losses to residue and furnace walls'),
  tolerance: sourced(0.01, 'REESIM', 'assumed', 'assumed', 'below 1 % of TRE there is nothing to distil'),
  energyPerKg: sourced(10, 'REESIM', 'assumed', 'assumed', 'batch vacuum furnace; order of magnitude'),
} satisfies Record<string, Sourced<number>>;

/** The rare earths the route makes: volatile metals reduced by La and distilled (BRIT). */
export const lanthanothermicVolatile: Sourced<readonly RareEarth[]> = sourced(
  ['Sm', 'Eu', 'Tm', 'Yb'],
  'BRIT',
  'primary',
  'high',
  'reduction-distillation with La metal, volatile metal collected on a condenser',
);

const KEYS = ['laExcess', 'distillationYield', 'tolerance', 'energyPerKg', 'toMetal'];

/**
 * Makes Sm, Eu, Tm or Yb metal by reduction of the oxide with La and distillation.
 *
 * @param feed rare-earth oxide (form `oxide`), kg/h element basis
 * @param params see {@link LanthanothermicParams}
 * @returns outlets `metal` (form `metal`, the condensate) and `residue` (form `residue`: La2O3, excess La
 *   and everything that does not distil); added stream `La`; energy kW; figures `metalRate`,
 *   `volatileShare` (of TRE), `recovery` (of Sm, Eu, Tm, Yb), `laAdded`, `laReacted`, `laPerKgMetal`
 * @throws ReesimError for invalid parameters; `NOT_SUPPORTED` for a feed that is not an oxide or whose TRE
 *   is less than `tolerance` Sm, Eu, Tm and Yb
 * @example
 * ```ts
 * const sm = lanthanothermicReduction(makeStream('oxide', { Sm: 10 }));
 * amount(sm.outlets.metal, 'Sm'); // 9 kg/h
 * ```
 */
export function lanthanothermicReduction(
  feed: Stream,
  params: LanthanothermicParams = {},
): UnitResult<'metal' | 'residue'> {
  feedOfForm('lanthanothermic.feed', feed, ['oxide'], '(calcine the precipitate first)');
  const p = record('lanthanothermic', params, 'lanthanothermic reduction parameters');
  knownKeys('lanthanothermic', p, KEYS);
  const D = lanthanothermicDefaults;
  const laExcess = optional(p.laExcess, D.laExcess.value, (v) =>
    inRange('lanthanothermic.laExcess', v, 0, 10),
  );
  const yieldD = optional(p.distillationYield, D.distillationYield.value, (v) =>
    fraction('lanthanothermic.distillationYield', v),
  );
  const tolerance = optional(p.tolerance, D.tolerance.value, (v) => fraction('lanthanothermic.tolerance', v));
  const energyPerKg = optional(p.energyPerKg, D.energyPerKg.value, (v) =>
    inRange('lanthanothermic.energyPerKg', v, 0, 1000),
  );

  const volatile = lanthanothermicVolatile.value;
  const feedTre = tre(feed);
  let volatileMass = 0;
  let volatileKmol = 0;
  for (const s of volatile) {
    const x = feed.amounts[SPECIES_INDEX[s]] ?? 0;
    volatileMass += x;
    volatileKmol += x / elements[s].atomicMass;
  }
  const share = ratio(volatileMass, feedTre);
  if (!(feedTre > 0 && share >= tolerance)) {
    fail(
      'NOT_SUPPORTED',
      'lanthanothermic.feed',
      share,
      `a feed whose TRE is at least ${tolerance} ${volatile.join(', ')} (use calciothermic reduction or electrolysis)`,
    );
  }

  const base = perSpecies(0);
  for (const s of volatile) base[SPECIES_INDEX[s]] = yieldD;
  const toMetal = speciesFractions(
    'lanthanothermic.toMetal',
    p.toMetal as SpeciesFractions | undefined,
    base,
  );

  // La: 1 kmol per kmol of volatile RE (RE2O3 + 2 La -> La2O3 + 2 RE), plus the excess.
  const laMass = elements.La.atomicMass;
  const laAdded = volatileKmol * (1 + laExcess) * laMass;
  const la = makeStream('metal', { La: laAdded }, { compound: 'metal' });
  const [metal, rest] = partition(feed, toMetal, {
    firstForm: 'metal',
    secondForm: 'residue',
    firstCompound: 'metal',
    secondCompound: 'oxide',
  });
  const residue = mix([rest, la], 'residue');

  const metalRate = total(metal);
  let distilled = 0;
  for (const s of volatile) distilled += metal.amounts[SPECIES_INDEX[s]] ?? 0;
  return finishUnit('lanthanothermic-reduction', {
    inlets: [feed],
    added: { La: la },
    outlets: { metal, residue },
    energy: energyPerKg * metalRate,
    figures: {
      metalRate,
      volatileShare: share,
      recovery: ratio(distilled, volatileMass),
      laAdded,
      laReacted: volatileKmol * laMass,
      laPerKgMetal: ratio(laAdded, metalRate),
    },
    notes: [
      'RE2O3 + 2 La -> La2O3 + 2 RE under vacuum; Sm, Eu, Tm, Yb distil to the condenser (BRIT)',
      `La ${(100 * laExcess).toFixed(1)} % over stoichiometry; La2O3 and unreacted La stay in the residue`,
      'every other species stays in the residue (Ca, Fe volatility taken as 0); defaults are reesim assumptions',
    ],
  });
}

/** Flowsheet definition of {@link lanthanothermicReduction}: inlet `feed`, outlets `metal` and `residue`. */
export const lanthanothermicReductionUnit: UnitDefinition<LanthanothermicParams, 'metal' | 'residue'> = {
  kind: 'lanthanothermic-reduction',
  inlets: ['feed'],
  outlets: ['metal', 'residue'],
  outletForms: { metal: 'metal', residue: 'residue' },
  run: (inlets, params) =>
    lanthanothermicReduction(inlet(inlets, 'feed', 'lanthanothermic-reduction'), params),
};
