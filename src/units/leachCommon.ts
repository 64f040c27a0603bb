/**
 * What the cracking and leaching units share: a leach stage (solid feed + process water -> liquor + wet
 * residue), the common parameters, reagent stoichiometry with an excess, and the common figures.
 *
 * **Leach stage model.** Process water is added as a stream at a liquid-to-solid ratio (kg water per kg dry
 * feed, dry mass on the oxide basis). Each species dissolves into the liquor with its fraction; the rest
 * stays in the solid. The solid leaves as a wet cake holding `residueMoisture` (mass fraction of the wet
 * cake) of water, or all the water if there is less; the rest of the water reports to the liquor.
 *
 * **Stoichiometry.** Reagents are computed from the charge that reacts: 3 mol of charge per mol of rare
 * earth (RE³⁺), 4 per Th (Th⁴⁺), 2 per U (UO₂²⁺), 3 per Fe (Fe³⁺), 3 per Al, 2 per Ca; gangue and water
 * carry none. One mol of HCl or NaOH supplies 1 mol of charge, one mol of H₂SO₄ or (NH₄)₂SO₄ supplies 2.
 * Element flow (kg/h) / atomic mass (g/mol) = kmol/h.
 */

import { elements } from '../chemistry/elements.js';
import { REAGENT_MOLAR_MASS, type Reagent } from '../chemistry/reagents.js';
import {
  elementAt,
  RARE_EARTH_INDICES,
  SPECIES_COUNT,
  SPECIES_INDEX,
  type Species,
  WATER,
} from '../chemistry/species.js';
import { inRange } from '../core/validate.js';
import { cite, type Sourced, sourced } from '../data/provenance.js';
import { OXIDE_FACTORS } from '../stream/basis.js';
import { total, treo } from '../stream/composition.js';
import { mix } from '../stream/mix.js';
import { partition } from '../stream/split.js';
import { type Compound, makeStream, type Stream, type StreamForm, withAmounts } from '../stream/stream.js';
import { solidFractions } from './solidFractions.js';
import {
  feedOfForm,
  finishUnit,
  perSpecies,
  type SpeciesFractions,
  speciesFractions,
  type UnitResult,
} from './unit.js';

/** Parameters every leach unit accepts. */
export interface LeachParams {
  /**
   * Fraction of each species dissolved into the liquor, overriding the unit's defaults: one fraction for
   * every species, or a record such as `{ Nd: 0.97, Th: 0 }`. Water is set by `residueMoisture` instead.
   */
  readonly dissolution?: SpeciesFractions;
  /** Process water, kg per kg of dry feed (oxide basis), in [0, 1000]. */
  readonly liquidToSolid?: number;
  /** Water in the wet residue, mass fraction of the wet cake, in [0, 0.95]. */
  readonly residueMoisture?: number;
  /** Energy (electrical and heat), kWh per dry tonne of feed, in [0, 100000]. */
  readonly energyPerTonne?: number;
}

/** Defaults a unit hands to {@link readLeachParams}. */
export interface LeachDefaults {
  /** Dissolution per species, `SPECIES` order. */
  readonly dissolution: readonly number[];
  /** Omit for units that set their water otherwise. */
  readonly liquidToSolid?: number;
  readonly residueMoisture: number;
  readonly energyPerTonne: number;
}

/** The checked common parameters. */
export interface LeachSettings {
  readonly dissolution: number[];
  readonly liquidToSolid: number;
  readonly residueMoisture: number;
  readonly energyPerTonne: number;
  /** True when the user gave `energyPerTonne`. */
  readonly userEnergy: boolean;
}

/** Moisture of a filtered leach residue (all four units). */
export const RESIDUE_MOISTURE: Sourced<number> = sourced(
  0.25,
  'REESIM',
  'assumed',
  'assumed',
  'typical filter-cake moisture, 20-30 % water',
);

/**
 * Charge (mol per mol element) that reacts with acid or base when each species dissolves or reacts.
 * Uranium is taken as uranyl, UO2(2+), the form it leaches in under oxidising acid conditions; the
 * precipitation and metal units treat the little U that follows the rare earths as U(IV).
 */
export const REACTING_CHARGE: Readonly<Partial<Record<Species, number>>> = {
  Th: 4,
  U: 2,
  Fe: 3,
  Al: 3,
  Ca: 2,
};

