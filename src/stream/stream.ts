/**
 * A stream: plain, structured-cloneable data describing material flowing between unit operations.
 *
 * **Basis.** `amounts[i]` is the mass flow of species `SPECIES[i]` in **kg/h on the element (metal) basis**:
 * 10 kg/h of Nd means 10 kg/h of neodymium atoms, whether they are in bastnäsite, in solution as NdCl3, in an
 * oxalate or as Nd2O3. Element mass is what chemistry conserves, so every unit balances exactly on this basis.
 * `Gangue` is the mass of all untracked solid matter (silicates, carbonates, barite, the anions of the
 * minerals, ...) and `H2O` the mass of water. Oxide-basis figures (TREO, grades, purities) are derived with
 * the oxide factors of the reported oxides.
 */

import { isSpecies, SPECIES, SPECIES_COUNT, SPECIES_INDEX, type Species } from '../chemistry/species.js';
import { fail } from '../core/errors.js';
import { isRecord } from '../core/validate.js';

/** Physical form of a stream's material. It decides which basis purities and totals are reported on. */
export type StreamForm =
  | 'ore'
  | 'concentrate'
  | 'residue'
  | 'solution'
  | 'precipitate'
  | 'oxide'
  | 'metal'
  | 'salt'
  | 'gas';

/** Every stream form. */
export const STREAM_FORMS: readonly StreamForm[] = [
  'ore',
  'concentrate',
  'residue',
  'solution',
  'precipitate',
  'oxide',
  'metal',
  'salt',
  'gas',
];

/** Chemical compound the rare earths are held in, where a unit needs to know it. */
export type Compound =
  | 'mineral'
  | 'chloride'
  | 'sulfate'
  | 'hydroxide'
  | 'oxalate'
  | 'carbonate'
  | 'oxide'
  | 'fluoride'
  | 'metal';

/** A material stream (see the module notes for the basis). */
export interface Stream {
  readonly form: StreamForm;
  /** kg/h per species, element basis, in `SPECIES` order; every entry finite and >= 0. */
  readonly amounts: readonly number[];
  /** What compound the rare earths are held in, if known. */
  readonly compound?: Compound;
  /** Unreacted reagents carried along (e.g. free HCl in a leach liquor), kg/h by reagent name. */
  readonly reagents?: Readonly<Record<string, number>>;
}

/** Options for {@link makeStream}. */
export interface StreamOptions {
  readonly compound?: Compound;
  readonly reagents?: Readonly<Record<string, number>>;
}

/** A species -> kg/h record, as accepted by {@link makeStream}. */
export type Composition = Partial<Record<Species, number>>;

/**
 * Makes a stream from a record of species flows (kg/h, element basis); absent species are zero.
 *
 * @param form physical form of the material
 * @param composition kg/h per species, e.g. `{ Nd: 10, Pr: 3, H2O: 500 }`
 * @throws ReesimError `UNKNOWN_KEY` for a species reesim does not track, `OUT_OF_RANGE`/`NOT_FINITE` for a bad flow
 * @example
 * ```ts
 * const liquor = makeStream('solution', { La: 12, Ce: 20, Nd: 8, H2O: 1000 }, { compound: 'chloride' });
 * amount(liquor, 'Ce'); // 20
 * ```
 */
export function makeStream(form: StreamForm, composition: Composition, options: StreamOptions = {}): Stream {
  checkForm('form', form);
  if (!isRecord(composition)) fail('INVALID_TYPE', 'composition', composition, 'a record of species -> kg/h');
  const amounts = new Array<number>(SPECIES_COUNT).fill(0);
  for (const [name, value] of Object.entries(composition)) {
    if (!isSpecies(name))
      fail('UNKNOWN_KEY', `composition.${name}`, name, `a species (${SPECIES.join(', ')})`);
    amounts[SPECIES_INDEX[name]] = checkFlow(`composition.${name}`, value);
  }
  return withAmounts(form, amounts, options);
}

/** Checks a stream form. */
export function checkForm(path: string, form: unknown): StreamForm {
  if (typeof form !== 'string' || !STREAM_FORMS.includes(form as StreamForm)) {
    fail('UNKNOWN_KEY', path, form, `one of ${STREAM_FORMS.join(', ')}`);
  }
  return form as StreamForm;
}

/**
 * An empty stream of the given form.
 *
 * @example
 * ```ts
 * total(emptyStream('solution')); // 0
 * ```
 */
export function emptyStream(form: StreamForm): Stream {
  checkForm('form', form);
  return { form, amounts: new Array<number>(SPECIES_COUNT).fill(0) };
}

