/**
 * Mine: the source of a flowsheet. Delivers run-of-mine ore of a deposit at a given rate.
 *
 * **Model.** The dry ore carries TREO at the deposit's grade, split over the rare earths by the deposit's
 * normalised REO distribution (oxide basis, converted to element mass with the oxide factors), plus the
 * deposit's ThO2, U3O8, Fe2O3, CaO and Al2O3 contents; everything else is `Gangue`, chosen so that the dry
 * ore's `total()` (oxide basis) equals the dry ore rate (exactly, or within one rounding when no float
 * sum can hit it). Dilution mixes in waste rock that is all gangue, so
 * every assay item scales by `1 - dilution`. Grade variability multiplies the mineralised part (REE, Th, U)
 * by a seeded lognormal factor with mean 1 and the given CV (<= 10), capped where the ore would exceed
 * 100 %; the same seed and period give the same bits. Water is added as
 * moisture of the wet ore. A mine has no inlets: the mined ore itself enters the balance as the `added`
 * stream `in-situ ore`, so its balance closes trivially (a source has nothing to conserve); what a mine
 * must get right is that the ore's dry total equals `oreRate` and its TREO equals grade x ore (tested).
 *
 * **The user specifies:** `deposit` (a built-in id or a {@link Deposit}) and `oreRate`.
 * **Units:** `oreRate` dry t/h; `dilution`, `moisture` and grades mass fractions; `energyPerTonne` kWh per
 * dry tonne; energy in kW; flows kg/h (element basis).
 * **Data:** deposits from ree-data.md 5.1/5.2 (the `deposits` table); moisture and energy defaults are reesim
 * assumptions (see {@link mineDefaults}).
 */
import seedrandom from 'seedrandom';
import { type ElementSymbol, RARE_EARTHS } from '../chemistry/elements.js';
import { oxideFactor } from '../chemistry/oxide.js';
import { GANGUE, SPECIES_INDEX, WATER } from '../chemistry/species.js';
import { fail } from '../core/errors.js';
import {
  boolean,
  finite,
  fraction,
  inRange,
  integer,
  knownKeys,
  MAX_ENERGY_PER_TONNE,
  nonEmptyString,
  oneOf,
  optional,
  positive,
  record,
} from '../core/validate.js';
import {
  DEPOSIT_TYPES,
  type Deposit,
  type DepositId,
  getDeposit,
  normaliseDistribution,
} from '../data/deposits.js';
import { type Basis, type Confidence, type SourceKey, sourced, sources } from '../data/provenance.js';
import { total, treo } from '../stream/composition.js';
import { type Stream, withAmounts } from '../stream/stream.js';
import { finishUnit, perSpecies, type UnitDefinition, type UnitResult } from './unit.js';

/** Seeded head-grade variability: a lognormal factor with mean 1 and coefficient of variation `cv`. */
export interface GradeVariability {
  /** Coefficient of variation of the head grade, in [0, 10]. */
  readonly cv: number;
  /** Seed string; the draw uses `seedrandom.alea(`${seed}:${period}`)`. */
  readonly seed: string;
  /** Period (shift, day, ...) index, integer >= 0 (default 0). */
  readonly period?: number;
}

/** Parameters of {@link mine}. */
export interface MineParams {
  /** A built-in deposit id or a user deposit (validated). */
  readonly deposit: DepositId | Deposit;
  /** Run-of-mine ore delivered, dry t/h, > 0. */
  readonly oreRate: number;
  /** Fraction of waste rock (no REE, all gangue) in the delivered dry ore, in [0, 1]. Default 0. */
  readonly dilution?: number;
  /** Seeded head-grade variability. Default: none. */
  readonly gradeVariability?: GradeVariability;
  /** Mass fraction of water in the wet ore, in [0, 1). Default 0.05 (assumed). */
  readonly moisture?: number;
  /** Mining and haulage energy, kWh per dry tonne. Default 5 (assumed). */
  readonly energyPerTonne?: number;
}

/** Defaults of {@link mine}, with provenance. */
export const mineDefaults = {
  dilution: sourced(
    0,
    'REESIM',
    'assumed',
    'assumed',
    'the deposit grade is delivered unless told otherwise',
  ),
  moisture: sourced(0.05, 'REESIM', 'assumed', 'assumed', 'run-of-mine ore moisture, order of magnitude'),
  energyPerTonne: sourced(
    5,
    'REESIM',
    'assumed',
    'assumed',
    'drill, blast, load and haul; order of magnitude',
  ),
} as const;

