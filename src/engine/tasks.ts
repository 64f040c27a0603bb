/**
 * Built-in tasks: reesim's own models by name, so a study needs no task file. Each takes the model's spec
 * (plain data) as its input and returns the model's result.
 */
import { simulateFlowsheet } from '../flowsheet/simulate.js';
import { ASYNC_MODELS, type ModelName } from '../study/models.js';
import { type MonteCarloBatchInput, monteCarloBatch, monteCarloBatchAsync } from '../study/monteCarlo.js';
import { type SweepBatchInput, sweepBatch, sweepBatchAsync } from '../study/sweep.js';
import { simulateSupplyChain } from '../supply/simulate.js';
import { designCascade } from '../sx/design/designCascade.js';
import { designSeparationTrain } from '../sx/design/separationTrain.js';
import { simulateCascadeDynamics } from '../sx/dynamics/dynamics.js';
import { simulateCascade } from '../sx/steady/simulateCascade.js';
import type { Task } from './types.js';

/**
 * A model task that takes one spec, or an array of specs (a batch of many runs: the way to amortise the
 * pool's ~0.1 ms per batch) and then returns an array of results.
 */
function many<S>(model: (spec: S) => unknown): Task {
  return (input) => (Array.isArray(input) ? input.map((s) => model(s as S)) : model(input as S));
}

/** Whether a study batch names a model that returns promises. */
function isAsync(input: unknown): boolean {
  const model = (input as { model?: unknown } | null)?.model;
  return typeof model === 'string' && ASYNC_MODELS.has(model as ModelName);
}

/** Built-in tasks by name. */
export const builtinTasks: Readonly<Record<string, Task>> = {
  cascade: many(simulateCascade),
  'cascade-dynamics': (input) => {
    const { spec, options } = input as {
      spec: Parameters<typeof simulateCascadeDynamics>[0];
      options: Parameters<typeof simulateCascadeDynamics>[1];
    };
    return simulateCascadeDynamics(spec, options);
  },
  design: many(designCascade),
  train: many(designSeparationTrain),
  flowsheet: many(simulateFlowsheet),
  'supply-chain': (input) => {
    const { scenario, options } = input as {
      scenario: Parameters<typeof simulateSupplyChain>[0];
      options: Parameters<typeof simulateSupplyChain>[1];
    };
    return simulateSupplyChain(scenario, options);
  },
  // Studies of models that return promises (supply-chain) take the async path; the rest stay synchronous.
  'monte-carlo': ((input: MonteCarloBatchInput, ctx) =>
    isAsync(input) ? monteCarloBatchAsync(input, ctx) : monteCarloBatch(input, ctx)) as Task,
  sweep: ((input: SweepBatchInput, ctx) =>
    isAsync(input) ? sweepBatchAsync(input, ctx) : sweepBatch(input, ctx)) as Task,
};

/** The task a run names: a built-in, or the default export of a module (URL or absolute path). */
export async function resolveTask(task: string): Promise<Task> {
  if (Object.hasOwn(builtinTasks, task)) return builtinTasks[task] as Task;
  // A TypeScript task (running from sources) loads through tsx's API: loader hooks given to worker threads
  // through execArgv do not reach modules those workers import dynamically.
  const mod = (
    task.endsWith('.ts') || task.endsWith('.mts')
      ? await (await import('tsx/esm/api')).tsImport(task, import.meta.url)
      : await import(task)
  ) as { default?: unknown };
  if (typeof mod.default !== 'function') {
    throw new TypeError(`runBatches task module ${task} must have a default export (input, ctx) => output`);
  }
  return mod.default as Task;
}
