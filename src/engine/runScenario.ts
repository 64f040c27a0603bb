/**
 * Running a loaded scenario (see `loadScenario`): the model it names, or its study on the batch engine.
 */

import type { Scenario } from '../scenario/load.js';
import { MODEL_REGISTRY, type ModelName } from '../study/models.js';
import { monteCarlo } from './monteCarlo.js';
import { progressBar } from './progress.js';
import { sweep } from './sweep.js';
import type { Backend, Shard } from './types.js';

/** Options of {@link runScenario}. */
export interface RunScenarioOptions {
  /** Worker threads for studies (default: the engine's, one per core; 0 runs in this thread). */
  readonly threads?: number;
  /** Seed: overrides a Monte Carlo study's seed and a supply-chain run's outage seed (sweeps and the other models draw no numbers). */
  readonly seed?: string;
  /** Draw a progress bar on stderr for long work (default: when stderr is a terminal). */
  readonly progressBar?: boolean;
  readonly signal?: AbortSignal;
  /** Where a study's batches run (`createEngine`, or a queue of machines); not with `threads`. */
  readonly backend?: Backend;
  /** A study's JSON-lines checkpoint (see `runBatches`): a rerun resumes from it. */
  readonly checkpoint?: string;
  /** Run only this slice of a study's batches (see `shardFromEnv`, `mergeShards`). */
  readonly shard?: Shard;
}

/**
 * Runs a scenario and returns the model's result (a `MonteCarloResult` or `SweepResult` for studies).
 * Same scenario and seed, same numbers, on any number of threads.
 *
 * @throws ReesimError from the model (bad input it found, `NOT_CONVERGED`, ...), `ABORTED` when `signal` aborts
 * @example
 * ```ts
 * const text = [
 *   'kind: cascade',
 *   'input:',
 *   '  stages: { extraction: 1 }',
 *   '  feed: { flows: { A: 1 }, volume: 1 }',
 *   '  organic: { volume: 1 }',
 *   '  equilibrium: { kind: distribution, D: { A: 1 } }',
 * ].join('\n');
 * const { scenario } = loadScenario(text, 'yaml');
 * const r = (await runScenario(scenario!)) as CascadeResult;
 * r.loadedOrganic.flows.A; // 0.5
 * ```
 */
export async function runScenario(scenario: Scenario, options: RunScenarioOptions = {}): Promise<unknown> {
  const study = {
    ...(options.threads === undefined ? {} : { threads: options.threads }),
    ...(options.progressBar === undefined ? {} : { progressBar: options.progressBar }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    ...(options.backend === undefined ? {} : { backend: options.backend }),
    ...(options.checkpoint === undefined ? {} : { checkpoint: options.checkpoint }),
    ...(options.shard === undefined ? {} : { shard: options.shard }),
  };
  switch (scenario.kind) {
    case 'monte-carlo':
      return monteCarlo(scenario.input, { ...scenario.options, ...study, ...seedOf(options) });
    case 'sweep':
      return sweep(scenario.input, {
        ...(scenario.options.batchSize === undefined ? {} : { batchSize: scenario.options.batchSize }),
        ...study,
      });
    default:
      return runModel(scenario.kind, modelInput(scenario, options), options);
  }
}

/** The input a model scenario gives its model: the seed option replaces a supply-chain run's outage seed. */
function modelInput(scenario: Extract<Scenario, { kind: ModelName }>, options: RunScenarioOptions): unknown {
  if (scenario.kind !== 'supply-chain' || options.seed === undefined) return scenario.input;
  const { scenario: s, options: o } = scenario.input;
  return { scenario: s, options: { ...o, seed: options.seed } };
}

/** Runs one built-in model, drawing its progress (when it reports any) as a bar. */
async function runModel(name: ModelName, input: unknown, options: RunScenarioOptions): Promise<unknown> {
  const model = MODEL_REGISTRY[name];
  if (model.progress === undefined) return model.run(input);
  const bar = progressBar(`reesim ${model.progress}`, options.progressBar);
  try {
    return await model.run(input, (done, total) => bar.update(done, total));
  } finally {
    bar.end();
  }
}

function seedOf(options: RunScenarioOptions): { seed?: string } {
  return options.seed === undefined ? {} : { seed: options.seed };
}
