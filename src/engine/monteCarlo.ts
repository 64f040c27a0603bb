/**
 * Monte Carlo studies on the batch engine: the study split into batches of a fixed number of runs, the
 * batches run by {@link runBatches} (task `monte-carlo`), the run tables joined in batch order and
 * summarised.
 */
import { fail } from '../core/errors.js';
import { integer, isRecord, knownKeys, optional } from '../core/validate.js';
import { concatRuns, type RunFailure, type RunTable } from '../study/models.js';
import {
  checkMonteCarloStudy,
  MAX_RUNS,
  type MonteCarloResult,
  type MonteCarloStudy,
  monteCarloBatches,
} from '../study/monteCarlo.js';
import { summarise } from '../study/summary.js';
import { batchesRun, inPieces } from './pieces.js';
import { RUN_OPTIONS, runBatches } from './runBatches.js';
import type { BatchResult, RunBatchesOptions } from './types.js';

export type { MonteCarloResult } from '../study/monteCarlo.js';

/** Default runs (or points) per batch: a fixed number, so results do not depend on the thread count. */
export const DEFAULT_BATCH_SIZE = 25;

/**
 * Options of {@link monteCarlo} and `sweep`: `batchSize` (runs or points per batch, default 25) and the
 * options passed to {@link runBatches} (`threads`, `seed`, `signal`, `onProgress`, `checkpoint`, `shard`,
 * `retries`, `progressBar`).
 */
export interface StudyOptions extends Omit<RunBatchesOptions, 'task'> {
  /**
   * Runs (or points) per batch. With the seed it fixes which generator draws each run, so keep it to
   * reproduce a study; it is never derived from the thread count. Any size runs efficiently on threads
   * (short batches travel to workers in chunks).
   */
  readonly batchSize?: number;
}

/**
 * Checks a study's options and splits them into the batch size, the seed and the options of
 * {@link runBatches} for `task`.
 *
 * @example
 * ```ts
 * studyOptions({ threads: 2 }, 'sweep').batchSize; // 25
 * studyOptions({ seed: 'x' }, 'sweep').run.task; // 'sweep'
 * ```
 */
export function studyOptions(
  options: StudyOptions,
  task: string,
): { run: RunBatchesOptions; batchSize: number; seed: string } {
  if (!isRecord(options)) fail('INVALID_TYPE', 'options', options, 'an options object');
  knownKeys('options', options, ['batchSize', ...RUN_OPTIONS]);
  const { batchSize: size, ...rest } = options;
  const batchSize = optional(size, DEFAULT_BATCH_SIZE, (v) => integer('options.batchSize', v, 1));
  if (batchSize > MAX_RUNS) fail('OUT_OF_RANGE', 'options.batchSize', batchSize, `at most ${MAX_RUNS}`);
  const seed = optional(options.seed, 'reesim', (v) => {
    if (typeof v !== 'string') fail('INVALID_TYPE', 'options.seed', v, 'a string');
    return v;
  });
  return { run: { ...rest, task, seed }, batchSize, seed };
}

/**
 * The run tables of finished inputs (batches or pieces) in input order; one that errored as a whole (its worker died)
 * counts each of its runs as a failure with the batch's error (their inputs are unknown: empty).
 *
 * @param batches each batch's first run number and run count, by batch index
 * @example
 * ```ts
 * const t = batchTables([{ first: 0, count: 2 }], [
 *   { index: 0, state: 'errored', error: { name: 'WorkerError', message: 'worker died' } },
 * ]);
 * t.failures.map((f) => f.run); // [0, 1]
 * ```
 */
export function batchTables(
  batches: readonly { readonly first?: number; readonly count: number }[],
  results: readonly BatchResult<RunTable>[],
): RunTable {
  return concatRuns(
    results.map((r) => {
      if (r.state === 'completed') return r.value;
      const b = batches[r.index] ?? { count: 0 };
      const failures: RunFailure[] = Array.from({ length: b.count }, (_, k) => ({
        run: (b.first ?? 0) + k,
        code: r.error.code ?? r.error.name,
        message: r.error.message,
        inputs: [],
      }));
      return { runs: [], inputs: [], outputs: [], failures };
    }),
  );
}

