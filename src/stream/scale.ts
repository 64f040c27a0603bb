/**
 * Scaling a stream.
 */
import { fail } from '../core/errors.js';
import { nonNegative } from '../core/validate.js';
import type { Stream } from './stream.js';
import { checkStream, MAX_FLOW, withAmounts } from './stream.js';

/**
 * Multiplies every flow (and carried reagent) by `factor` >= 0.
 *
 * @throws ReesimError for a negative or non-finite factor
 * @example
 * ```ts
 * amount(scale(makeStream('ore', { Nd: 2 }), 3), 'Nd'); // 6
 * ```
 */
export function scale(stream: Stream, factor: number): Stream {
  checkStream('stream', stream);
  const k = nonNegative('factor', factor);
  const amounts = stream.amounts.map((x) => x * k);
  if (amounts.some((x) => !(x <= MAX_FLOW))) {
    fail('OUT_OF_RANGE', 'factor', factor, `a factor that keeps every flow <= ${MAX_FLOW} kg/h`);
  }
  const reagents = stream.reagents
    ? Object.fromEntries(Object.entries(stream.reagents).map(([n, v]) => [n, v * k]))
    : undefined;
  return withAmounts(stream.form, amounts, {
    ...(stream.compound ? { compound: stream.compound } : {}),
    ...(reagents ? { reagents } : {}),
  });
}