/** Provenance of {@link REACTING_CHARGE} and the 3 per rare earth. */
export const REACTING_CHARGE_PROVENANCE = cite(
  'REESIM',
  'derived',
  'high',
  'ionic charges RE3+, Th4+, UO2 2+, Fe3+, Al3+, Ca2+',
);

const CHARGE: readonly number[] = (() => {
  const c = perSpecies(0);
  for (const i of RARE_EARTH_INDICES) c[i] = 3;
  for (const [s, z] of Object.entries(REACTING_CHARGE)) c[SPECIES_INDEX[s as Species]] = z;
  return c;
})();

const SOLID_FORMS: readonly StreamForm[] = ['ore', 'concentrate', 'residue', 'precipitate', 'oxide', 'salt'];

/** Checks that `feed` is a stream of solids. */
export function solidFeed(path: string, feed: unknown): Stream {
  return feedOfForm(path, feed, SOLID_FORMS);
}

/** Checks the common parameters of `p` (already a record) against the unit's defaults. */
export function readLeachParams(path: string, p: Record<string, unknown>, d: LeachDefaults): LeachSettings {
  // A number applies to every solid species; water always follows residueMoisture, so a record may not name it.
  const dissolution =
    typeof p.dissolution === 'number'
      ? speciesFractions(`${path}.dissolution`, p.dissolution, d.dissolution)
      : solidFractions(`${path}.dissolution`, p.dissolution, d.dissolution, 'water follows residueMoisture');
  const liquidToSolid =
    d.liquidToSolid === undefined
      ? 0
      : optionalNumber(`${path}.liquidToSolid`, p.liquidToSolid, d.liquidToSolid, 0, 1000);
  return {
    dissolution,
    liquidToSolid,
    residueMoisture: optionalNumber(`${path}.residueMoisture`, p.residueMoisture, d.residueMoisture, 0, 0.95),
    energyPerTonne: optionalNumber(`${path}.energyPerTonne`, p.energyPerTonne, d.energyPerTonne, 0, 1e5),
    userEnergy: p.energyPerTonne !== undefined,
  };
}

/** An optional number in [min, max]: `fallback` when `value` is undefined (null is an error). */
export function optionalNumber(
  path: string,
  value: unknown,
  fallback: number,
  min: number,
  max: number,
): number {
  return inRange(path, value === undefined ? fallback : value, min, max);
}

/** Checks an excess fraction over stoichiometric (0.1 = 10 % more), in [0, 10]. */
export function readExcess(path: string, value: unknown, fallback: number): number {
  return optionalNumber(path, value, fallback, 0, 10);
}

/**
 * kmol/h of reacting charge in `amounts` (kg/h), each species weighted by `fractions` (default all).
 * @example
 * ```ts
 * chargeKmol(makeStream('solution', { Nd: 144.242 }).amounts); // 3 (1 kmol/h Nd3+)
 * ```
 */
export function chargeKmol(amounts: readonly number[], fractions?: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < SPECIES_COUNT; i++) {
    const el = elementAt(i);
    if (el === undefined) continue;
    sum += (((amounts[i] ?? 0) * (fractions?.[i] ?? 1)) / elements[el].atomicMass) * (CHARGE[i] ?? 0);
  }
  return sum;
}

/**
 * kg/h of `reagent` that supplies `charge` kmol/h, `perMolecule` charge per molecule, with `excess`.
 * @example
 * ```ts
 * reagentForCharge('H2SO4', 3, 2, 0); // 147.108 (1.5 kmol/h H2SO4)
 * ```
 */
export function reagentForCharge(
  reagent: Reagent,
  charge: number,
  perMolecule: number,
  excess: number,
): number {
  return (charge / perMolecule) * (1 + excess) * REAGENT_MOLAR_MASS[reagent];
}

/** What one leach stage is asked to do. */
export interface LeachStage {
  /** Dissolved fraction per species (the water entry is ignored). */
  readonly dissolution: readonly number[];
  /** Water added, kg per kg of dry feed. */
  readonly waterRatio: number;
  readonly moisture: number;
  readonly liquorCompound?: Compound;
  readonly solidForm: StreamForm;
  readonly solidCompound?: Compound;
}

function reform(s: Stream, form: StreamForm, compound: Compound | undefined): Stream {
  return withAmounts(form, [...s.amounts], {
    ...(compound ? { compound } : {}),
    ...(s.reagents ? { reagents: s.reagents } : {}),
  });
}

