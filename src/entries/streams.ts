/**
 * `reesim/streams`: the `Stream` (kg/h of each species on the element basis) and its algebra: make, mix,
 * split, partition, scale, balance, and read TREO, purity and oxide compositions.
 *
 * @module reesim/streams
 */

// ── Streams ──────────────────────────────────────────────────────────────────
export { type Balance, balance, sumAmounts } from '../stream/balance.js';
export { type PurityBasis, purity, reoDistribution, total, tre, treo } from '../stream/composition.js';
export { mix } from '../stream/mix.js';
export { fromOxides, type OxideComposition, toOxides } from '../stream/oxides.js';
export { scale } from '../stream/scale.js';
export { type PartitionOptions, partition, split } from '../stream/split.js';
export {
  amount,
  type Composition,
  type Compound,
  composition,
  emptyStream,
  makeStream,
  STREAM_FORMS,
  type Stream,
  type StreamForm,
  type StreamOptions,
  streamFromVector,
} from '../stream/stream.js';
