/**
 * What a prepared cascade's solve may change, and its checks: cheap enough for a loop of thousands of
 * solves (no normalisation, no allocation beyond what a bad input reports), strict enough that no NaN,
 * Infinity or unknown species gets into the solve.
 */
import { fail } from '../../core/errors.js';

/**
 * Values by species: a record naming some species (the others keep their prepared value), or an array
 * (or typed array) with one value for every species, in the prepared cascade's `species` order.
 */
export type SpeciesValues = Readonly<Record<string, number>> | ArrayLike<number>;

/** What one solve of a {@link PreparedCascade} changes from the spec it was prepared from (absent: unchanged). */
export interface CascadeChanges {
  /** Feed amounts per unit time, each in [0, 1e12] (the spec's amount unit). */
  readonly feed?: SpeciesValues;
  /** Feed volume flow, in (0, 1e12] (the spec's volume unit). */
  readonly feedVolume?: number;
  /** Organic volume flow entering stage 1, in (0, 1e12]. */
  readonly organicVolume?: number;
  /** Scrub volume flow, in (0, 1e12]; only for a cascade prepared with a scrub stream. */
  readonly scrubVolume?: number;
  /** Distribution ratios C_org/C_aq of every stage (both sections), each in (0, 1e12]. */
  readonly D?: SpeciesValues;
  /** Distribution ratios of the scrub section only (applied after `D`), each in (0, 1e12]. */
  readonly scrubD?: SpeciesValues;
}

/** The inputs of one solve, filled from the prepared values and the changes. */
export interface SolveInputs {
  readonly feed: Float64Array;
  readonly extractionD: Float64Array;
  readonly scrubD: Float64Array;
  feedVolume: number;
  organicVolume: number;
  scrubVolume: number;
}

/** Is `value` an array or a typed array (not a DataView)? */
function isList(value: unknown): value is ArrayLike<unknown> {
  return Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView));
}

/** A number in [0, max] (`open`: in (0, max]), else the typed error for `path`. */
function bounded(path: string, value: unknown, open: boolean, expected: string): number {
  if (typeof value !== 'number') fail('INVALID_TYPE', path, value, expected);
  if (!Number.isFinite(value)) fail('NOT_FINITE', path, value, expected);
  if (!(open ? value > 0 : value >= 0) || value > 1e12) fail('OUT_OF_RANGE', path, value, expected);
  return value;
}

/** Writes checked values by species from `value` into `out` (a record changes only the species it names). */
function speciesValues(
  path: string,
  value: unknown,
  species: readonly string[],
  index: ReadonlyMap<string, number>,
  out: Float64Array,
  open: boolean,
): void {
  const expected = open ? 'a ratio in (0, 1e12]' : 'an amount in [0, 1e12]';
  if (isList(value)) {
    if (value.length !== species.length)
      fail(
        'OUT_OF_RANGE',
        `${path}.length`,
        value.length,
        `${species.length} values, one per species in the order ${species.join(', ')}`,
      );
    for (let i = 0; i < out.length; i++) out[i] = bounded(`${path}[${i}]`, value[i], open, expected);
    return;
  }
  if (typeof value !== 'object' || value === null)
    fail('INVALID_TYPE', path, value, 'a record of species -> number, or an array in species order');
  for (const name of Object.keys(value)) {
    const i = index.get(name);
    if (i === undefined)
      fail('UNKNOWN_KEY', `${path}.${name}`, name, `a species of the cascade (${species.join(', ')})`);
    out[i] = bounded(`${path}.${name}`, (value as Record<string, unknown>)[name], open, expected);
  }
}

const VOLUME = 'a volume flow in (0, 1e12]';

/**
 * Applies `changes` to `inputs` (already holding the prepared values), checking each: a typed error with
 * the path under `changes`, the value and what is allowed.
 */
export function applyChanges(
  changes: unknown,
  species: readonly string[],
  index: ReadonlyMap<string, number>,
  hasScrub: boolean,
  inputs: SolveInputs,
): void {
  if (changes === undefined) return;
  if (typeof changes !== 'object' || changes === null || isList(changes))
    fail('INVALID_TYPE', 'changes', changes, 'an object of changes ({ feed?, D?, organicVolume?, ... })');
  const ch = changes as Record<string, unknown>;
  for (const key of Object.keys(ch)) {
    const v = ch[key];
    if (v === undefined) continue;
    switch (key) {
      case 'feed':
        speciesValues('changes.feed', v, species, index, inputs.feed, false);
        break;
      case 'D':
        // Both sections take the species it names (the others keep their own ratios).
        speciesValues('changes.D', v, species, index, inputs.extractionD, true);
        speciesValues('changes.D', v, species, index, inputs.scrubD, true);
        break;
      case 'scrubD':
        break; // after D, below
      case 'feedVolume':
        inputs.feedVolume = bounded('changes.feedVolume', v, true, VOLUME);
        break;
      case 'organicVolume':
        inputs.organicVolume = bounded('changes.organicVolume', v, true, VOLUME);
        break;
      case 'scrubVolume':
        if (!hasScrub)
          fail(
            'NOT_SUPPORTED',
            'changes.scrubVolume',
            v,
            'no scrub volume: the cascade was prepared without a scrub stream',
          );
        inputs.scrubVolume = bounded('changes.scrubVolume', v, true, VOLUME);
        break;
      default:
        fail(
          'UNKNOWN_KEY',
          `changes.${key}`,
          key,
          'one of feed, feedVolume, organicVolume, scrubVolume, D, scrubD',
        );
    }
  }
  if (ch.scrubD !== undefined)
    speciesValues('changes.scrubD', ch.scrubD, species, index, inputs.scrubD, true);
}
