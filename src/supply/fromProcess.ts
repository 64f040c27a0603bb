/**
 * Facility parameters from reesim's process models: a separation plant's separated elements and
 * per-element recoveries taken from a designed solvent-extraction train, so a supply-chain scenario can
 * carry what a modelled plant actually delivers instead of a typed-in recovery.
 */
import { fail } from '../core/errors.js';
import { fraction, isRecord, knownKeys, optional } from '../core/validate.js';
import type { SeparationTrain } from '../sx/design/separationTrain.js';
import type { Facility } from './types.js';

/** Options of {@link separationFromTrain}. */
export interface SeparationFromTrainOptions {
  /** Least purity for a single-element product to count as a separated oxide (default 0.99). */
  readonly minPurity?: number;
}

const FN = 'separationFromTrain';

/**
 * The `elements` and `recovery` of a separation facility from a separation train (see
 * {@link reesim!designSeparationTrain | designSeparationTrain}): the elements of single-element products
 * at or above `minPurity`, each with its recovery, the share of the element in all the train's products
 * that leaves in its own product.
 * Everything else (mixed concentrates, off-spec products) counts as residue in the supply chain.
 *
 * @throws ReesimError for a result without products or an invalid option
 * @example
 * ```ts
 * const train = designSeparationTrain({ feed: { La: 30, Ce: 50, Nd: 20 }, purity: 0.99 });
 * const sx = separationFromTrain(train);
 * sx.elements; // ['La', 'Ce', 'Nd']
 * (sx.recovery.Nd ?? 0) > 0.98; // true
 * ```
 */
export function separationFromTrain(
  train: SeparationTrain,
  options: SeparationFromTrainOptions = {},
): Required<Pick<Facility, 'elements'>> & { readonly recovery: Readonly<Record<string, number>> } {
  if (!isRecord(options)) fail('INVALID_TYPE', `${FN}.options`, options, '{ minPurity? }');
  knownKeys(`${FN}.options`, options, ['minPurity']);
  const minPurity = optional(options.minPurity, 0.99, (v) => fraction(`${FN}.options.minPurity`, v));
  const products =
    isRecord(train) && Array.isArray(train.products)
      ? (train.products as SeparationTrain['products'])
      : undefined;
  if (!products || products.length === 0)
    fail('INVALID_TYPE', `${FN}.train`, train, 'a designSeparationTrain result with products');
  const total: Record<string, number> = {};
  for (const p of products) {
    for (const [e, v] of Object.entries(p.flows)) total[e] = (total[e] ?? 0) + v;
  }
  const elements: string[] = [];
  const recovery: Record<string, number> = {};
  for (const p of products) {
    const e = p.elements[0];
    if (p.elements.length !== 1 || e === undefined || p.purity < minPurity) continue;
    const all = total[e] ?? 0;
    if (!(all > 0)) continue;
    elements.push(e);
    recovery[e] = (p.flows[e] ?? 0) / all;
  }
  return { elements, recovery };
}
