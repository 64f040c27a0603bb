/**
 * Pieces: a small study's last batches go to the engine cut in pieces, so its threads (or machines) end
 * together. With whole batches, a study ends when its last batch does: on T threads, the others wait for
 * it, on average half a batch each, which is a large share of a study of few batches (a batch of 25
 * supply-chain runs is seconds). Pieces of a fifth of a batch cut that wait fivefold. A piece draws from
 * its batch's generator (after discarding the draws of the runs before it), so a study's results are those
 * of its whole batches, bit for bit. Which batches are cut depends on the study only, never on the thread
 * count, so a checkpoint resumes on any.
 *
 * Only studies of at most {@link FEW_BATCHES} batches are cut: in a study of many short batches the pieces
 * cost more than the wait they save (a 1,000-run cascade Monte Carlo, 40 batches of ~7 ms, took 5-15 %
 * longer on 2 threads in pieces: more messages and a study check per piece; bench/README.md).
 */

/** Studies of at most this many batches run their last ones in pieces. */
export const FEW_BATCHES = 16;

/** How many of a small study's batches, the last ones, go in pieces: enough for up to 9 threads to end together. */
export const TAIL_BATCHES = 8;

/** Pieces per batch cut (each at least one run or point). */
export const PIECES = 5;

/** A run of work units: the whole batches first (each at its own index), then the pieces of the last. */
export interface Pieces<T> {
  /** The inputs to run: the batches that stay whole, then the pieces of the rest in order. */
  readonly inputs: T[];
  /** Each input's first run (or point) and its count, for joining and for the runs of a lost input. */
  readonly spans: { readonly first: number; readonly count: number }[];
}

/**
 * Cuts the last {@link TAIL_BATCHES} of `batches`, when there are at most {@link FEW_BATCHES}, in up to
 * {@link PIECES} pieces each (as even as can be) with `cut(batch, b, from, to)`: the runs `from … to − 1`
 * of batch `b` (counted within the batch). Whole batches keep their index, so they draw from their own
 * generator as before.
 *
 * @example
 * ```ts
 * const batches = Array.from({ length: 10 }, (_, b) => ({ first: 10 * b, count: 10 }));
 * const { spans } = inPieces(batches, (x) => x, (x, _b, from, to) => ({ first: x.first + from, count: to - from }));
 * // 2 batches whole, then 8 × 5 pieces:
 * spans.length; // 42
 * spans[2]; // { first: 20, count: 2 }
 * ```
 */
export function inPieces<T extends object>(
  batches: readonly T[],
  span: (batch: T) => { readonly first: number; readonly count: number },
  cut: (batch: T, b: number, from: number, to: number) => T,
): Pieces<T> {
  const inputs: T[] = [];
  const spans: { first: number; count: number }[] = [];
  const whole = batches.length > FEW_BATCHES ? batches.length : Math.max(0, batches.length - TAIL_BATCHES);
  for (const [b, batch] of batches.entries()) {
    const { first, count } = span(batch);
    const parts = b < whole ? 1 : Math.min(PIECES, count);
    for (let k = 0; k < parts; k++) {
      const from = Math.round((k * count) / parts);
      const to = Math.round(((k + 1) * count) / parts);
      inputs.push(parts === 1 ? batch : cut(batch, b, from, to));
      spans.push({ first: first + from, count: to - from });
    }
  }
  return { inputs, spans };
}

/**
 * How many of the study's batches (by `batchSize`) hold runs of the inputs that ran: the study's batch
 * count, or a shard's (a batch whose pieces ran on several shards counts on each).
 *
 * @example
 * ```ts
 * batchesRun([{ first: 0, count: 25 }, { first: 25, count: 5 }, { first: 30, count: 5 }], [0, 1, 2], 25); // 2
 * ```
 */
export function batchesRun(
  spans: readonly { readonly first: number }[],
  ran: readonly number[],
  batchSize: number,
): number {
  return new Set(ran.map((i) => Math.floor((spans[i]?.first ?? 0) / batchSize))).size;
}
