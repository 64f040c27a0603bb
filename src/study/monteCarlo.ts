/**
 * Monte Carlo over a built-in model: uncertain inputs drawn from distributions, set into a base scenario
 * by path, the model run for each draw, chosen outputs recorded. Pure: the batch task the engine runs on
 * worker threads (see the engine's `monteCarlo` for the orchestration and summaries).
 */
import { fail } from '../core/errors.js';
import { finite, integer, isRecord, knownKeys, nonEmptyString, oneOf, record } from '../core/validate.js';
import { checkDistribution, type Distribution, draw, resolveRelative } from './distributions.js';
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
import { checkNumericPath, checkPathList, getNumber } from './paths.js';
import type { MonteCarloParameter, Threshold } from './studyInputs.js';
import type { MonteCarloSummary } from './summary.js';

export type { MonteCarloParameter, Threshold };

/**
 * A Monte Carlo study: the model, its base scenario, the uncertain inputs, the outputs to record (paths
 * into the model's result; booleans count as 0/1), the number of runs, and optional thresholds whose
 * probability of being met the summary reports.
 */
export interface MonteCarloStudy {
  readonly model: ModelName;
  readonly base: unknown;
  readonly parameters: readonly MonteCarloParameter[];
  readonly outputs: readonly string[];
  readonly runs: number;
  readonly thresholds?: Readonly<Record<string, Threshold>>;
}

/** The input of one Monte Carlo batch: the study's runs `first` to `first + runs − 1` (no thresholds). */
export interface MonteCarloBatchInput extends Omit<MonteCarloStudy, 'thresholds'> {
  /** Number of the batch's first run (default 0): run numbers are global across batches. */
  readonly first?: number;
  /**
   * For a piece of a batch (the engine sends a study's last batches in pieces, src/engine/pieces.ts): the
   * batch it belongs to, whose generator draws its runs (the engine's `monte-carlo` task seeds `ctx.random`
   * with it); default: the input's own index.
   */
  readonly batch?: number;
  /** Runs of its batch before this piece: their draws are made and discarded first (default 0). */
  readonly skip?: number;
}

/** Most runs in one study. */
export const MAX_RUNS = 10_000_000;
/** Most parameters (and most outputs) in one study. */
export const MAX_COLUMNS = 1000;

function checkThresholds(value: unknown, outputs: readonly string[]): Record<string, Threshold> {
  const t = record('study.thresholds', value, 'a record of output path -> { min?, max? }');
  knownKeys('study.thresholds', t, outputs);
  const out: Record<string, Threshold> = {};
  for (const [name, v] of Object.entries(t)) {
    const at = `study.thresholds.${name}`;
    const band = record(at, v, '{ min?, max? }');
    knownKeys(at, band, ['min', 'max']);
    const min = band.min === undefined ? undefined : finite(`${at}.min`, band.min);
    const max = band.max === undefined ? undefined : finite(`${at}.max`, band.max);
    if (min === undefined && max === undefined) fail('MISSING', at, band, 'a min, a max or both');
    if (min !== undefined && max !== undefined && max < min)
      fail('OUT_OF_RANGE', `${at}.max`, max, `a number >= min (${min})`);
    out[name] = { ...(min === undefined ? {} : { min }), ...(max === undefined ? {} : { max }) };
  }
  return out;
}

/**
 * Checks a Monte Carlo study (or, with `what: 'batch'`, a batch input, which may also carry `first`,
 * `batch` and `skip`; a study with them is refused, `UNKNOWN_KEY`, since they would be ignored) and returns
 * it with its distributions normalised.
 *
 * **The user specifies** `model` (one of {@link MODEL_NAMES}), `base` (the model's scenario, plain data),
 * `parameters` (1 to 1,000, each `{ path, distribution }` with a path that holds a number in `base`, no
 * path twice), `outputs` (1 to 1,000 paths into the model's result), `runs` (1 to 1e7), optional
 * `thresholds` by output path.
 *
 * @throws ReesimError naming the first bad field (`study.parameters[1].path`, ...)
 * @example
 * ```ts
 * const study = checkMonteCarloStudy({
 *   model: 'cascade',
 *   base: { stages: { extraction: 1 }, feed: { flows: { A: 1 }, volume: 1 }, organic: { volume: 1 },
 *     equilibrium: distribution({ A: 1 }) },
 *   parameters: [{ path: 'equilibrium.D.A', distribution: { kind: 'uniform', min: 0.5, max: 2 } }],
 *   outputs: ['loadedOrganic.flows.A'],
 *   runs: 100,
 * });
 * study.parameters.length; // 1
 * ```
 */
