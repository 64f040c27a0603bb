/**
 * The worker side of the batch engine (piscina): runs one batch and returns its outcome as data. Errors
 * are caught here and returned, so their code and path survive the thread boundary; a completed value is
 * V8-serialised here (in parallel, off the main thread), so a value that cannot be cloned is an errored
 * batch rather than a dead worker, and the bytes go to the checkpoint as they are.
 */
import { errorData, taskContext } from './context.js';
import { outcomeOf } from './outcome.js';
import { resolveTask } from './tasks.js';
import type { BatchError, Task } from './types.js';

/** What the main side sends for one batch. */
export interface WorkerRequest {
  readonly task: string;
  readonly input: unknown;
  readonly index: number;
  readonly seed: string;
}

/** What comes back: the value's V8 bytes, or the error. */
export type WorkerReply =
  | { readonly ok: true; readonly v8: Uint8Array }
  | { readonly ok: false; readonly error: BatchError };

const cache = new Map<string, Promise<Task>>();

/** Runs one batch (the piscina handler). */
export default async function runOne(request: WorkerRequest): Promise<WorkerReply> {
  let value: unknown;
  try {
    let task = cache.get(request.task);
    if (!task) {
      task = resolveTask(request.task);
      cache.set(request.task, task);
    }
    value = await (await task)(request.input, taskContext(request.index, request.seed));
  } catch (e) {
    return { ok: false, error: errorData(e) };
  }
  const out = outcomeOf(value);
  return out.ok ? { ok: true, v8: out.v8 } : out;
}
