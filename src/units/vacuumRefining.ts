/**
 * Vacuum refining: purification of a rare-earth metal by vacuum distillation or sublimation, the
 * high-purity step after calciothermic reduction (removes Ca, crucible Ta/W, Fe, some O/N).
 *
 * **Model.** The principal metal (the rare earth with the largest mass in the feed) evaporates and
 * condenses as the product with `yield`; every other species follows it only in part: its fraction in the
 * product is `yield × (1 − removal)`, so `removal` is how much of the impurity that would accompany the
 * principal metal is left in the residue (crucible heel and volatile condensate, one outlet). Removal 0 means
 * no purification of that species; water never reaches the product.
 *
 * **Which metals.** TMS89 (abstract, primary, high): Dy (also Sc, Ho, Er) is purified by sublimation; Gd,
 * Tb, Y and Lu by distillation; La-Nd cannot be purified this way. Sm, Eu, Tm and Yb are volatile (they are
 * made by reduction-distillation, BRIT) and reesim allows both methods for them (reesim's reading, medium).
 * Any other principal metal, or the wrong method, throws `NOT_SUPPORTED` naming the element.
 *
 * **The user specifies:** `method`. **Units:** `yield` and `removal` are fractions in [0, 1];
 * `energyPerKg` is kWh per kg of feed metal.
 * **Data:** routes from TMS89 as above; yield, removal factors and energy are reesim assumptions
 * (see {@link vacuumRefiningDefaults}), to be replaced with plant data.
 */

import { RARE_EARTHS, type RareEarth } from '../chemistry/elements.js';
import { RARE_EARTH_INDICES, SPECIES_INDEX, type Species, WATER } from '../chemistry/species.js';
import { fail } from '../core/errors.js';
import {
  fraction,
  inRange,
  knownKeys,
  MAX_ENERGY_PER_TONNE,
  oneOf,
  orDefault,
  record,
} from '../core/validate.js';
import { cite, type Provenance, type Sourced, sourced } from '../data/provenance.js';
import { purity, total } from '../stream/composition.js';
import { partition } from '../stream/split.js';
import { checkStream, type Stream } from '../stream/stream.js';
import { solidFractions } from './solidFractions.js';
import { finishUnit, inlet, speciesVector, type UnitDefinition, type UnitResult } from './unit.js';

const NON_RE = ['Th', 'U', 'Fe', 'Al', 'Ca', 'Gangue'] as const;

/** How the metal is evaporated: from the melt (distillation) or from the solid (sublimation). */
export type RefiningMethod = 'distillation' | 'sublimation';

/** Parameters of {@link vacuumRefining}. */
export interface VacuumRefiningParams {
  readonly method: RefiningMethod;
  /** Fraction of the principal metal recovered to the product. */
  readonly yield?: number;
  /** Removal factors of individual species other than the principal metal and H2O, e.g. `{ Fe: 0.95 }`. */
  readonly removal?: Partial<Record<Exclude<Species, 'H2O'>, number>>;
  /** Furnace energy, kWh per kg of feed metal. */
  readonly energyPerKg?: number;
}

/** Methods that can purify each rare-earth metal, with the source of that statement. */
export interface RefiningRoute {
  readonly methods: readonly RefiningMethod[];
  readonly provenance: Provenance;
}

const TMS = cite('TMS89', 'primary', 'high');
const VOLATILE = cite(
  'REESIM',
  'assumed',
  'assumed',
  'volatile metals (distilled in their reduction, BRIT): both methods allowed',
);
const NONE = cite('TMS89', 'primary', 'high', 'La-Nd cannot be purified this way');
const NO_DATA = cite('REESIM', 'assumed', 'assumed', 'no source; radioactive, not produced as metal');
const route = (methods: readonly RefiningMethod[], provenance: Provenance): RefiningRoute => ({
  methods,
  provenance,
});
const BOTH: readonly RefiningMethod[] = ['distillation', 'sublimation'];