/**
 * Runs a study's batches (the last ones of a small study in pieces, {@link inPieces}) on `run`'s backend
 * and joins their run tables in run order within what ran; `batches` counts the study's batches with runs
 * in it. `span` gives a batch's first run (or point) and count; `cut` a piece of it.
 */
export async function runStudyBatches<I extends object>(
  studyBatches: readonly I[],
  span: (batch: I) => { readonly first: number; readonly count: number },
  cut: (batch: I, b: number, from: number, to: number) => I,
  run: RunBatchesOptions,
  batchSize: number,
): Promise<{ table: RunTable; batches: number }> {
  const { inputs, spans } = inPieces(studyBatches, span, cut);
  const results = await runBatches<I, RunTable>(inputs, run);
  return {
    table: batchTables(spans, results),
    batches: batchesRun(
      spans,
      results.map((r) => r.index),
      batchSize,
    ),
  };
}

/**
 * Runs a Monte Carlo study (see {@link MonteCarloStudy}): `runs` draws of the parameters, each set into
 * the base scenario and run through the model; outputs summarised (mean, standard deviation, quantiles,
 * 95 % interval of the mean, threshold probabilities, rank-correlation sensitivity and tornado tables).
 *
 * **Determinism.** Runs are split into batches of `batchSize` (default 25); batch b draws from alea
 * seeded `${seed}:${b}`, so the same study, seed and batch size give identical results whatever the
 * thread count. In a study of at most 16 batches the last 8 run in pieces of a fifth (so threads end
 * together), each drawing from its batch's generator: the same results as whole batches. Runs that
 * throw are in `failures` (with their inputs), not fatal; a batch (or piece) whose worker died turns its
 * runs into failures. With `shard`, only that shard's batches and pieces run and are summarised (join the
 * shards' tables with `concatRuns`, then `summarise`, which does not depend on the rows' order; the rows
 * are in run order within a shard, and pieces are dealt to the shards in turn).
 *
 * @throws ReesimError for an invalid study or options (before any run); `ABORTED` when `signal` aborts
 * @example
 * ```ts
 * const base = { stages: { extraction: 1 }, feed: { flows: { A: 1 }, volume: 1 }, organic: { volume: 1 },
 *   equilibrium: distribution({ A: 1 }) };
 * const r = await monteCarlo(
 *   { model: 'cascade', base, runs: 40, outputs: ['loadedOrganic.flows.A'],
 *     parameters: [{ path: 'equilibrium.D.A', distribution: { kind: 'uniform', min: 1, max: 3 } }] },
 *   { threads: 0, seed: 'doc' },
 * );
 * r.summary.succeeded; // 40
 * r.summary.rankCorrelation['loadedOrganic.flows.A']?.['equilibrium.D.A']; // 1 (D/(1 + D) rises with D)
 * ```
 */
export async function monteCarlo(
  study: MonteCarloStudy,
  options: StudyOptions = {},
): Promise<MonteCarloResult> {
  const s = checkMonteCarloStudy(study);
  const { run, batchSize, seed } = studyOptions(options, 'monte-carlo');
  const { table, batches } = await runStudyBatches(
    monteCarloBatches(s, batchSize),
    (b) => ({ first: b.first ?? 0, count: b.runs }),
    (b, batch, skip, to) => ({ ...b, first: (b.first ?? 0) + skip, runs: to - skip, batch, skip }),
    run,
    batchSize,
  );
  return {
    ...table,
    columns: { inputs: s.parameters.map((p) => p.path), outputs: s.outputs },
    summary: summarise(s, table),
    seed,
    batchSize,
    batches,
  };
}
