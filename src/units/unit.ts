/**
 * What every unit operation shares: the result shape, the balance check, and per-species parameters.
 *
 * A unit operation is a pure function `(inlets, params) => { outlets, report }`. It never mutates its
 * inputs, validates every parameter where it enters, and conserves every species exactly: the report's
 * balance covers inlets plus any reagent streams the unit adds (water, calcium, lanthanum) against outlets.
 */

import {
  isSpecies,
  RARE_EARTH_INDICES,
  SPECIES,
  SPECIES_COUNT,
  SPECIES_INDEX,
  type Species,
} from '../chemistry/species.js';
import { fail } from '../core/errors.js';
import { fraction, isRecord } from '../core/validate.js';
import { type Balance, balance } from '../stream/balance.js';
import { checkStream, type Stream, type StreamForm } from '../stream/stream.js';

/** Largest balance residual a unit may report; above it the unit throws `BALANCE_VIOLATION` (a bug). */
export const UNIT_BALANCE_TOLERANCE = 1e-9;

/** The evidence and consumptions of one unit evaluation. */
export interface UnitReport {
  /** Unit kind, e.g. `beneficiation`. */
  readonly unit: string;
  /** Species balance over inlets + added reagent streams vs outlets. */
  readonly balance: Balance;
  /** Streams of reagents the unit adds that carry tracked species (water, Ca, La), by name. */
  readonly added: Readonly<Record<string, Stream>>;
  /** Reagents consumed, kg/h of pure reagent by name (e.g. `HCl`, `H2C2O4`). */
  readonly reagents: Readonly<Record<string, number>>;
  /** Energy use, kW (kWh per hour of operation). */
  readonly energy: number;
  /** Unit-specific figures (grades, recoveries, cell counts ...), each finite. */
  readonly figures: Readonly<Record<string, number>>;
  /** Assumptions the result depends on, in words. */
  readonly notes: readonly string[];
}

/** Outlets by port name, plus the report. */
export interface UnitResult<O extends string = string> {
  readonly outlets: { readonly [K in O]: Stream };
  readonly report: UnitReport;
}

/** What a unit hands to {@link finishUnit}. */
export interface UnitParts<O extends string> {
  readonly inlets: readonly Stream[];
  readonly added?: Readonly<Record<string, Stream>>;
  readonly outlets: { readonly [K in O]: Stream };
  readonly reagents?: Readonly<Record<string, number>>;
  readonly energy?: number;
  readonly figures?: Readonly<Record<string, number>>;
  readonly notes?: readonly string[];
}

/**
 * Assembles a unit result: computes the balance and checks that no NaN or Infinity leaves the unit.
 * @throws ReesimError `BALANCE_VIOLATION` if a species does not balance or a figure is not finite (a bug)
 */
export function finishUnit<O extends string>(unit: string, parts: UnitParts<O>): UnitResult<O> {
  const added = parts.added ?? {};
  const outlets = Object.values(parts.outlets) as Stream[];
  const result = balance([...parts.inlets, ...Object.values(added)], outlets);
  if (!(result.residual <= UNIT_BALANCE_TOLERANCE)) {
    fail(
      'BALANCE_VIOLATION',
      `${unit}.balance.${result.worst}`,
      result.residual,
      `<= ${UNIT_BALANCE_TOLERANCE}`,
    );
  }
  const reagents = parts.reagents ?? {};
  const figures = parts.figures ?? {};
  const energy = parts.energy ?? 0;
  for (const [path, value] of [
    ...Object.entries(reagents).map(([k, v]) => [`${unit}.reagents.${k}`, v] as const),
    ...Object.entries(figures).map(([k, v]) => [`${unit}.figures.${k}`, v] as const),
    [`${unit}.energy`, energy] as const,
  ]) {
    if (!Number.isFinite(value)) fail('BALANCE_VIOLATION', path, value, 'a finite number (internal error)');
  }
  for (const [port, s] of Object.entries(parts.outlets) as [string, Stream][]) {
    if (s.amounts.some((x) => !(x >= 0 && Number.isFinite(x)))) {
      fail(
        'BALANCE_VIOLATION',
        `${unit}.outlets.${port}`,
        s.amounts,
        'finite non-negative flows (internal error)',
      );
    }
  }
  return {
    outlets: parts.outlets,
    report: { unit, balance: result, added, reagents, energy, figures, notes: parts.notes ?? [] },
  };
}

/** A fraction for every species, or a record of some species with a default for the rest. */
export type SpeciesFractions = number | Partial<Record<Species, number>>;

/**
 * Expands a {@link SpeciesFractions} parameter into one fraction per species (SPECIES order), starting
 * from `defaults` and overriding what the user gave.
 * @throws ReesimError for an unknown species or a value outside [0, 1]
 */
