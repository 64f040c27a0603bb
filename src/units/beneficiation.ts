/**
 * Beneficiation: physical concentration of rare-earth minerals (flotation, magnetic or gravity separation).
 *
 * **Model.** A two-product separator on the element basis. Each rare earth reports to the concentrate with
 * its recovery; Th and U sit in the same minerals and follow the mean rare-earth recovery unless given.
 * The other species (Fe, Al, Ca, gangue) are either given recoveries directly or share one recovery chosen
 * so that the concentrate reaches the requested TREO grade. Water reports with the solids in proportion to
 * the dry mass split (the moisture of both products is the same).
 *
 * **The user specifies:** `method`; rare-earth `recovery`; and either `concentrateGrade` or `gangueRecovery`.
 * **Units:** recoveries and grades are mass fractions in [0, 1]; `energyPerTonne` is kWh per dry tonne of
 * feed; `reagentDose` is kg per dry tonne of feed.
 * **Data:** Mountain Pass hot flotation 7-8 % REO ore -> ~60 % REO concentrate at ~65-70 % recovery (JOR13,
 * recalled, medium), see {@link beneficiationPresets}. Energy and reagent doses of the presets are reesim
 * assumptions of the right order, labelled as such.
 */

import {
  RARE_EARTH_INDICES,
  SPECIES_COUNT,
  SPECIES_INDEX,
  type Species,
  WATER,
} from '../chemistry/species.js';
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
import { cite, type Provenance } from '../data/provenance.js';
import { OXIDE_FACTORS } from '../stream/basis.js';
import { total, treo } from '../stream/composition.js';
import { partition } from '../stream/split.js';
import { checkStream, type Stream } from '../stream/stream.js';
import { solidFractions } from './solidFractions.js';
import { finishUnit, inlet, speciesVector, type UnitDefinition, type UnitResult } from './unit.js';

/** Physical separation method. */
export type BeneficiationMethod = 'flotation' | 'magnetic' | 'gravity';

/** Parameters of {@link beneficiation}. */
export interface BeneficiationParams {
  readonly method: BeneficiationMethod;
  /** Recovery of every rare earth to the concentrate, fraction. */
  readonly recovery: number;
  /** Recoveries of individual species that differ (any species, e.g. `{ Ce: 0.6, Fe: 0.05 }`). */
  readonly elementRecovery?: Partial<Record<Species, number>>;
  /** Target concentrate grade, TREO mass fraction of the dry concentrate (oxide basis). */
  readonly concentrateGrade?: number;
  /** Recovery of Fe, Al, Ca and gangue to the concentrate, when no grade is targeted. */
  readonly gangueRecovery?: number;
  /** Electrical energy, kWh per dry tonne of feed (grinding and separation). Default: the method's preset. */
  readonly energyPerTonne?: number;
  /** Reagent doses, kg per dry tonne of feed, by reagent name. Default: the method's preset. */
  readonly reagentDose?: Readonly<Record<string, number>>;
}

/** Default energy and reagent use of each method, with provenance. */
export interface MethodDefaults {
  readonly energyPerTonne: number;
  readonly reagentDose: Readonly<Record<string, number>>;
  readonly provenance: Provenance;
}

/** Energy and reagent defaults per method (reesim assumptions of the right order; replace with plant data). */
export const beneficiationDefaults: { readonly [M in BeneficiationMethod]: MethodDefaults } = {
  flotation: {
    energyPerTonne: 20,
    reagentDose: { 'fatty-acid collector': 0.5, 'soda ash': 2.5, 'lignin sulfonate': 2.5 },
    provenance: cite(
      'REESIM',
      'assumed',
      'assumed',
      'grinding + conditioning + flotation; order of magnitude',
    ),
  },
  magnetic: {
    energyPerTonne: 8,
    reagentDose: {},
    provenance: cite('REESIM', 'assumed', 'assumed', 'grinding + wet high-intensity magnetic separation'),
  },
  gravity: {
    energyPerTonne: 4,
    reagentDose: {},
    provenance: cite('REESIM', 'assumed', 'assumed', 'spirals/tables on liberated sands, no grinding'),
  },
};

