/**
 * Mixing streams.
 */

import { SPECIES_COUNT } from '../chemistry/species.js';
import { fail } from '../core/errors.js';
import {
  type Compound,
  checkForm,
  checkStream,
  type Stream,
  type StreamForm,
  withAmounts,
} from './stream.js';

/** Adds reagent records key by key. */
export function addReagents(
  records: readonly (Readonly<Record<string, number>> | undefined)[],
): Record<string, number> | undefined {
  let out: Record<string, number> | undefined;
  for (const r of records) {
    if (!r) continue;
    out ??= {};
    for (const [k, v] of Object.entries(r)) out[k] = (out[k] ?? 0) + v;
  }
  return out;
}

/**
 * Mixes streams: species flows and carried reagents add. All streams must have the same form unless
 * `form` is given (mixing ore with a concentrate is a choice the caller states). The compound is kept
 * when all streams agree on it.
 *
 * @throws ReesimError `MISSING` for no streams, `INFEASIBLE` for mixed forms without `form`
 * @example
 * ```ts
 * const m = mix([makeStream('solution', { La: 1 }), makeStream('solution', { La: 2, H2O: 10 })]);
 * amount(m, 'La'); // 3
 * ```
 */
export function mix(streams: readonly Stream[], form?: StreamForm): Stream {
  if (!Array.isArray(streams)) fail('INVALID_TYPE', 'streams', streams, 'an array of streams');
  streams.forEach((s, j) => {
    checkStream(`streams[${j}]`, s);
  });
  const first = streams[0];
  if (!first) fail('MISSING', 'streams', streams, 'at least one stream');
  const outForm = form === undefined ? first.form : checkForm('form', form);
  if (form === undefined && streams.some((s) => s.form !== first.form)) {
    fail(
      'INFEASIBLE',
      'streams',
      streams.map((s) => s.form).join(', '),
      'streams of one form, or an explicit form',
    );
  }
  const amounts = new Array<number>(SPECIES_COUNT).fill(0);
  for (const s of streams) {
    for (let i = 0; i < SPECIES_COUNT; i++) amounts[i] = (amounts[i] ?? 0) + (s.amounts[i] ?? 0);
  }
  const compound: Compound | undefined = streams.every((s) => s.compound === first.compound)
    ? first.compound
    : undefined;
  const reagents = addReagents(streams.map((s) => s.reagents));
  return withAmounts(outForm, amounts, {
    ...(compound ? { compound } : {}),
    ...(reagents ? { reagents } : {}),
  });
}
