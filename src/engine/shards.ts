/**
 * Shards: a deterministic slice of a study per machine (a Kubernetes indexed Job, a Slurm array), and the
 * merge that joins the slices into exactly the single-machine result.
 */
import { fail } from '../core/errors.js';
import { integer, isRecord } from '../core/validate.js';
import type { BatchResult, Shard } from './types.js';

/** Checks a shard: integers with 0 <= index < count. */
export function checkShard(value: unknown): Shard {
  if (!isRecord(value)) fail('INVALID_TYPE', 'runBatches.shard', value, '{ index, count }');
  const count = integer('runBatches.shard.count', value.count, 1);
  const index = integer('runBatches.shard.index', value.index, 0);
  if (index >= count)
    fail('OUT_OF_RANGE', 'runBatches.shard.index', index, `an integer in [0, ${count - 1}]`);
  return { index, count };
}

/** Whether batch `i` belongs to `shard` (round-robin: i mod count = index). */
export function inShard(i: number, shard: Shard | undefined): boolean {
  return shard === undefined || i % shard.count === shard.index;
}

/**
 * Joins shard results into the single-machine result: every batch 0..total−1 exactly once, in index order.
 *
 * @throws ReesimError `MISSING` for a batch no shard holds, `INFEASIBLE` for a batch two shards hold
 * @example
 * ```ts
 * const a = [{ index: 0, state: 'completed', value: 'x' }] as const;
 * const b = [{ index: 1, state: 'completed', value: 'y' }] as const;
 * mergeShards([b, a], 2).map((r) => r.index); // [0, 1]
 * ```
 */
export function mergeShards<O>(
  parts: readonly (readonly BatchResult<O>[])[],
  total: number,
): BatchResult<O>[] {
  const n = integer('mergeShards.total', total, 0);
  const out: (BatchResult<O> | undefined)[] = new Array(n).fill(undefined);
  for (const part of parts) {
    for (const r of part) {
      if (!(Number.isInteger(r.index) && r.index >= 0 && r.index < n))
        fail('OUT_OF_RANGE', 'mergeShards.parts.index', r.index, `a batch index in [0, ${n - 1}]`);
      if (out[r.index] !== undefined)
        fail('INFEASIBLE', `mergeShards.parts[${r.index}]`, r.index, 'each batch in exactly one shard');
      out[r.index] = r;
    }
  }
  const missing = out.indexOf(undefined);
  if (missing >= 0)
    fail('MISSING', `mergeShards.parts[${missing}]`, undefined, `batch ${missing} from some shard`);
  return out as BatchResult<O>[];
}
