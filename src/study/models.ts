/**
 * The models a study can run by name (so a study is plain data that crosses to worker threads), and the
 * evaluation of one model run at one point of its parameters, shared by Monte Carlo and sweeps.
 */
import { ReesimError } from '../core/errors.js';
import { simulateFlowsheet } from '../flowsheet/simulate.js';
import type { FlowsheetSpec } from '../flowsheet/spec.js';
import { type SupplyRunOptions, simulateSupplyChain } from '../supply/simulate.js';
import type { SupplyScenario } from '../supply/types.js';
import type { CascadeSpec } from '../sx/cascadeSpec.js';
import { type DesignRequest, designCascade } from '../sx/design/designCascade.js';
import { designSeparationTrain, type SeparationTrainRequest } from '../sx/design/separationTrain.js';
import { type CascadeDynamicsOptions, simulateCascadeDynamics } from '../sx/dynamics/dynamics.js';
import { simulateCascade } from '../sx/steady/simulateCascade.js';
import { type ParallelLinesRequest, parallelLines } from './parallelLines.js';
import { getNumber, setPaths } from './paths.js';

/** Names of the built-in models; see {@link models} for the scenario each takes. */
export const MODEL_NAMES = [
  'cascade',
  'design',
  'train',
  'flowsheet',
  'cascade-dynamics',
  'supply-chain',
  'parallel-lines',
] as const;

/** A built-in model's name. */
export type ModelName = (typeof MODEL_NAMES)[number];

/** The scenario of the `supply-chain` model: a supply-chain scenario and the run options (as the engine's task). */
export interface SupplyChainRun {
  readonly scenario: SupplyScenario;
  readonly options: SupplyRunOptions;
}

/** The scenario of the `cascade-dynamics` model: the cascade and the dynamics options (as the engine's task). */
export interface CascadeDynamicsScenario {
  readonly spec: CascadeSpec;
  readonly options: CascadeDynamicsOptions;
}

/** Progress of one long run: `done` of `total` steps (the model says what a step is). */
export type RunProgress = (done: number, total: number) => void;

/** One built-in model: how a study, the engine and `runScenario` run it. */
export interface ModelEntry {
  /** Runs the model on one plain scenario object, reporting progress when the model has steps to count. */
  readonly run: (scenario: unknown, onProgress?: RunProgress) => unknown;
  /** Whether `run` returns a promise (studies run such models with the async batch functions). */
  readonly async: boolean;
  /** The label of a progress bar of one run, with what it counts (`undefined`: the model reports no progress). */
  readonly progress: string | undefined;
}

/** One entry per model name: a name of {@link MODEL_NAMES} without an entry does not compile. */
export type ModelRegistry = { readonly [K in ModelName]: ModelEntry };

/** The built-in models by name; {@link models}, {@link ASYNC_MODELS}, the engine's tasks and `runScenario` read them. */
export const MODEL_REGISTRY: ModelRegistry = {
  cascade: { run: (s) => simulateCascade(s as CascadeSpec), async: false, progress: undefined },
  design: {
    run: (s, onProgress) =>
      designCascade(
        s as DesignRequest,
        onProgress ? { onProgress: (done, most) => onProgress(done, most) } : {},
      ),
    async: false,
    progress: 'design (simulations)',
  },
  train: {
    run: (s, onProgress) =>
      designSeparationTrain(
        s as SeparationTrainRequest,
        onProgress ? { onProgress: (p) => onProgress(p.cut - 1, p.cuts) } : {},
      ),
    async: false,
    progress: 'train (cuts)',
  },
  flowsheet: { run: (s) => simulateFlowsheet(s as FlowsheetSpec), async: false, progress: undefined },
  'cascade-dynamics': {
    run: (s, onProgress) => {
      const { spec, options } = (s ?? {}) as Partial<CascadeDynamicsScenario>;
      return simulateCascadeDynamics(
        spec as CascadeSpec,
        options as CascadeDynamicsOptions,
        onProgress ? { onProgress: (t, d) => onProgress(Math.round((1000 * t) / d), 1000) } : {},
      );
    },
    async: false,
    progress: 'dynamics',
  },
  'supply-chain': {
    run: (s, onProgress) => {
      const { scenario, options } = (s ?? {}) as Partial<SupplyChainRun>;
      return simulateSupplyChain(
        scenario as SupplyScenario,
        options as SupplyRunOptions,
        onProgress ? { onProgress } : {},
      );
    },
    async: true,
    progress: 'supply chain (months)',
  },
  'parallel-lines': {
    run: (s, onProgress) =>
      parallelLines(
        s as ParallelLinesRequest,
        onProgress ? { onProgress: (done, total) => onProgress(done, total) } : {},
      ),
    async: false,
    progress: 'parallel lines (lines)',
  },
};

