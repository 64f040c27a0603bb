/**
 * Parameter sweeps on the batch engine: the points split into batches of a fixed size, run by
 * {@link runBatches} (task `sweep`), the run tables joined in point order.
 */
import { checkSweepStudy, type SweepResult, type SweepStudy, sweepBatches } from '../study/sweep.js';
import { runStudyBatches, type StudyOptions, studyOptions } from './monteCarlo.js';

export type { SweepResult } from '../study/sweep.js';

/**
 * Runs a sweep (see {@link SweepStudy}; build its points with `gridPoints` or `listPoints`): the model at
 * every point, outputs recorded in point order. Points whose model throws are in `failures`, not fatal.
 * Same options as `monteCarlo` (batch size default 25 points); a sweep draws no random numbers, so its
 * results depend on nothing but the study.
 *
 * @throws ReesimError for an invalid study or options (before any run); `ABORTED` when `signal` aborts
 * @example
 * ```ts
 * const base = { stages: { extraction: 1 }, feed: { flows: { A: 1 }, volume: 1 }, organic: { volume: 1 },
 *   equilibrium: distribution({ A: 1 }) };
 * const grid = gridPoints([{ path: 'equilibrium.D.A', values: [1, 3, 9] }]);
 * const r = await sweep({ model: 'cascade', base, ...grid, outputs: ['loadedOrganic.flows.A'] }, { threads: 0 });
 * r.outputs; // [[0.5], [0.75], [0.9]]
 * ```
 */
export async function sweep(study: SweepStudy, options: StudyOptions = {}): Promise<SweepResult> {
  const s = checkSweepStudy(study);
  const { run, batchSize } = studyOptions(options, 'sweep');
  const { table, batches } = await runStudyBatches(
    sweepBatches(s, batchSize),
    (b) => ({ first: b.first ?? 0, count: b.points.length }),
    (b, _batch, from, to) => ({ ...b, points: b.points.slice(from, to), first: (b.first ?? 0) + from }),
    run,
    batchSize,
  );
  return {
    ...table,
    columns: { inputs: s.parameters, outputs: s.outputs },
    batchSize,
    batches,
  };
}