/**
 * One leach stage: adds process water, dissolves each species by its fraction, and splits the water
 * between the liquor and the wet solid. Conserves every species exactly (the solid is the slurry minus
 * the liquor).
 * @returns `liquor` (form `solution`), `solid` and the added `water` stream
 * @example
 * ```ts
 * const feed = makeStream('concentrate', { Nd: 100, Gangue: 100 });
 * const dissolution = SPECIES.map((s) => (isRareEarth(s) ? 1 : 0)); // every rare earth dissolves
 * const { solid } = leachStage(feed, { dissolution, waterRatio: 4, moisture: 0.2, solidForm: 'residue' });
 * amount(solid, 'H2O'); // 25 (100 kg dry gangue at 20 % moisture)
 * ```
 */
export function leachStage(
  feed: Stream,
  stage: LeachStage,
): { liquor: Stream; solid: Stream; water: Stream } {
  const water = makeStream('solution', { H2O: stage.waterRatio * total(feed) });
  const slurry = mix([feed, water], feed.form);
  const fractions = [...stage.dissolution];
  let drySolid = 0;
  for (let i = 0; i < SPECIES_COUNT; i++)
    drySolid += (slurry.amounts[i] ?? 0) * (1 - (fractions[i] ?? 0)) * (OXIDE_FACTORS[i] ?? 0);
  const totalWater = slurry.amounts[WATER] ?? 0;
  const m = stage.moisture;
  const solidWater = Math.min(totalWater, (m / (1 - m)) * drySolid);
  fractions[WATER] = totalWater > 0 ? Math.min(1, Math.max(0, 1 - solidWater / totalWater)) : 1;
  const [liquor, solid] = partition(slurry, fractions);
  return {
    liquor: reform(liquor, 'solution', stage.liquorCompound),
    solid: reform(solid, stage.solidForm, stage.solidCompound),
    water,
  };
}

/** What a leach unit hands to {@link finishLeach}. */
export interface LeachFinish<O extends string> {
  readonly feed: Stream;
  readonly settings: LeachSettings;
  readonly added: Readonly<Record<string, Stream>>;
  readonly outlets: { readonly [K in O]: Stream } & { readonly liquor: Stream; readonly residue: Stream };
  readonly reagents: Readonly<Record<string, number>>;
  readonly figures?: Readonly<Record<string, number>>;
  readonly notes: readonly string[];
}

/**
 * Computes energy and the common figures and returns through `finishUnit`. Figures: `treoToLiquor`,
 * `feedGrade` and `residueGrade` (dry TREO fractions), `thoriumToResidue` and `uraniumToResidue` (fractions
 * of the feed's Th and U that stay in the residue), `waterAdded` (kg/h), and for each reagent
 * `<reagent>PerTonne` (kg per dry tonne of feed).
 */
export function finishLeach<O extends string>(kind: string, f: LeachFinish<O>): UnitResult<O> {
  const { feed, settings: s } = f;
  const dry = total(feed);
  const dryResidue = total(f.outlets.residue);
  let waterAdded = 0;
  for (const w of Object.values(f.added)) waterAdded += w.amounts[WATER] ?? 0;
  return finishUnit(kind, {
    inlets: [feed],
    added: f.added,
    outlets: f.outlets,
    reagents: f.reagents,
    energy: (s.energyPerTonne * dry) / 1000,
    figures: {
      treoToLiquor: treo(feed) > 0 ? treo(f.outlets.liquor) / treo(feed) : 0,
      feedGrade: dry > 0 ? treo(feed) / dry : 0,
      residueGrade: dryResidue > 0 ? treo(f.outlets.residue) / dryResidue : 0,
      thoriumToResidue: 1 - (s.dissolution[SPECIES_INDEX.Th] ?? 0),
      uraniumToResidue: 1 - (s.dissolution[SPECIES_INDEX.U] ?? 0),
      waterAdded,
      ...Object.fromEntries(
        Object.entries(f.reagents).map(([name, kg]) => [`${name}PerTonne`, dry > 0 ? (1000 * kg) / dry : 0]),
      ),
      ...f.figures,
    },
    notes: [
      ...f.notes,
      `residue cake holds ${s.residueMoisture} water (mass fraction); the rest of the water reports to the liquor`,
      `energy ${s.energyPerTonne} kWh/t dry feed: ${s.userEnergy ? 'user value' : 'reesim assumed default'}`,
    ],
  });
}