/** Largest accepted grade CV (a larger spread says nothing more about a head grade and risks overflow). */
const MAX_CV = 10;
const KEYS = ['deposit', 'oreRate', 'dilution', 'gradeVariability', 'moisture', 'energyPerTonne'];
const DEPOSIT_KEYS = [
  'id',
  'name',
  'country',
  'type',
  'hostMinerals',
  'distribution',
  'grade',
  'thorium',
  'uranium',
  'assay',
  'proxy',
  'note',
];
const BASES: readonly Basis[] = ['primary', 'secondary', 'recalled', 'derived', 'assumed'];
const CONFIDENCES: readonly Confidence[] = ['high', 'medium', 'low', 'assumed'];
const ASSAY = ['Fe', 'Ca', 'Al'] as const;

function checkSourced(path: string, value: unknown): Record<string, unknown> {
  const s = record(path, value, 'a sourced value { value, source, basis, confidence, note? }');
  knownKeys(path, s, ['value', 'source', 'basis', 'confidence', 'note']);
  oneOf(`${path}.source`, s.source, Object.keys(sources) as SourceKey[]);
  oneOf(`${path}.basis`, s.basis, BASES);
  oneOf(`${path}.confidence`, s.confidence, CONFIDENCES);
  if (s.note !== undefined && typeof s.note !== 'string')
    fail('INVALID_TYPE', `${path}.note`, s.note, 'a string');
  return s;
}

function sourcedFraction(path: string, value: unknown): number {
  return fraction(`${path}.value`, checkSourced(path, value).value);
}

/**
 * Checks a user-supplied {@link Deposit}: every field, its provenance records, and the distribution.
 * @throws ReesimError with the path of the first bad field
 */
export function checkDeposit(path: string, value: unknown): Deposit {
  const d = record(path, value, 'a deposit id or a Deposit object');
  knownKeys(path, d, DEPOSIT_KEYS);
  for (const key of ['id', 'name', 'country', 'note']) nonEmptyString(`${path}.${key}`, d[key]);
  oneOf(`${path}.type`, d.type, DEPOSIT_TYPES);
  if (!Array.isArray(d.hostMinerals)) fail('INVALID_TYPE', `${path}.hostMinerals`, d.hostMinerals, 'strings');
  for (const [i, m] of d.hostMinerals.entries()) nonEmptyString(`${path}.hostMinerals.${i}`, m);
  const dist = checkSourced(`${path}.distribution`, d.distribution);
  normaliseDistribution(dist.value as Deposit['distribution']['value'], `${path}.distribution.value`);
  sourcedFraction(`${path}.grade`, d.grade);
  for (const key of ['thorium', 'uranium']) {
    if (d[key] !== undefined) sourcedFraction(`${path}.${key}`, d[key]);
  }
  if (d.assay !== undefined) {
    const assay = record(`${path}.assay`, d.assay, 'a record of Fe/Ca/Al -> sourced fraction');
    knownKeys(`${path}.assay`, assay, ASSAY);
    for (const [key, item] of Object.entries(assay)) sourcedFraction(`${path}.assay.${key}`, item);
  }
  boolean(`${path}.proxy`, d.proxy);
  return d as unknown as Deposit;
}

/** Lognormal factor with mean 1 and coefficient of variation `cv` (Box-Muller on two alea draws). */
function lognormalFactor(cv: number, seed: string, period: number): number {
  if (cv === 0) return 1;
  const rng = seedrandom.alea(`${seed}:${period}`);
  const u1 = 1 - rng();
  const u2 = rng();
  const z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  const s2 = Math.log1p(cv * cv);
  return Math.exp(-s2 / 2 + Math.sqrt(s2) * z);
}

/**
 * Mines ore from a deposit.
 *
 * @returns outlet `ore` (form `ore`, compound `mineral`), dry rate `oreRate` plus moisture
 * @throws ReesimError for invalid parameters, `UNKNOWN_KEY` for an unknown deposit id, `INFEASIBLE` when the
 *   deposit's assay items (TREO, ThO2, U3O8, Fe2O3, CaO, Al2O3) sum to more than 100 %
 * @example
 * ```ts
 * const { ore } = mine({ deposit: 'mountain-pass', oreRate: 100 }).outlets;
 * treo(ore); // 5970 kg/h (5.97 % TREO of 100 t/h)
 * ```
 */