/** Published operating points, usable as parameters. */
export const beneficiationPresets = {
  /** Mountain Pass hot froth flotation: ~60 % REO concentrate at ~65-70 % recovery (mid-point 67.5 %). */
  mountainPassFlotation: {
    params: { method: 'flotation', recovery: 0.675, concentrateGrade: 0.6 } as BeneficiationParams,
    provenance: cite('JOR13', 'recalled', 'medium', 'ore 7-9 % REO -> ~60 % REO at ~65-70 % recovery'),
  },
  /** Heavy-mineral sand monazite: gravity + magnetic + electrostatic to >= 95 % monazite (~55-60 % REO). */
  monaziteSands: {
    params: { method: 'gravity', recovery: 0.9, concentrateGrade: 0.57 } as BeneficiationParams,
    provenance: cite(
      'JOR13',
      'recalled',
      'medium',
      'grade from the source; the 90 % recovery is a reesim assumption',
    ),
  },
} as const;

const METHODS: readonly BeneficiationMethod[] = ['flotation', 'magnetic', 'gravity'];
const ACTINIDES = [SPECIES_INDEX.Th, SPECIES_INDEX.U];
const KEYS = [
  'method',
  'recovery',
  'elementRecovery',
  'concentrateGrade',
  'gangueRecovery',
  'energyPerTonne',
  'reagentDose',
];

/**
 * Concentrates a rare-earth ore.
 *
 * @param feed ore (or a previous concentrate), kg/h element basis
 * @returns outlets `concentrate` (form `concentrate`) and `tailings` (form `residue`)
 * @throws ReesimError for invalid parameters, or `INFEASIBLE` when the grade cannot be reached
 *   (it would need more than all, or less than none, of the gangue)
 * @example
 * ```ts
 * const ore = mine({ deposit: 'mountain-pass', oreRate: 100 }).outlets.ore;
 * const { concentrate } = beneficiation(ore, beneficiationPresets.mountainPassFlotation.params).outlets;
 * ```
 */
