/**
 * The worker side of the batch engine (piscina): runs a chunk of batches and returns their outcomes as data
 * in one reply (src/engine/chunks.ts). Errors are caught here and returned, so their code and path survive
 * the thread boundary; a completed value is V8-serialised here (in parallel, off the main thread), so a
 * value that cannot be cloned is an errored batch rather than a dead worker, and the bytes go to the
 * checkpoint as they are.
 */
import { errorData, taskContext } from './context.js';
import { outcomeOf } from './outcome.js';
import { resolveTask } from './tasks.js';
import type { BatchError, Task } from './types.js';

/** What the main side sends: a chunk of one run's batches, run one after another in the order given. */
export interface WorkerRequest {
  readonly task: string;
  readonly batches: readonly { readonly index: number; readonly input: unknown }[];
  readonly seed: string;
  /**
   * Milliseconds the chunk may run: once they are spent, the batches not started go back to the main
   * side (the reply's outcomes stop short). The first batch always starts.
   */
  readonly budget: number;
  /** The chunk's claim token (>= {@link FIRST_TOKEN}): each of its batches' flags holds it until it starts. */
  readonly token: number;
  /**
   * One flag per batch of the run, shared with the main side: the token of the chunk that may start it,
   * then {@link RUNNING} while it runs, {@link RAN} once its outcome is made. A batch starts only if its
   * flag still holds this chunk's token (an atomic compare-and-exchange), so the main side can take back
   * the batches a chunk has not started (to give them to an idle worker) by changing their token. A worker
   * holds a second chunk behind the one it runs; when a batch kills the worker, the others of both chunks
   * (waiting, or done with their outcomes lost with the worker) go back to the pool without counting as an
   * attempt. The last element is the run's stop flag: once the main side sets it (abort, an error in its
   * callback, the engine closing), a batch that has not started is not run (an errored `WorkerError`
   * outcome).
   */
  readonly started?: Int32Array;
}

/** One batch's outcome: the value's V8 bytes, or the error. */
export type BatchReply =
  | { readonly ok: true; readonly v8: Uint8Array }
  | { readonly ok: false; readonly error: BatchError };

/**
 * What comes back for a chunk: the outcomes of its first batches, in its order (all of them unless the
 * budget ran out; `null` for a batch the main side took back), and how long they ran here (ms).
 */
export interface WorkerReply {
  readonly outcomes: readonly (BatchReply | null)[];
  readonly ms: number;
}

const cache = new Map<string, Promise<Task>>();

/** A batch's flag in {@link WorkerRequest.started} while it runs; then {@link RAN} once its outcome is made. */
export const RUNNING = 1;
export const RAN = 2;
/** The smallest claim token of a chunk (flags below it are RUNNING, RAN, or 0: not sent). */
export const FIRST_TOKEN = 3;

const STOPPED: BatchReply = {
  ok: false,
  error: { name: 'WorkerError', message: 'the run stopped, or its engine closed, before this batch started' },
};

/** The chunk this worker runs now (chunks run one at a time, asynchronous tasks included). */
let current: Promise<void> = Promise.resolve();

/**
 * Runs a chunk of batches (the piscina handler): after the chunk before it in this worker has ended, so a
 * batch that waits has its flag unset even when the one before it awaits (a task module still loading,
 * say).
 */
export default function runChunk(request: WorkerRequest): Promise<WorkerReply> {
  const { started, batches } = request;
  const run = current.then(async (): Promise<WorkerReply> => {
    const begin = performance.now();
    const outcomes: (BatchReply | null)[] = [];
    for (const { index, input } of batches) {
      if (outcomes.length > 0 && performance.now() - begin >= request.budget) break;
      if (started && Atomics.load(started, started.length - 1) !== 0) {
        outcomes.push(STOPPED);
        continue;
      }
      if (started && Atomics.compareExchange(started, index, request.token, RUNNING) !== request.token) {
        outcomes.push(null); // taken back by the main side
        continue;
      }
      outcomes.push(await runTask(request.task, input, index, request.seed));
      if (started) Atomics.store(started, index, RAN);
    }
    return { outcomes, ms: performance.now() - begin };
  });
  current = run.then(
    () => {},
    () => {},
  );
  return run;
}

/** The batch's value (V8 bytes) or error. */
async function runTask(name: string, input: unknown, index: number, seed: string): Promise<BatchReply> {
  let value: unknown;
  try {
    let task = cache.get(name);
    if (!task) {
      task = resolveTask(name);
      cache.set(name, task);
    }
    value = await (await task)(input, taskContext(index, seed));
  } catch (e) {
    return { ok: false, error: errorData(e) };
  }
  const out = outcomeOf(value);
  return out.ok ? { ok: true, v8: out.v8 } : out;
}
