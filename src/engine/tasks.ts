/**
 * Built-in tasks: reesim's own models by name, so a study needs no task file. Each takes the model's spec
 * (plain data) as its input and returns the model's result.
 */
import { simulateFlowsheet } from '../flowsheet/simulate.js';
import { designCascade } from '../sx/designCascade.js';
import { simulateCascadeDynamics } from '../sx/dynamics.js';
import { designSeparationTrain } from '../sx/separationTrain.js';
import { simulateCascade } from '../sx/simulateCascade.js';
import type { Task } from './types.js';

/** Built-in tasks by name. */
export const builtinTasks: Readonly<Record<string, Task>> = {
  cascade: (input) => simulateCascade(input as Parameters<typeof simulateCascade>[0]),
  'cascade-dynamics': (input) => {
    const { spec, options } = input as {
      spec: Parameters<typeof simulateCascadeDynamics>[0];
      options: Parameters<typeof simulateCascadeDynamics>[1];
    };
    return simulateCascadeDynamics(spec, options);
  },
  design: (input) => designCascade(input as Parameters<typeof designCascade>[0]),
  train: (input) => designSeparationTrain(input as Parameters<typeof designSeparationTrain>[0]),
  flowsheet: (input) => simulateFlowsheet(input as Parameters<typeof simulateFlowsheet>[0]),
};

/** The task a run names: a built-in, or the default export of a module (URL or absolute path). */
export async function resolveTask(task: string): Promise<Task> {
  const builtin = builtinTasks[task];
  if (builtin) return builtin;
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