export function beneficiation(
  feed: Stream,
  params: BeneficiationParams,
): UnitResult<'concentrate' | 'tailings'> {
  checkStream('feed', feed);
  const p = record('beneficiation', params, 'beneficiation parameters');
  knownKeys('beneficiation', p, KEYS);
  const method = oneOf('beneficiation.method', p.method, METHODS);
  if (p.recovery === undefined) fail('MISSING', 'beneficiation.recovery', undefined, 'a fraction in [0, 1]');
  const hasGrade = p.concentrateGrade !== undefined;
  const hasGangue = p.gangueRecovery !== undefined;
  if (hasGrade === hasGangue) {
    fail(
      'MISSING',
      'beneficiation.concentrateGrade',
      p.concentrateGrade,
      'exactly one of concentrateGrade or gangueRecovery',
    );
  }
  const defaults = beneficiationDefaults[method];
  const energyPerTonne = inRange(
    'beneficiation.energyPerTonne',
    orDefault(p.energyPerTonne, defaults.energyPerTonne),
    0,
    MAX_ENERGY_PER_TONNE,
  );
  const doses = record('beneficiation.reagentDose', orDefault(p.reagentDose, defaults.reagentDose));
  for (const [name, dose] of Object.entries(doses))
    inRange(`beneficiation.reagentDose.${name}`, dose, 0, 1e4);

  // Rare earths take `recovery`; `elementRecovery` overrides any species it names.
  const reRecovery = fraction('beneficiation.recovery', p.recovery);
  const base = speciesVector(reRecovery);
  const rec = solidFractions(
    'beneficiation.elementRecovery',
    p.elementRecovery,
    base,
    'water follows the solids',
  );
  const overrides = p.elementRecovery === undefined ? {} : (p.elementRecovery as Record<string, unknown>);
  const explicit = new Set<number>(RARE_EARTH_INDICES);
  for (const name of Object.keys(overrides)) explicit.add(SPECIES_INDEX[name as keyof typeof SPECIES_INDEX]);

  // Th and U follow the REE minerals: mean recovery of the rare earths present, weighted by mass.
  let reIn = 0;
  let reOut = 0;
  for (const i of RARE_EARTH_INDICES) {
    reIn += feed.amounts[i] ?? 0;
    reOut += (feed.amounts[i] ?? 0) * (rec[i] ?? 0);
  }
  const meanRe = reIn > 0 ? reOut / reIn : reRecovery;
  for (const i of ACTINIDES) if (!explicit.has(i)) rec[i] = meanRe;

  // The rest (Fe, Al, Ca, gangue not given explicitly) share one recovery.
  const rest: number[] = [];
  for (let i = 0; i < SPECIES_COUNT; i++) {
    if (i !== WATER && !explicit.has(i) && !RARE_EARTH_INDICES.includes(i) && !ACTINIDES.includes(i))
      rest.push(i);
  }
  let shared: number;
  if (hasGangue) {
    shared = fraction('beneficiation.gangueRecovery', p.gangueRecovery);
  } else {
    const grade = fraction('beneficiation.concentrateGrade', p.concentrateGrade);
    if (grade === 0) fail('OUT_OF_RANGE', 'beneficiation.concentrateGrade', grade, 'a fraction in (0, 1]');
    let reoC = 0;
    let fixedC = 0;
    let restFeed = 0;
    for (let i = 0; i < SPECIES_COUNT; i++) {
      const mass = (feed.amounts[i] ?? 0) * (OXIDE_FACTORS[i] ?? 0);
      if (RARE_EARTH_INDICES.includes(i)) reoC += mass * (rec[i] ?? 0);
      else if (rest.includes(i)) restFeed += mass;
      else fixedC += mass * (rec[i] ?? 0);
    }
    if (reoC === 0)
      fail('INFEASIBLE', 'beneficiation.concentrateGrade', grade, 'a feed with recoverable rare earths');
    const need = reoC / grade - reoC - fixedC;
    const slack = 1e-12 * reoC;
    shared = restFeed > 0 ? need / restFeed : need > slack ? Number.POSITIVE_INFINITY : 0;
    if (!(need >= -slack && shared <= 1)) {
      const reachable = reoC / (reoC + fixedC + (need < 0 ? 0 : restFeed));
      fail(
        'INFEASIBLE',
        'beneficiation.concentrateGrade',
        grade,
        need < 0
          ? `at most ${reachable.toFixed(4)} (the recovered minerals alone dilute it)`
          : `at least ${reachable.toFixed(4)} (the feed is richer than the target)`,
      );
    }
    shared = Math.min(1, Math.max(0, shared));
  }
  for (const i of rest) rec[i] = shared;

  // Water follows the dry-mass split.
  const dryFeed = total(feed);
  let dryConc = 0;
  for (let i = 0; i < SPECIES_COUNT; i++)
    dryConc += (feed.amounts[i] ?? 0) * (OXIDE_FACTORS[i] ?? 0) * (rec[i] ?? 0);
  rec[WATER] = dryFeed > 0 ? Math.min(1, dryConc / dryFeed) : 0;

  const [concentrate, tailings] = partition(feed, rec, {
    firstForm: 'concentrate',
    secondForm: 'residue',
    firstCompound: 'mineral',
    secondCompound: 'mineral',
  });
  const tonnesPerHour = dryFeed / 1000;
  const reagents = Object.fromEntries(
    Object.entries(doses).map(([name, dose]) => [name, (dose as number) * tonnesPerHour]),
  );
  const feedReo = treo(feed);
  const concReo = treo(concentrate);
  const concDry = total(concentrate);
  return finishUnit('beneficiation', {
    inlets: [feed],
    outlets: { concentrate, tailings },
    reagents,
    energy: energyPerTonne * tonnesPerHour,
    figures: {
      feedGrade: dryFeed > 0 ? feedReo / dryFeed : 0,
      concentrateGrade: concDry > 0 ? concReo / concDry : 0,
      treoRecovery: feedReo > 0 ? concReo / feedReo : 0,
      massPull: dryFeed > 0 ? concDry / dryFeed : 0,
      gangueRecovery: shared,
    },
    notes: [
      `${method}: rare earths recovered per element; Th/U follow the rare-earth minerals; other species share one recovery (${shared.toFixed(4)})`,
      `energy ${energyPerTonne} kWh/t and reagent doses: ${p.energyPerTonne === undefined ? 'reesim assumed defaults' : 'user values'}`,
    ],
  });
}

/**
 * The old name of {@link beneficiation}.
 *
 * @deprecated Renamed `beneficiation` (a unit's file, kind and function share one name); this alias goes in the
 * next version.
 */
export const beneficiate = beneficiation;

/** Flowsheet definition of {@link beneficiation}: inlet `feed`, outlets `concentrate` and `tailings`. */
export const beneficiationUnit: UnitDefinition<BeneficiationParams, 'concentrate' | 'tailings'> = {
  kind: 'beneficiation',
  inlets: ['feed'],
  outlets: ['concentrate', 'tailings'],
  outletForms: { concentrate: 'concentrate', tailings: 'residue' },
  run: (inlets, params) => beneficiation(inlet(inlets, 'feed', 'beneficiation'), params),
};
