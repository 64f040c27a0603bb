/**
 * Splitting streams: by one fraction (a splitter) or by a fraction per species (a separator).
 * Both conserve every species exactly: the second outlet is what remains after the first is taken.
 */

import { SPECIES, SPECIES_COUNT } from '../chemistry/species.js';
import { fail } from '../core/errors.js';
import { fraction } from '../core/validate.js';
import type { Compound, Stream, StreamForm } from './stream.js';
import { checkStream, withAmounts } from './stream.js';

function scaleReagents(
  reagents: Readonly<Record<string, number>> | undefined,
  f: number,
): Record<string, number> | undefined {
  if (!reagents) return undefined;
  return Object.fromEntries(Object.entries(reagents).map(([k, v]) => [k, v * f]));
}

function remainingReagents(
  reagents: Readonly<Record<string, number>> | undefined,
  taken: Readonly<Record<string, number>> | undefined,
): Record<string, number> | undefined {
  if (!reagents) return undefined;
  return Object.fromEntries(Object.entries(reagents).map(([k, v]) => [k, v - (taken?.[k] ?? 0)]));
}

/** Where the two outlets of a {@link partition} go. */
export interface PartitionOptions {
  /** Form of the first outlet (default: the feed's). */
  readonly firstForm?: StreamForm;
  /** Form of the second outlet (default: the feed's). */
  readonly secondForm?: StreamForm;
  readonly firstCompound?: Compound;
  readonly secondCompound?: Compound;
  /** Fraction of the carried reagents that goes with the first outlet (default: the water fraction). */
  readonly reagentFraction?: number;
}

/**
 * Sends fraction `fractions[i]` of each species to the first outlet and the rest to the second:
 * the model of every separator (flotation, filtration, leaching, distillation).
 *
 * @param fractions one fraction in [0, 1] per species, in `SPECIES` order
 * @returns `[first, second]`; `first.amounts[i] + second.amounts[i]` equals the feed's within one rounding
 * @throws ReesimError for a wrong length or a fraction outside [0, 1]
 * @example
 * ```ts
 * const f = new Array(SPECIES.length).fill(0.5);
 * const [a, b] = partition(makeStream('ore', { Nd: 2 }), f);
 * amount(a, 'Nd'); // 1
 * ```
 */
export function partition(
  stream: Stream,
  fractions: readonly number[],
  options: PartitionOptions = {},
): [Stream, Stream] {
  checkStream('stream', stream);
  if (!Array.isArray(fractions) || fractions.length !== SPECIES_COUNT) {
    fail('INVALID_TYPE', 'fractions', fractions, `an array of ${SPECIES_COUNT} fractions in SPECIES order`);
  }
  const first = new Array<number>(SPECIES_COUNT);
  const second = new Array<number>(SPECIES_COUNT);
  for (let i = 0; i < SPECIES_COUNT; i++) {
    const f = fraction(`fractions.${SPECIES[i]}`, fractions[i]);
    const x = stream.amounts[i] ?? 0;
    const a = f === 1 ? x : x * f;
    first[i] = a;
    second[i] = x - a;
  }
  const water = stream.amounts[SPECIES_COUNT - 1] ?? 0;
  const rf =
    options.reagentFraction ??
    (water > 0 ? (first[SPECIES_COUNT - 1] ?? 0) / water : (fractions[SPECIES_COUNT - 1] ?? 0));
  const firstReagents = scaleReagents(stream.reagents, fraction('reagentFraction', rf));
  const secondReagents = remainingReagents(stream.reagents, firstReagents);
  const compound = stream.compound;
  const a = withAmounts(options.firstForm ?? stream.form, first, {
    ...((options.firstCompound ?? compound) ? { compound: options.firstCompound ?? compound } : {}),
    ...(firstReagents ? { reagents: firstReagents } : {}),
  });
  const b = withAmounts(options.secondForm ?? stream.form, second, {
    ...((options.secondCompound ?? compound) ? { compound: options.secondCompound ?? compound } : {}),
    ...(secondReagents ? { reagents: secondReagents } : {}),
  });
  return [a, b];
}

/**
 * Splits a stream into two of the same composition: `fraction` of everything to the first.
 *
 * @example
 * ```ts
 * const liquor = makeStream('solution', { Nd: 8, H2O: 1000 }, { compound: 'chloride' });
 * const [bleed, recycle] = split(liquor, 0.1);
 * amount(bleed, 'Nd'); // 0.8
 * amount(recycle, 'H2O'); // 900
 * ```
 */
export function split(stream: Stream, fractionToFirst: number): [Stream, Stream] {
  const f = fraction('fraction', fractionToFirst);
  return partition(stream, new Array<number>(SPECIES_COUNT).fill(f), { reagentFraction: f });
}
