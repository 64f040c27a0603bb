/**
 * Splitter: divides one stream into two of the same composition (a bleed, a recycle split, parallel trains).
 *
 * **The user specifies:** `fraction`, the fraction of the feed sent to outlet `first` (the rest goes to `second`).
 */
import { fraction, knownKeys, record } from '../core/validate.js';
import { split } from '../stream/split.js';
import { checkStream, type Stream } from '../stream/stream.js';
import { finishUnit, inlet, type UnitDefinition, type UnitResult } from './unit.js';

/** Parameters of {@link splitter}. */
export interface SplitterParams {
  /** Fraction of every species sent to `first`, in [0, 1]. */
  readonly fraction: number;
}

/**
 * Splits a stream: `fraction` of everything to `first`, the rest to `second`.
 *
 * @example
 * ```ts
 * const liquor = makeStream('solution', { Nd: 8, H2O: 1000 }, { compound: 'chloride' });
 * const { first: bleed, second: recycle } = splitter(liquor, { fraction: 0.1 }).outlets;
 * amount(bleed, 'Nd'); // 0.8
 * amount(recycle, 'H2O'); // 900
 * ```
 */
export function splitter(feed: Stream, params: SplitterParams): UnitResult<'first' | 'second'> {
  checkStream('feed', feed);
  const p = record('splitter', params, 'splitter parameters');
  knownKeys('splitter', p, ['fraction']);
  const f = fraction('splitter.fraction', p.fraction);
  const [first, second] = split(feed, f);
  return finishUnit('splitter', { inlets: [feed], outlets: { first, second }, figures: { fraction: f } });
}

/**
 * The old name of {@link splitter}.
 *
 * @deprecated Renamed `splitter` (a unit's file, kind and function share one name); this alias goes in the
 * next version.
 */
export const splitStream = splitter;

/** Flowsheet definition of {@link splitter}: inlet `feed`, outlets `first` and `second`. */
export const splitterUnit: UnitDefinition<SplitterParams, 'first' | 'second'> = {
  kind: 'splitter',
  inlets: ['feed'],
  outlets: ['first', 'second'],
  run: (inlets, params) => splitter(inlet(inlets, 'feed', 'splitter'), params),
};