/** Models whose runs return a promise (studies run them with the async batch functions; the engine does). */
export const ASYNC_MODELS: ReadonlySet<ModelName> = new Set<ModelName>(
  MODEL_NAMES.filter((name) => MODEL_REGISTRY[name].async),
);

/**
 * The built-in models, each a function of one plain scenario object:
 * `cascade`: {@link simulateCascade} of a {@link CascadeSpec}; `design`: {@link designCascade} of a
 * {@link DesignRequest}; `train`: {@link designSeparationTrain} of a {@link SeparationTrainRequest};
 * `flowsheet`: {@link simulateFlowsheet} of a {@link FlowsheetSpec} (built-in units only);
 * `cascade-dynamics`: {@link simulateCascadeDynamics} of `{ spec, options }`; `supply-chain`:
 * {@link simulateSupplyChain} of `{ scenario, options }` (a {@link SupplyChainRun}; returns a promise, see
 * {@link ASYNC_MODELS}); `parallel-lines`: {@link parallelLines} of a {@link ParallelLinesRequest} (the
 * parallelization study of one base line).
 *
 * @example
 * ```ts
 * const r = models.cascade({
 *   stages: { extraction: 1 },
 *   feed: { flows: { A: 1 }, volume: 1 },
 *   organic: { volume: 1 },
 *   equilibrium: distribution({ A: 1 }),
 * });
 * getNumber(r, 'loadedOrganic.flows.A'); // 0.5
 * ```
 */
export const models: Readonly<Record<ModelName, (scenario: unknown) => unknown>> = Object.fromEntries(
  MODEL_NAMES.map((name) => [name, (s: unknown) => MODEL_REGISTRY[name].run(s)]),
) as Record<ModelName, (scenario: unknown) => unknown>;

/** A run that threw: its number, the error's code (a ReesimError code, else the error's name), message and inputs. */
export interface RunFailure {
  readonly run: number;
  readonly code: string;
  readonly message: string;
  readonly inputs: readonly number[];
}

/**
 * Runs of a study, row by row: `inputs[i]` (one value per parameter) gave `outputs[i]` (one value per
 * output, booleans as 0/1) in run number `runs[i]`. Runs that threw are in `failures` instead.
 */
export interface RunTable {
  readonly runs: readonly number[];
  readonly inputs: readonly (readonly number[])[];
  readonly outputs: readonly (readonly number[])[];
  readonly failures: readonly RunFailure[];
}

/**
 * Runs a model at one point: the base scenario with `values` set at `paths`, then reads `outputs` from its
 * result. Any error (the model's or a missing output) is returned as data, not thrown.
 *
 * @example
 * ```ts
 * const base = {
 *   stages: { extraction: 1 },
 *   feed: { flows: { A: 1 }, volume: 1 },
 *   organic: { volume: 1 },
 *   equilibrium: distribution({ A: 1 }),
 * };
 * const r = evaluatePoint(models.cascade, base, ['equilibrium.D.A'], [3], ['loadedOrganic.flows.A']);
 * 'outputs' in r && r.outputs[0]; // 0.75
 * ```
 */
