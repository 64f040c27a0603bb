/**
 * Parameter sweeps over a built-in model: a list of points (values of named parameters, set into a base
 * scenario by path), the model run at each, chosen outputs recorded. Pure: the batch task the engine runs
 * on worker threads (see the engine's `sweep` for the orchestration).
 */
import { fail } from '../core/errors.js';
import { finite, integer, isRecord, knownKeys, oneOf, record } from '../core/validate.js';
import {
  ASYNC_MODELS,
  evaluatePoint,
  evaluatePointAsync,
  MODEL_NAMES,
  type ModelName,
  models,
  type RunTable,
  RunTableBuilder,
} from './models.js';
import { checkNumericPath, checkPathList } from './paths.js';

/** One swept parameter: its path in the base scenario and the values it takes. */
export interface SweepAxis {
  readonly path: string;
  readonly values: readonly number[];
}

/** Points of a sweep: `points[k][i]` is the value of `parameters[i]` at point k. */
export interface SweepPoints {
  readonly parameters: readonly string[];
  readonly points: readonly (readonly number[])[];
}

/** A sweep: the model, its base scenario, the points and the outputs to record (paths into the result). */
export interface SweepStudy extends SweepPoints {
  readonly model: ModelName;
  readonly base: unknown;
  readonly outputs: readonly string[];
}

/** The input of one sweep batch: the study's points `first` onwards (their numbers in the whole sweep). */
export interface SweepBatchInput extends SweepStudy {
  readonly first?: number;
}

/** Most points in one sweep. */
export const MAX_POINTS = 1_000_000;

function checkAxes(value: unknown): { paths: string[]; values: number[][] } {
  if (!Array.isArray(value) || value.length === 0)
    fail('INVALID_TYPE', 'axes', value, 'an array of { path, values }');
  const axes = value.map((a: unknown, i) => {
    const at = `axes[${i}]`;
    const r = record(at, a, '{ path, values }');
    knownKeys(at, r, ['path', 'values']);
    if (!Array.isArray(r.values) || r.values.length === 0 || r.values.length > MAX_POINTS)
      fail('INVALID_TYPE', `${at}.values`, r.values, `an array of 1 to ${MAX_POINTS} numbers`);
    return { path: r.path, values: r.values.map((x: unknown, k) => finite(`${at}.values[${k}]`, x)) };
  });
  return {
    paths: checkPathList(
      'axes.path',
      axes.map((a) => a.path),
    ),
    values: axes.map((a) => a.values),
  };
}

/**
 * The points of a full factorial grid (cartesian product) over the axes; the first axis varies slowest.
 *
 * @throws ReesimError for a bad axis, or OUT_OF_RANGE beyond 1,000,000 points
 * @example
 * ```ts
 * gridPoints([{ path: 'a', values: [1, 2] }, { path: 'b', values: [10, 20, 30] }]).points.length; // 6
 * gridPoints([{ path: 'a', values: [1, 2] }, { path: 'b', values: [10, 20] }]).points; // [[1, 10], [1, 20], [2, 10], [2, 20]]
 * ```
 */
export function gridPoints(axes: readonly SweepAxis[]): SweepPoints {
  const { paths, values } = checkAxes(axes);
  const count = values.reduce((n, v) => n * v.length, 1);
  if (count > MAX_POINTS) fail('OUT_OF_RANGE', 'axes', count, `a grid of at most ${MAX_POINTS} points`);
  let points: number[][] = [[]];
  for (const v of values) points = points.flatMap((p) => v.map((x) => [...p, x]));
  return { parameters: paths, points };
}

/**
 * The points of a list sweep: the axes' values taken together, k-th with k-th (all axes the same length).
 *
 * @throws ReesimError for a bad axis, or OUT_OF_RANGE when the axes differ in length
 * @example
 * ```ts
 * listPoints([{ path: 'a', values: [1, 2] }, { path: 'b', values: [10, 20] }]).points; // [[1, 10], [2, 20]]
 * ```
 */
export function listPoints(axes: readonly SweepAxis[]): SweepPoints {
  const { paths, values } = checkAxes(axes);
  const n = (values[0] as number[]).length;
  values.forEach((v, i) => {
    if (v.length !== n) fail('OUT_OF_RANGE', `axes[${i}].values`, v, `${n} values, as many as axes[0]`);
  });
  return {
    parameters: paths,
    points: Array.from({ length: n }, (_, k) => values.map((v) => v[k] as number)),
  };
}

/**
 * Checks a sweep (or, with `what: 'batch'`, a batch input, which may also carry `first`; a sweep with it
 * is refused, `UNKNOWN_KEY`, since it would be ignored).
 *
 * **The user specifies** `model` (one of {@link MODEL_NAMES}), `base` (plain data), `parameters` (paths
 * that hold numbers in `base`), `points` (1 to 1,000,000 rows of finite numbers, one per parameter),
 * `outputs` (paths into the model's result).
 *
 * @throws ReesimError naming the first bad field
 * @example
 * ```ts
 * const grid = gridPoints([{ path: 'equilibrium.D.A', values: [1, 2, 3] }]);
 * const base = { stages: { extraction: 1 }, feed: { flows: { A: 1 }, volume: 1 }, organic: { volume: 1 },
 *   equilibrium: distribution({ A: 1 }) };
 * checkSweepStudy({ model: 'cascade', base, ...grid, outputs: ['converged'] }).points.length; // 3
 * ```
 */