/** Vacuum-refining routes of the rare-earth metals. */
export const vacuumRefiningRoutes: { readonly [E in RareEarth]: RefiningRoute } = {
  Sc: route(['sublimation'], TMS),
  Y: route(['distillation'], TMS),
  La: route([], NONE),
  Ce: route([], NONE),
  Pr: route([], NONE),
  Nd: route([], NONE),
  Pm: route([], NO_DATA),
  Sm: route(BOTH, VOLATILE),
  Eu: route(BOTH, VOLATILE),
  Gd: route(['distillation'], TMS),
  Tb: route(['distillation'], TMS),
  Dy: route(['sublimation'], TMS),
  Ho: route(['sublimation'], TMS),
  Er: route(['sublimation'], TMS),
  Tm: route(BOTH, VOLATILE),
  Yb: route(BOTH, VOLATILE),
  Lu: route(['distillation'], TMS),
};

const assumed = (value: number, note: string) => sourced(value, 'REESIM', 'assumed', 'assumed', note);

/** Default yield, removal factors and energy (all reesim assumptions). */
export const vacuumRefiningDefaults: {
  readonly yield: Sourced<number>;
  readonly removal: {
    readonly [S in 'rareEarths' | 'Th' | 'U' | 'Fe' | 'Al' | 'Ca' | 'Gangue']: Sourced<number>;
  };
  readonly energyPerKg: Sourced<number>;
} = {
  yield: assumed(0.9, 'batch still; heel and wall losses'),
  removal: {
    rareEarths: assumed(0.3, 'other rare earths: vapour pressures of neighbours differ little'),
    Th: assumed(0.5, 'refractory actinide, stays partly in the heel'),
    U: assumed(0.5, 'refractory actinide, stays partly in the heel'),
    Fe: assumed(0.9, 'low vapour pressure, stays in the heel'),
    Al: assumed(0.9, 'stays in the heel'),
    Ca: assumed(0.99, 'very volatile, removed first with the condensate'),
    Gangue: assumed(0.95, 'oxide/fluoride inclusions and crucible Ta/W stay in the heel'),
  },
  energyPerKg: assumed(15, 'high-vacuum resistance furnace at 1500-2000 °C, batch; order of magnitude'),
};

const METHODS: readonly RefiningMethod[] = ['distillation', 'sublimation'];
const KEYS = ['method', 'yield', 'removal', 'energyPerKg'];

/**
 * Refines a rare-earth metal by vacuum distillation or sublimation.
 *
 * @param feed metal (form `metal`), kg/h element basis
 * @returns outlets `metal` (refined, form `metal`) and `residue` (heel and condensate, form `residue`)
 * @throws ReesimError for invalid parameters; `NOT_SUPPORTED` for a feed that is not a metal, or a principal
 *   metal the method cannot purify (La-Nd, Pm, Dy by distillation ...); `INFEASIBLE` for a feed without rare
 *   earths or a `removal` that names the principal metal
 * @example
 * ```ts
 * const dy = makeStream('metal', { Dy: 100, Tb: 0.5, Ca: 0.3, Fe: 0.1 });
 * const { metal } = vacuumRefining(dy, { method: 'sublimation' }).outlets;
 * ```
 */