export function evaluatePoint(
  model: (scenario: unknown) => unknown,
  base: unknown,
  paths: readonly string[],
  values: readonly number[],
  outputs: readonly string[],
): PointOutcome {
  try {
    const result = model(scenarioAt(base, paths, values));
    if (result instanceof Promise) {
      result.catch(() => undefined);
      return {
        code: 'INVALID_TYPE',
        message:
          'the model returned a promise: run it with evaluatePointAsync (monteCarloBatchAsync, sweepBatchAsync)',
      };
    }
    return { outputs: readOutputs(result, outputs) };
  } catch (e) {
    return asFailure(e);
  }
}

/**
 * {@link evaluatePoint} for a model that may return a promise (the `supply-chain` model): awaits the run.
 *
 * @example
 * ```ts
 * const base = {
 *   stages: { extraction: 1 },
 *   feed: { flows: { A: 1 }, volume: 1 },
 *   organic: { volume: 1 },
 *   equilibrium: distribution({ A: 1 }),
 * };
 * const r = await evaluatePointAsync(models.cascade, base, ['equilibrium.D.A'], [3], ['loadedOrganic.flows.A']);
 * 'outputs' in r && r.outputs[0]; // 0.75
 * ```
 */
export async function evaluatePointAsync(
  model: (scenario: unknown) => unknown,
  base: unknown,
  paths: readonly string[],
  values: readonly number[],
  outputs: readonly string[],
): Promise<PointOutcome> {
  try {
    const result = await model(scenarioAt(base, paths, values));
    return { outputs: readOutputs(result, outputs) };
  } catch (e) {
    return asFailure(e);
  }
}

/** What one point gave: its outputs, or the error's code and message. */
export type PointOutcome =
  | { readonly outputs: number[] }
  | { readonly code: string; readonly message: string };

function scenarioAt(base: unknown, paths: readonly string[], values: readonly number[]): unknown {
  return setPaths(
    base,
    paths.map((p, i) => [p, values[i] as number] as const),
    'parameters',
  );
}

function readOutputs(result: unknown, outputs: readonly string[]): number[] {
  return outputs.map((p, i) => getNumber(result, p, `outputs[${i}]`));
}

function asFailure(e: unknown): { code: string; message: string } {
  if (e instanceof ReesimError) return { code: e.code, message: e.message };
  const error = e instanceof Error ? e : new Error(String(e));
  return { code: error.name, message: error.message };
}

/** A run table filled row by row (runs that failed go to its failures). */
export class RunTableBuilder {
  readonly table: { runs: number[]; inputs: number[][]; outputs: number[][]; failures: RunFailure[] } = {
    runs: [],
    inputs: [],
    outputs: [],
    failures: [],
  };

  /** Records run `run` at `values` with its outcome. */
  add(run: number, values: readonly number[], outcome: PointOutcome): void {
    if ('outputs' in outcome) {
      this.table.runs.push(run);
      this.table.inputs.push([...values]);
      this.table.outputs.push(outcome.outputs);
    } else {
      this.table.failures.push({ run, code: outcome.code, message: outcome.message, inputs: [...values] });
    }
  }
}

/**
 * Concatenates run tables in the given order (batches in batch order).
 *
 * @example
 * ```ts
 * const a = { runs: [0], inputs: [[1]], outputs: [[2]], failures: [] };
 * const b = { runs: [1], inputs: [[3]], outputs: [[4]], failures: [] };
 * concatRuns([a, b]).outputs; // [[2], [4]]
 * ```
 */
export function concatRuns(parts: readonly RunTable[]): RunTable {
  return {
    runs: parts.flatMap((p) => p.runs),
    inputs: parts.flatMap((p) => p.inputs),
    outputs: parts.flatMap((p) => p.outputs),
    failures: parts.flatMap((p) => p.failures),
  };
}