export function mine(params: MineParams): UnitResult<'ore'> {
  const p = record('mine', params, 'mine parameters');
  knownKeys('mine', p, KEYS);
  if (p.deposit === undefined) fail('MISSING', 'mine.deposit', undefined, 'a deposit id or a Deposit object');
  if (p.oreRate === undefined) fail('MISSING', 'mine.oreRate', undefined, 'a dry ore rate in t/h > 0');
  const deposit =
    typeof p.deposit === 'string'
      ? getDeposit(p.deposit, 'mine.deposit')
      : checkDeposit('mine.deposit', p.deposit);
  const oreRate = positive('mine.oreRate', p.oreRate);
  if (oreRate > 1e6) fail('OUT_OF_RANGE', 'mine.oreRate', oreRate, 'a dry ore rate in (0, 1e6] t/h');
  const dilution = optional(p.dilution, mineDefaults.dilution.value, (v) => fraction('mine.dilution', v));
  const moisture = optional(p.moisture, mineDefaults.moisture.value, (v) => fraction('mine.moisture', v));
  if (moisture > 0.9)
    fail('OUT_OF_RANGE', 'mine.moisture', moisture, 'a wet-basis water fraction in [0, 0.9]');
  const energyPerTonne = optional(p.energyPerTonne, mineDefaults.energyPerTonne.value, (v) =>
    inRange('mine.energyPerTonne', v, 0, MAX_ENERGY_PER_TONNE),
  );
  let cv = 0;
  let seed = '';
  let period = 0;
  if (p.gradeVariability !== undefined) {
    const v = record('mine.gradeVariability', p.gradeVariability, '{ cv, seed, period? }');
    knownKeys('mine.gradeVariability', v, ['cv', 'seed', 'period']);
    cv = inRange('mine.gradeVariability.cv', v.cv, 0, MAX_CV);
    if (typeof v.seed !== 'string') fail('INVALID_TYPE', 'mine.gradeVariability.seed', v.seed, 'a string');
    seed = v.seed;
    period = integer('mine.gradeVariability.period', v.period ?? 0, 0);
  }

  const dist = normaliseDistribution(deposit.distribution.value, 'mine.deposit.distribution.value');
  const grade = deposit.grade.value;
  const th = deposit.thorium?.value ?? 0;
  const u = deposit.uranium?.value ?? 0;
  const other = ASSAY.map((s) => deposit.assay?.[s]?.value ?? 0);
  const mineralised = grade + th + u;
  const assaySum = finite('mine.deposit', mineralised + other.reduce((a, b) => a + b, 0));
  if (assaySum > 1) {
    fail(
      'INFEASIBLE',
      'mine.deposit',
      assaySum,
      'assay items (TREO, ThO2, U3O8, Fe2O3, CaO, Al2O3) summing to <= 1',
    );
  }
  const drawn = lognormalFactor(cv, seed, period);
  const cap = mineralised > 0 ? (1 - (assaySum - mineralised)) / mineralised : 1;
  const factor = Math.min(drawn, cap);

  // Oxide-basis flows (kg/h) of the dry delivered ore, converted to element mass.
  const dry = oreRate * 1000;
  const keep = 1 - dilution;
  const amounts = perSpecies(0);
  const put = (s: ElementSymbol, oxide: number) => {
    amounts[SPECIES_INDEX[s]] = oxide / oxideFactor(s);
  };
  for (const s of RARE_EARTHS) put(s, dry * grade * factor * keep * dist[s]);
  put('Th', dry * th * factor * keep);
  put('U', dry * u * factor * keep);
  ASSAY.forEach((s, i) => {
    put(s, dry * (other[i] ?? 0) * keep);
  });
  // Gangue closes the dry total (to within rounding).
  amounts[GANGUE] = 0;
  amounts[GANGUE] = Math.max(0, dry - total({ form: 'ore', amounts }));
  amounts[WATER] = (dry * moisture) / (1 - moisture);
  const ore: Stream = withAmounts('ore', amounts, { compound: 'mineral' });

  const treoRate = treo(ore);
  const sourceNote = `${deposit.grade.source}, ${deposit.grade.basis}, ${deposit.grade.confidence}`;
  return finishUnit('mine', {
    inlets: [],
    added: { 'in-situ ore': ore },
    outlets: { ore },
    energy: energyPerTonne * oreRate,
    figures: {
      headGrade: treoRate / dry,
      oreRate,
      wetOreRate: oreRate / (1 - moisture),
      treoRate,
      gradeFactor: factor,
      dilution,
    },
    notes: [
      `${deposit.name} (${deposit.id}): grade ${grade} TREO (${sourceNote}); distribution normalised to 1`,
      ...(deposit.proxy ? [`PROXY deposit: ${deposit.note}`] : []),
      `dilution ${dilution} (waste is all gangue); moisture ${moisture} of wet ore${p.moisture === undefined ? ' (assumed)' : ''}`,
      cv > 0
        ? `head grade x lognormal factor ${factor.toFixed(4)} (cv ${cv}, seed '${seed}:${period}')${factor < drawn ? ', capped at 100 % assay' : ''}`
        : 'no grade variability',
      `energy ${energyPerTonne} kWh/t${p.energyPerTonne === undefined ? ' (reesim assumed default)' : ''}`,
    ],
  });
}

/** Flowsheet definition of {@link mine}: no inlets, outlet `ore`. */
export const mineUnit: UnitDefinition<MineParams, 'ore'> = {
  kind: 'mine',
  inlets: [],
  outlets: ['ore'],
  outletForms: { ore: 'ore' },
  run: (_inlets, params) => mine(params),
};
