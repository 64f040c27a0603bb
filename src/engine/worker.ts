/**
 * The worker side of the batch engine (piscina): runs one batch and returns its outcome as data. Errors
 * are caught here and returned, so their code and path survive the thread boundary.
 */
import { errorData, taskContext } from './context.js';
import { resolveTask } from './tasks.js';
import type { BatchError, Task } from './types.js';

/** What the main side sends for one batch. */
export interface WorkerRequest {
  readonly task: string;
  readonly input: unknown;
  readonly index: number;
  readonly seed: string;
}

/** What comes back. */
export type WorkerReply =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly error: BatchError };

const cache = new Map<string, Promise<Task>>();

/** Runs one batch (the piscina handler). */
export default async function runOne(request: WorkerRequest): Promise<WorkerReply> {
  try {
    let task = cache.get(request.task);
    if (!task) {
      task = resolveTask(request.task);
      cache.set(request.task, task);
    }
    const value = await (await task)(request.input, taskContext(request.index, request.seed));
    return { ok: true, value };
  } catch (e) {
    return { ok: false, error: errorData(e) };
  }
}