export function speciesFractions(
  path: string,
  value: SpeciesFractions | undefined,
  defaults: readonly number[],
): number[] {
  const out = [...defaults];
  if (value === undefined) return out;
  if (typeof value === 'number') return out.fill(fraction(path, value));
  if (!isRecord(value))
    fail('INVALID_TYPE', path, value, 'a fraction in [0, 1] or a record of species -> fraction');
  for (const [name, f] of Object.entries(value)) {
    if (!isSpecies(name)) fail('UNKNOWN_KEY', `${path}.${name}`, name, `a species (${SPECIES.join(', ')})`);
    out[SPECIES_INDEX[name]] = fraction(`${path}.${name}`, f);
  }
  return out;
}

/** A vector of one value per species. */
export function perSpecies(value: number): number[] {
  return new Array<number>(SPECIES_COUNT).fill(value);
}

/** Sets the entries of `vector` for the given species to `value` and returns it. */
export function setSpecies(vector: number[], species: readonly Species[], value: number): number[] {
  for (const s of species) vector[SPECIES_INDEX[s]] = value;
  return vector;
}

/**
 * A unit operation as flowsheets see it: a kind name, named inlet and outlet ports, and the pure function.
 * Every unit file exports one of these beside its function so that flowsheets stay plain data.
 */
export interface UnitDefinition<P = never, O extends string = string> {
  /** Name used in flowsheets, e.g. `beneficiation`. */
  readonly kind: string;
  /** Inlet port names, in the order the function takes them. */
  readonly inlets: readonly string[];
  /** Outlet port names. */
  readonly outlets: readonly O[];
  /**
   * Form of each outlet where it does not depend on the inlets or parameters. Flowsheets use it to give
   * a recycle's first (empty) tear-stream guess the right form; a port left out is taken to have the form
   * of the unit's first inlet.
   */
  readonly outletForms?: Readonly<Partial<Record<O, StreamForm>>>;
  /** Runs the unit on inlets by port name. */
  readonly run: (inlets: Readonly<Record<string, Stream>>, params: P) => UnitResult<O>;
}

/** The inlet on `port`, or a typed error naming it. */
export function inlet(inlets: Readonly<Record<string, Stream>>, port: string, unit: string): Stream {
  const s = inlets[port];
  if (s === undefined) fail('MISSING', `${unit}.inlets.${port}`, undefined, 'a stream');
  return s;
}

/**
 * Checks a unit's feed: a valid stream whose form is one of `forms`.
 * @throws ReesimError `NOT_SUPPORTED` at `<path>.form` naming the accepted forms and `hint`
 */
export function feedOfForm(path: string, feed: unknown, forms: readonly StreamForm[], hint = ''): Stream {
  const s = checkStream(path, feed);
  if (!forms.includes(s.form)) {
    fail(
      'NOT_SUPPORTED',
      `${path}.form`,
      s.form,
      `${forms.map((f) => `'${f}'`).join(', ')}${hint ? ` ${hint}` : ''}`,
    );
  }
  return s;
}

/**
 * A per-species vector: `rareEarths` for every rare earth, `others[s]` for each species named, 0 elsewhere.
 * The one way units build their default fraction vectors.
 *
 * @example
 * ```ts
 * const v = speciesVector(0.95, { Th: 0.02, Ca: 0.5 }); // every rare earth 0.95, Th 0.02, Ca 0.5, the rest 0
 * v[SPECIES_INDEX.Dy]; // 0.95
 * v[SPECIES_INDEX.Fe]; // 0
 * ```
 */
export function speciesVector(
  rareEarths: number,
  others: Readonly<Partial<Record<Species, number>>> = {},
): number[] {
  const v = perSpecies(0);
  for (const i of RARE_EARTH_INDICES) v[i] = rareEarths;
  for (const [s, x] of Object.entries(others)) v[SPECIES_INDEX[s as Species]] = x as number;
  return v;
}

/** A species routing table whose entries are a fraction or the token `metalYield`. */
export type MetalRouting = Readonly<Partial<Record<Species, { readonly value: number | 'metalYield' }>>>;

/**
 * Default fractions to the metal for a reduction unit: `metalYield` for every rare earth except `excluded`
 * (0), and the table's entries for the other species (`'metalYield'` standing for the yield).
 */
export function metalRouting(
  metalYield: number,
  excluded: readonly Species[],
  table: MetalRouting,
): number[] {
  const v = speciesVector(metalYield);
  for (const s of excluded) v[SPECIES_INDEX[s]] = 0;
  for (const [s, d] of Object.entries(table)) {
    if (d) v[SPECIES_INDEX[s as Species]] = d.value === 'metalYield' ? metalYield : d.value;
  }
  return v;
}
