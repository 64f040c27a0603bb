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
  /**
   * One flag per batch of the run, shared with the main side: {@link RUNNING} while this batch runs,
   * {@link RAN} once its reply is made. A worker holds a second batch behind the one it runs; when the
   * running one kills the worker, the other (waiting, or done with its reply lost with the worker) goes
   * back to the pool without counting as an attempt. The last element is the run's stop flag: once the
   * main side sets it (abort, an error in its callback, the engine closing), a batch that has not started
   * is not run (an errored `WorkerError` reply).
   */
  readonly started?: Int32Array;
}

/** What comes back: the value's V8 bytes, or the error. */
export type WorkerReply =
  | { readonly ok: true; readonly v8: Uint8Array }
  | { readonly ok: false; readonly error: BatchError };

const cache = new Map<string, Promise<Task>>();

/** A batch's flag in {@link WorkerRequest.started}: 0 not started, then running, then its reply made. */
export const RUNNING = 1;
const RAN = 2;

/** The batch this worker runs now (batches run one at a time, asynchronous tasks included). */
let current: Promise<void> = Promise.resolve();

/**
 * Runs one batch (the piscina handler): after the batch before it in this worker has ended, so a batch
 * that waits has its flag unset even when the one before it awaits (a task module still loading, say).
 */
export default function runOne(request: WorkerRequest): Promise<WorkerReply> {
  const { started, index } = request;
  const run = current.then(async (): Promise<WorkerReply> => {
    if (started && Atomics.load(started, started.length - 1) !== 0)
      return {
        ok: false,
        error: {
          name: 'WorkerError',
          message: 'the run stopped, or its engine closed, before this batch started',
        },
      };
    if (started) Atomics.store(started, index, RUNNING);
    const out = await runTask(request);
    if (started) Atomics.store(started, index, RAN);
    return out;
  });
  current = run.then(
    () => {},
    () => {},
  );
  return run;
}

/** The batch's value (V8 bytes) or error. */
async function runTask(request: WorkerRequest): Promise<WorkerReply> {
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
