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

/** The environment variables that carry a machine's index in an array of jobs, by scheduler. */
export const SHARD_INDEX_VARIABLES = [
  'JOB_COMPLETION_INDEX', // Kubernetes Indexed Jobs (from 0)
  'SLURM_ARRAY_TASK_ID', // Slurm job arrays (from SLURM_ARRAY_TASK_MIN)
  'AWS_BATCH_JOB_ARRAY_INDEX', // AWS Batch array jobs (from 0)
] as const;

/**
 * This machine's shard from the index its scheduler gives it: `JOB_COMPLETION_INDEX` (Kubernetes Indexed
 * Jobs), `SLURM_ARRAY_TASK_ID` less `SLURM_ARRAY_TASK_MIN` (Slurm arrays) or `AWS_BATCH_JOB_ARRAY_INDEX`
 * (AWS Batch arrays), and the number of shards (`count`; on Slurm `SLURM_ARRAY_TASK_COUNT` when omitted).
 * Pass it as `shard` to a study; join the shards' results with `mergeShards` (or their run tables with
 * `concatRuns` then `summarise`).
 *
 * @throws ReesimError `MISSING` when no variable is set (or no count), `OUT_OF_RANGE` for an index outside
 *   [0, count)
 * @example
 * ```ts
 * shardFromEnv(4, { JOB_COMPLETION_INDEX: '2' }); // { index: 2, count: 4 }
 * shardFromEnv(undefined, { SLURM_ARRAY_TASK_ID: '7', SLURM_ARRAY_TASK_MIN: '1', SLURM_ARRAY_TASK_COUNT: '10' }).index; // 6
 * ```
 */
export function shardFromEnv(
  count: number | undefined,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Shard {
  const name = SHARD_INDEX_VARIABLES.find((v) => env[v] !== undefined && env[v] !== '');
  if (name === undefined)
    fail('MISSING', 'shardFromEnv', undefined, `one of ${SHARD_INDEX_VARIABLES.join(', ')} set`);
  const read = (variable: string, min = 0) => {
    const text = env[variable] ?? '';
    if (!/^\d+$/.test(text)) fail('INVALID_TYPE', variable, text, 'a non-negative integer');
    return integer(variable, Number(text), min);
  };
  const offset =
    name === 'SLURM_ARRAY_TASK_ID' && env.SLURM_ARRAY_TASK_MIN ? read('SLURM_ARRAY_TASK_MIN') : 0;
  const total =
    count ??
    (name === 'SLURM_ARRAY_TASK_ID' && env.SLURM_ARRAY_TASK_COUNT
      ? read('SLURM_ARRAY_TASK_COUNT', 1)
      : undefined);
  if (total === undefined)
    fail('MISSING', 'shardFromEnv.count', undefined, 'the number of shards (--shards N)');
  return checkShard({ index: read(name) - offset, count: total });
}
