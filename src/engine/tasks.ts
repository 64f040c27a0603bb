/**
 * Built-in tasks: reesim's own models by name, so a study needs no task file. Each takes the model's spec
 * (plain data) as its input and returns the model's result.
 */
import type { ScenarioKind } from '../scenario/kinds.js';
import { ASYNC_MODELS, MODEL_NAMES, MODEL_REGISTRY, type ModelName } from '../study/models.js';
import { type MonteCarloBatchInput, monteCarloBatch, monteCarloBatchAsync } from '../study/monteCarlo.js';
import { type SweepBatchInput, sweepBatch, sweepBatchAsync } from '../study/sweep.js';
import { batchGenerator } from './context.js';
import type { Task } from './types.js';

/**
 * A model's task: one scenario, or an array of scenarios (a batch of many runs: the way to amortise the
 * pool's ~0.1 ms per batch) and then an array of results (awaited together for a model that returns
 * promises).
 */
function modelTask(name: ModelName): Task {
  const { run, async } = MODEL_REGISTRY[name];
  return (input) => {
    if (!Array.isArray(input)) return run(input);
    const results = input.map((s) => run(s));
    return async ? Promise.all(results) : results;
  };
}

/** Whether a study batch names a model that returns promises. */
function isAsync(input: unknown): boolean {
  const model = (input as { model?: unknown } | null)?.model;
  return typeof model === 'string' && ASYNC_MODELS.has(model as ModelName);
}

/** Built-in tasks by name: every model, and the two studies (a kind without a task does not compile). */
export const builtinTasks: Readonly<Record<ScenarioKind, Task>> = {
  ...(Object.fromEntries(MODEL_NAMES.map((name) => [name, modelTask(name)])) as Record<ModelName, Task>),
  // Studies of models that return promises (supply-chain) take the async path; the rest stay synchronous.
  // A piece of a batch draws from its batch's generator.
  'monte-carlo': ((input: MonteCarloBatchInput, ctx) => {
    const c =
      typeof input?.batch === 'number' ? { ...ctx, random: batchGenerator(ctx.seed, input.batch) } : ctx;
    return isAsync(input) ? monteCarloBatchAsync(input, c) : monteCarloBatch(input, c);
  }) as Task,
  sweep: ((input: SweepBatchInput, ctx) =>
    isAsync(input) ? sweepBatchAsync(input, ctx) : sweepBatch(input, ctx)) as Task,
};

/** The task a run names: a built-in, or the default export of a module (URL or absolute path). */
export async function resolveTask(task: string): Promise<Task> {
  if (Object.hasOwn(builtinTasks, task)) return builtinTasks[task as ScenarioKind];
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