export function vacuumRefining(feed: Stream, params: VacuumRefiningParams): UnitResult<'metal' | 'residue'> {
  checkStream('feed', feed);
  if (feed.form !== 'metal') fail('NOT_SUPPORTED', 'vacuumRefining.feed.form', feed.form, 'a metal');
  const p = record('vacuumRefining', params, 'vacuum-refining parameters');
  knownKeys('vacuumRefining', p, KEYS);
  if (p.method === undefined)
    fail('MISSING', 'vacuumRefining.method', undefined, 'distillation or sublimation');
  const method = oneOf('vacuumRefining.method', p.method, METHODS);
  const d = vacuumRefiningDefaults;
  const metalYield = fraction('vacuumRefining.yield', orDefault(p.yield, d.yield.value));
  const energyPerKg = inRange(
    'vacuumRefining.energyPerKg',
    orDefault(p.energyPerKg, d.energyPerKg.value),
    0,
    MAX_ENERGY_PER_TONNE / 1000,
  );

  // Principal metal: the rare earth with the largest mass (first in Z order on a tie).
  let principal: RareEarth | undefined;
  let largest = 0;
  RARE_EARTH_INDICES.forEach((i, k) => {
    if ((feed.amounts[i] ?? 0) > largest) {
      largest = feed.amounts[i] ?? 0;
      principal = RARE_EARTHS[k];
    }
  });
  if (principal === undefined)
    fail('INFEASIBLE', 'vacuumRefining.feed', 0, 'a metal feed containing rare earths');
  const { methods, provenance } = vacuumRefiningRoutes[principal];
  if (!methods.includes(method)) {
    fail(
      'NOT_SUPPORTED',
      'vacuumRefining.method',
      method,
      methods.length > 0
        ? `${methods.join(' or ')} for ${principal} metal (${provenance.source})`
        : `a method that can purify ${principal} metal: none can (${provenance.source}: ${provenance.note})`,
    );
  }
  const removalGiven = p.removal === undefined ? {} : record('vacuumRefining.removal', p.removal);
  if (Object.hasOwn(removalGiven, principal)) {
    fail(
      'INFEASIBLE',
      `vacuumRefining.removal.${principal}`,
      removalGiven[principal],
      `a species other than the principal metal ${principal} (set yield instead)`,
    );
  }

  const base = speciesVector(
    d.removal.rareEarths.value,
    Object.fromEntries(NON_RE.map((s) => [s, d.removal[s].value])),
  );
  const removal = solidFractions('vacuumRefining.removal', p.removal, base, 'always removed');
  const toProduct = removal.map((r) => metalYield * (1 - r));
  toProduct[SPECIES_INDEX[principal]] = metalYield;
  toProduct[WATER] = 0;
  const [metal, residue] = partition(feed, toProduct, {
    firstForm: 'metal',
    secondForm: 'residue',
    firstCompound: 'metal',
    secondCompound: 'metal',
  });

  const feedMass = total(feed);
  const given = Object.keys(removalGiven);
  return finishUnit('vacuum-refining', {
    inlets: [feed],
    outlets: { metal, residue },
    energy: energyPerKg * feedMass,
    figures: {
      metalRecovery: metalYield,
      feedPurity: purity(feed, principal),
      productPurity: purity(metal, principal),
      feedAbsolutePurity: purity(feed, principal, 'absolute'),
      productAbsolutePurity: purity(metal, principal, 'absolute'),
      productMass: total(metal),
      residueMass: total(residue),
    },
    notes: [
      `${method} of ${principal} metal (route: ${provenance.source})`,
      `yield ${metalYield}; other species reach the product as yield × (1 − removal); removal: ${given.length > 0 ? `user values for ${given.join(', ')}, reesim assumed defaults for the rest` : 'reesim assumed defaults'}`,
    ],
  });
}

/**
 * The old name of {@link vacuumRefining}.
 *
 * @deprecated Renamed `vacuumRefining` (a unit's file, kind and function share one name); this alias goes in the
 * next version.
 */
export const vacuumRefine = vacuumRefining;

/** Flowsheet definition of {@link vacuumRefining}: inlet `feed`, outlets `metal` and `residue`. */
export const vacuumRefiningUnit: UnitDefinition<VacuumRefiningParams, 'metal' | 'residue'> = {
  kind: 'vacuum-refining',
  inlets: ['feed'],
  outlets: ['metal', 'residue'],
  outletForms: { metal: 'metal', residue: 'residue' },
  run: (inlets, params) => vacuumRefining(inlet(inlets, 'feed', 'vacuum-refining'), params),
};