export function checkMonteCarloStudy<T extends MonteCarloStudy | MonteCarloBatchInput>(
  study: T,
  what: 'study' | 'batch' = 'study',
): T {
  const s = record('study', study, 'a Monte Carlo study');
  // A batch's own fields are not a study's: in a study they would be ignored.
  const batchKeys = what === 'batch' ? ['first', 'batch', 'skip'] : [];
  knownKeys('study', s, ['model', 'base', 'parameters', 'outputs', 'runs', 'thresholds', ...batchKeys]);
  const model = oneOf('study.model', s.model, MODEL_NAMES);
  if (!isRecord(s.base)) fail('INVALID_TYPE', 'study.base', s.base, "the model's scenario (an object)");
  const list: unknown = s.parameters;
  if (!Array.isArray(list) || list.length === 0 || list.length > MAX_COLUMNS)
    fail('INVALID_TYPE', 'study.parameters', list, `an array of 1 to ${MAX_COLUMNS} { path, distribution }`);
  const parameters = list.map((p: unknown, i) => {
    const at = `study.parameters[${i}]`;
    const q = record(at, p, '{ path, distribution }');
    knownKeys(at, q, ['path', 'distribution']);
    const path = nonEmptyString(`${at}.path`, q.path);
    checkNumericPath(`${at}.path`, s.base, path);
    if (list.slice(0, i).some((o: unknown) => isRecord(o) && o.path === path))
      fail('INFEASIBLE', `${at}.path`, path, 'a path not varied by an earlier parameter');
    // A relative width is resolved against the base value here, so the study carries absolute numbers.
    const absolute = resolveRelative(`${at}.distribution`, q.distribution, getNumber(s.base, path));
    return { path, distribution: checkDistribution(`${at}.distribution`, absolute) };
  });
  const outputs = checkPathList('study.outputs', s.outputs);
  const runs = integer('study.runs', s.runs, 1);
  if (runs > MAX_RUNS) fail('OUT_OF_RANGE', 'study.runs', runs, `an integer in [1, ${MAX_RUNS}]`);
  const first = s.first === undefined ? undefined : integer('study.first', s.first, 0);
  const batch = s.batch === undefined ? undefined : integer('study.batch', s.batch, 0);
  const skip = s.skip === undefined ? undefined : integer('study.skip', s.skip, 0);
  if (skip !== undefined && skip > MAX_RUNS) fail('OUT_OF_RANGE', 'study.skip', skip, `at most ${MAX_RUNS}`);
  const thresholds = s.thresholds === undefined ? undefined : checkThresholds(s.thresholds, outputs);
  return {
    model,
    base: s.base,
    parameters,
    outputs,
    runs,
    ...(first === undefined ? {} : { first }),
    ...(batch === undefined ? {} : { batch }),
    ...(skip === undefined ? {} : { skip }),
    ...(thresholds === undefined ? {} : { thresholds }),
  } as unknown as T;
}

/** One run's draws: every parameter from its distribution, in parameter order. */
function drawRun(study: MonteCarloBatchInput, random: () => number): number[] {
  return study.parameters.map((p) => draw(p.distribution as Distribution, random));
}

/** Draws and discards the runs of a piece's batch before it (`skip`), as those runs would draw them. */
function skipRuns(study: MonteCarloBatchInput, random: () => number): void {
  for (let r = 0; r < (study.skip ?? 0); r++) drawRun(study, random);
}

/**
 * One batch of a Monte Carlo study: for each of `input.runs` runs, draws every parameter from its
 * distribution (in parameter order, from `ctx.random` only), sets the draws into a copy of the base
 * scenario, runs the model and reads the outputs. A run whose model throws (not converged, infeasible,
 * an output missing) is recorded in `failures` with its inputs; the batch goes on. Deterministic: the
 * same generator gives the same table. A piece of a batch (`skip` runs of it before this one) first makes
 * and discards those runs' draws, so its runs draw what they draw in the whole batch.
 *
 * @param ctx `random`: the batch's uniform generator in [0, 1) (the engine's `${seed}:${batch index}` alea)
 * @throws ReesimError for an invalid input (the checks `monteCarlo` and {@link monteCarloBatches} run first)
 * @example
 * ```ts
 * const t = monteCarloBatch(
 *   {
 *     model: 'cascade',
 *     base: { stages: { extraction: 1 }, feed: { flows: { A: 1 }, volume: 1 }, organic: { volume: 1 },
 *       equilibrium: distribution({ A: 1 }) },
 *     parameters: [{ path: 'equilibrium.D.A', distribution: { kind: 'discrete', values: [1, 3] } }],
 *     outputs: ['loadedOrganic.flows.A', 'converged'],
 *     runs: 2,
 *   },
 *   { random: () => 0.75 },
 * );
 * t.outputs; // [[0.75, 1], [0.75, 1]]
 * ```
 */