/**
 * Builds a stream from a species vector (kg/h in `SPECIES` order). Checks length and values.
 * @throws ReesimError on a wrong length, a negative or non-finite entry
 * @example
 * ```ts
 * const v = new Array(SPECIES_COUNT).fill(0);
 * v[SPECIES_INDEX.La] = 5;
 * amount(streamFromVector('solution', v), 'La'); // 5
 * ```
 */
export function streamFromVector(
  form: StreamForm,
  amounts: readonly number[],
  options: StreamOptions = {},
): Stream {
  checkForm('form', form);
  if (!Array.isArray(amounts) || amounts.length !== SPECIES_COUNT) {
    fail('INVALID_TYPE', 'amounts', amounts, `an array of ${SPECIES_COUNT} numbers in SPECIES order`);
  }
  return withAmounts(
    form,
    Array.from({ length: SPECIES_COUNT }, (_, i) => checkFlow(`amounts.${SPECIES[i]}`, amounts[i])),
    options,
  );
}

/** Internal constructor: assumes `amounts` is valid and owned. */
export function withAmounts(form: StreamForm, amounts: number[], options: StreamOptions = {}): Stream {
  const stream: { -readonly [K in keyof Stream]: Stream[K] } = { form, amounts };
  if (options.compound !== undefined) stream.compound = options.compound;
  if (options.reagents !== undefined) {
    const reagents: Record<string, number> = {};
    for (const [name, value] of Object.entries(options.reagents)) {
      const x = checkFlow(`reagents.${name}`, value);
      if (x > 0) reagents[name] = x;
    }
    if (Object.keys(reagents).length > 0) stream.reagents = reagents;
  }
  return stream;
}

/**
 * Mass flow of one species in a stream, kg/h (element basis).
 * @throws ReesimError `UNKNOWN_KEY` for a name that is not a species
 *
 * @example
 * ```ts
 * amount(makeStream('ore', { Ce: 4 }), 'Ce'); // 4
 * ```
 */
export function amount(stream: Stream, species: Species): number {
  if (!isSpecies(species)) fail('UNKNOWN_KEY', 'species', species, `a species (${SPECIES.join(', ')})`);
  return stream.amounts[SPECIES_INDEX[species]] ?? 0;
}

/**
 * The stream's flows as a record of the non-zero species, kg/h.
 *
 * @example
 * ```ts
 * composition(makeStream('ore', { Ce: 4, Nd: 0 })); // { Ce: 4 }
 * ```
 */
export function composition(stream: Stream): Composition {
  const out: Composition = {};
  stream.amounts.forEach((x, i) => {
    const name = SPECIES[i];
    if (x !== 0 && name !== undefined) out[name] = x;
  });
  return out;
}

/** Largest flow a stream may carry, kg/h (1e12 kg/h is a thousand times world ore output: catches unit slips). */
export const MAX_FLOW = 1e12;

const FLOW = `a number of kg/h in [0, ${MAX_FLOW}]`;

/** Checks one flow value: finite, non-negative and at most {@link MAX_FLOW}. */
export function checkFlow(path: string, value: unknown): number {
  if (typeof value !== 'number') fail('INVALID_TYPE', path, value, FLOW);
  if (!Number.isFinite(value)) fail('NOT_FINITE', path, value, FLOW);
  if (value < 0 || value > MAX_FLOW) fail('OUT_OF_RANGE', path, value, FLOW);
  return value;
}

/**
 * Checks that `value` is a stream (as passed into a unit or helper): a known form, exactly one valid flow
 * per species, and valid carried reagents.
 * @throws ReesimError naming the first bad field
 */
export function checkStream(path: string, value: unknown): Stream {
  if (!isRecord(value) || !Array.isArray(value.amounts)) {
    fail('INVALID_TYPE', path, value, 'a stream ({ form, amounts })');
  }
  if (typeof value.form !== 'string' || !STREAM_FORMS.includes(value.form as StreamForm)) {
    fail('UNKNOWN_KEY', `${path}.form`, value.form, `one of ${STREAM_FORMS.join(', ')}`);
  }
  const amounts: unknown[] = value.amounts;
  if (amounts.length !== SPECIES_COUNT) {
    fail('INVALID_TYPE', `${path}.amounts`, amounts, `an array of ${SPECIES_COUNT} numbers`);
  }
  for (let i = 0; i < SPECIES_COUNT; i++) checkFlow(`${path}.amounts.${SPECIES[i]}`, amounts[i]);
  if (value.reagents !== undefined) {
    if (!isRecord(value.reagents))
      fail('INVALID_TYPE', `${path}.reagents`, value.reagents, 'a record of kg/h');
    for (const [name, x] of Object.entries(value.reagents)) checkFlow(`${path}.reagents.${name}`, x);
  }
  return value as unknown as Stream;
}