export function checkSweepStudy<T extends SweepStudy | SweepBatchInput>(
  study: T,
  what: 'study' | 'batch' = 'study',
): T {
  const s = record('study', study, 'a sweep study');
  // A batch's `first` is not a study's: in a study it would be ignored.
  knownKeys('study', s, [
    'model',
    'base',
    'parameters',
    'points',
    'outputs',
    ...(what === 'batch' ? ['first'] : []),
  ]);
  const model = oneOf('study.model', s.model, MODEL_NAMES);
  if (!isRecord(s.base)) fail('INVALID_TYPE', 'study.base', s.base, "the model's scenario (an object)");
  const parameters = checkPathList('study.parameters', s.parameters);
  parameters.forEach((p, i) => {
    checkNumericPath(`study.parameters[${i}]`, s.base, p);
  });
  const list: unknown = s.points;
  if (!Array.isArray(list) || list.length === 0 || list.length > MAX_POINTS)
    fail('INVALID_TYPE', 'study.points', list, `an array of 1 to ${MAX_POINTS} points`);
  const points = list.map((row: unknown, k) => {
    if (!Array.isArray(row) || row.length !== parameters.length)
      fail('INVALID_TYPE', `study.points[${k}]`, row, `an array of ${parameters.length} numbers`);
    return row.map((x: unknown, i) => finite(`study.points[${k}][${i}]`, x));
  });
  const outputs = checkPathList('study.outputs', s.outputs);
  const first = s.first === undefined ? undefined : integer('study.first', s.first, 0);
  return {
    model,
    base: s.base,
    parameters,
    points,
    outputs,
    ...(first === undefined ? {} : { first }),
  } as unknown as T;
}

/**
 * One batch of a sweep: runs the model at each point (the base scenario with the point's values set at
 * the parameters' paths) and reads the outputs (booleans as 0/1). A point whose model throws is recorded
 * in `failures` with its values; the batch goes on. Uses no randomness.
 *
 * @example
 * ```ts
 * const base = { stages: { extraction: 1 }, feed: { flows: { A: 1 }, volume: 1 }, organic: { volume: 1 },
 *   equilibrium: distribution({ A: 1 }) };
 * const t = sweepBatch({ model: 'cascade', base, parameters: ['equilibrium.D.A'], points: [[1], [3]],
 *   outputs: ['loadedOrganic.flows.A'] });
 * t.outputs; // [[0.5], [0.75]]
 * ```
 */
export function sweepBatch(input: SweepBatchInput, _ctx?: unknown): RunTable {
  const study = checkSweepStudy(input, 'batch');
  if (ASYNC_MODELS.has(study.model))
    fail('INVALID_TYPE', 'study.model', study.model, 'a synchronous model here (use sweepBatchAsync)');
  const rows = new RunTableBuilder();
  study.points.forEach((point, k) => {
    const outcome = evaluatePoint(models[study.model], study.base, study.parameters, point, study.outputs);
    rows.add((study.first ?? 0) + k, point, outcome);
  });
  return rows.table;
}

/**
 * {@link sweepBatch} for any model, including those that return a promise (the `supply-chain` model):
 * the points in order, each run awaited before the next.
 *
 * @example
 * ```ts
 * const base = { stages: { extraction: 1 }, feed: { flows: { A: 1 }, volume: 1 }, organic: { volume: 1 },
 *   equilibrium: distribution({ A: 1 }) };
 * const t = await sweepBatchAsync({ model: 'cascade', base, parameters: ['equilibrium.D.A'], points: [[1], [3]],
 *   outputs: ['loadedOrganic.flows.A'] });
 * t.outputs; // [[0.5], [0.75]]
 * ```
 */
export async function sweepBatchAsync(input: SweepBatchInput, _ctx?: unknown): Promise<RunTable> {
  const study = checkSweepStudy(input, 'batch');
  const rows = new RunTableBuilder();
  for (const [k, point] of study.points.entries()) {
    const outcome = await evaluatePointAsync(
      models[study.model],
      study.base,
      study.parameters,
      point,
      study.outputs,
    );
    rows.add((study.first ?? 0) + k, point, outcome);
  }
  return rows.table;
}

/**
 * Splits a sweep into batch inputs of a fixed size (the last may be smaller), in point order.
 *
 * @example
 * ```ts
 * const base = { stages: { extraction: 1 }, feed: { flows: { A: 1 }, volume: 1 }, organic: { volume: 1 },
 *   equilibrium: distribution({ A: 1 }) };
 * const grid = gridPoints([{ path: 'equilibrium.D.A', values: [1, 2, 3, 4, 5] }]);
 * sweepBatches({ model: 'cascade', base, ...grid, outputs: ['converged'] }, 2).map((b) => b.first); // [0, 2, 4]
 * ```
 */
export function sweepBatches(study: SweepStudy, batchSize: number): SweepBatchInput[] {
  const s = checkSweepStudy(study);
  const size = integer('batchSize', batchSize, 1);
  const out: SweepBatchInput[] = [];
  for (let first = 0; first < s.points.length; first += size) {
    out.push({ ...s, points: s.points.slice(first, first + size), first });
  }
  return out;
}

/** Result of `sweep` (engine): the run table (`runs` are point numbers) and its column names. */
export interface SweepResult extends RunTable {
  /** Names of the columns of `inputs` (parameter paths) and `outputs` (output paths). */
  readonly columns: { readonly inputs: readonly string[]; readonly outputs: readonly string[] };
  readonly batchSize: number;
  /** Batches run (those of the shard, with `shard`). */
  readonly batches: number;
}