export function monteCarloBatch(
  input: MonteCarloBatchInput,
  ctx: { readonly random: () => number },
): RunTable {
  const study = checkMonteCarloStudy(input, 'batch');
  if (ASYNC_MODELS.has(study.model))
    fail('INVALID_TYPE', 'study.model', study.model, 'a synchronous model here (use monteCarloBatchAsync)');
  const rows = new RunTableBuilder();
  const paths = study.parameters.map((p) => p.path);
  skipRuns(study, ctx.random);
  for (let r = 0; r < study.runs; r++) {
    const values = drawRun(study, ctx.random);
    rows.add(
      (study.first ?? 0) + r,
      values,
      evaluatePoint(models[study.model], study.base, paths, values, study.outputs),
    );
  }
  return rows.table;
}

/**
 * {@link monteCarloBatch} for any model, including those that return a promise (the `supply-chain`
 * model): the same draws in the same order, each run awaited before the next, so the table is the same
 * as the synchronous one for a synchronous model.
 *
 * @example
 * ```ts
 * const t = await monteCarloBatchAsync(
 *   {
 *     model: 'cascade',
 *     base: { stages: { extraction: 1 }, feed: { flows: { A: 1 }, volume: 1 }, organic: { volume: 1 },
 *       equilibrium: distribution({ A: 1 }) },
 *     parameters: [{ path: 'equilibrium.D.A', distribution: { kind: 'discrete', values: [1, 3] } }],
 *     outputs: ['loadedOrganic.flows.A'],
 *     runs: 2,
 *   },
 *   { random: () => 0.75 },
 * );
 * t.outputs; // [[0.75], [0.75]]
 * ```
 */
export async function monteCarloBatchAsync(
  input: MonteCarloBatchInput,
  ctx: { readonly random: () => number },
): Promise<RunTable> {
  const study = checkMonteCarloStudy(input, 'batch');
  const rows = new RunTableBuilder();
  const paths = study.parameters.map((p) => p.path);
  skipRuns(study, ctx.random);
  for (let r = 0; r < study.runs; r++) {
    const values = drawRun(study, ctx.random);
    const outcome = await evaluatePointAsync(models[study.model], study.base, paths, values, study.outputs);
    rows.add((study.first ?? 0) + r, values, outcome);
  }
  return rows.table;
}

/**
 * Splits a study into batch inputs of a fixed size (the last may be smaller), in run order. The batch
 * size, like the seed, fixes which generator draws each run, so it is part of a study's identity: keep
 * it when results must be reproduced (never derive it from the thread count).
 *
 * @example
 * ```ts
 * const base = { stages: { extraction: 1 }, feed: { flows: { A: 1 }, volume: 1 }, organic: { volume: 1 },
 *   equilibrium: distribution({ A: 1 }) };
 * const parameters = [{ path: 'equilibrium.D.A', distribution: { kind: 'uniform', min: 1, max: 2 } }];
 * const study = { model: 'cascade', base, parameters, outputs: ['converged'], runs: 60 } as const;
 * monteCarloBatches(study, 25).map((b) => [b.first, b.runs]); // [[0, 25], [25, 25], [50, 10]]
 * ```
 */
export function monteCarloBatches(study: MonteCarloStudy, batchSize: number): MonteCarloBatchInput[] {
  const s = checkMonteCarloStudy(study);
  const size = integer('batchSize', batchSize, 1);
  const out: MonteCarloBatchInput[] = [];
  for (let first = 0; first < s.runs; first += size) {
    out.push({
      model: s.model,
      base: s.base,
      parameters: s.parameters,
      outputs: s.outputs,
      runs: Math.min(size, s.runs - first),
      first,
    });
  }
  return out;
}

/** Result of `monteCarlo` (engine): the run table, its column names, the summary and what reproduces it. */
export interface MonteCarloResult extends RunTable {
  /** Names of the columns of `inputs` (parameter paths) and `outputs` (output paths). */
  readonly columns: { readonly inputs: readonly string[]; readonly outputs: readonly string[] };
  readonly summary: MonteCarloSummary;
  /** Seed and batch size: with the study, they reproduce the result exactly on any number of threads. */
  readonly seed: string;
  readonly batchSize: number;
  /** Batches run (those of the shard, with `shard`). */
  readonly batches: number;
}
