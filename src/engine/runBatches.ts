/**
 * The batch engine: runs a task over a list of inputs on worker threads (piscina), with results that do
 * not depend on the thread count, failures kept as data, abort, checkpoints, shards and progress.
 *
 * **Determinism.** Each batch gets its own generator seeded from (seed, batch index) (see
 * {@link TaskContext}); tasks are pure functions of their input; batch boundaries are the caller's inputs,
 * never a function of the thread count; results are returned in input order. The same inputs and seed give
 * bit-identical results for 0, 1, 2, 4 ... threads and any scheduling (tested).
 *
 * **Cost.** Short batches go to a worker several at a time (chunks of ~20 ms of work, one message each),
 * so on a long-lived engine a batch of 0.1 ms costs about what it does in-process (bench/chunks.mjs); their
 * outcomes reach `onProgress` and the checkpoint with their chunk (tens of ms late; later behind a batch
 * that runs long). Starting a pool
 * takes ~40 ms (~260 ms when running from the TypeScript sources through tsx): for a series of studies,
 * keep one open with `createEngine`.
 */
import { availableParallelism } from 'node:os';
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import { fail } from '../core/errors.js';
import { integer, isRecord, knownKeys, optional } from '../core/validate.js';
import { abortError, abortPromise, nextTurn } from './abort.js';
import { appendCheckpoint, type CheckpointHeader, openCheckpoint } from './checkpoint.js';
import { lockCheckpoint } from './checkpointLock.js';
import { errorData, taskContext } from './context.js';
import { type DEFAULT_GRACE_MS, withTemporaryEngine } from './engine.js';
import { hashValue } from './hash.js';
import { outcomeOf } from './outcome.js';
import { progressBar } from './progress.js';
import { checkShard, inShard } from './shards.js';
import { builtinTasks, resolveTask } from './tasks.js';
import type { Backend, BatchOutcome, BatchPlan, BatchResult, RunBatchesOptions, Task } from './types.js';

/** The options of a run besides its task (studies pass them through). */
export const RUN_OPTIONS = [
  'threads',
  'seed',
  'signal',
  'onProgress',
  'checkpoint',
  'shard',
  'retries',
  'progressBar',
  'backend',
] as const;

function taskId(task: unknown): string {
  if (task instanceof URL) return task.href;
  if (typeof task !== 'string' || task === '')
    fail('INVALID_TYPE', 'runBatches.task', task, 'a module URL or path, or a built-in task name');
  if (Object.hasOwn(builtinTasks, task)) return task;
  if (isAbsolute(task)) return pathToFileURL(task).href;
  if (/^(file|data):/.test(task)) return task;
  return fail(
    'UNKNOWN_KEY',
    'runBatches.task',
    task,
    `a module URL, an absolute path, or one of ${Object.keys(builtinTasks).join(', ')}`,
  );
}

/**
 * Runs `task` on every input and returns one {@link BatchResult} per input (per input of the shard), in
 * input order. A task that throws gives an `errored` entry and the others complete; a worker that dies is
 * replaced and its batch retried (`retries`, default 1), then reported as errored.
 *
 * In this thread (`threads: 0`) the batches run one after another with the same outcomes (a value that
 * cannot be cloned is errored there too), and an abort lands between two batches (each is followed by a
 * turn of the event loop) or inside an asynchronous one. On threads, an abort rejects at once and batches
 * still running 2 s later ({@link DEFAULT_GRACE_MS}) are terminated, so a batch that never ends cannot
 * keep the process alive.
 *
 * @throws ReesimError for bad options; `ABORTED` (rejects) when `signal` aborts; `CHECKPOINT_MISMATCH`
 *   when the checkpoint file belongs to another study; `CHECKPOINT_INVALID` for a damaged checkpoint line
 *   (naming the file and line) or a path that cannot be used; `CHECKPOINT_LOCKED` while another run writes
 *   the checkpoint (a run holds `<checkpoint>.lock` while it runs; a killed run's lock is taken over)
 * @example
 * ```ts
 * const spec = { stages: { extraction: 3 }, feed: { flows: { A: 1 }, volume: 1 }, organic: { volume: 1 }, equilibrium: distribution({ A: 1 }) };
 * const results = await runBatches([spec, spec], { task: 'cascade', threads: 0 });
 * results.length; // 2
 * results[0]?.state; // 'completed'
 * ```
 */
export async function runBatches<I = unknown, O = unknown>(
  inputs: readonly I[],
  options: RunBatchesOptions,
): Promise<BatchResult<O>[]> {
  if (!Array.isArray(inputs)) fail('INVALID_TYPE', 'runBatches.inputs', inputs, 'an array of task inputs');
  if (!isRecord(options)) fail('INVALID_TYPE', 'runBatches.options', options, 'an options object');
  knownKeys('runBatches', options, ['task', ...RUN_OPTIONS]);
  const task = taskId(options.task);
  const backend = checkBackend(options.backend, options.threads);
  const threads = optional(options.threads, Math.min(availableParallelism(), 256), (v) => {
    const n = integer('runBatches.threads', v, 0);
    if (n > 256) fail('OUT_OF_RANGE', 'runBatches.threads', n, 'at most 256 threads');
    return n;
  });
  const seed = optional(options.seed, 'reesim', (v) => {
    if (typeof v !== 'string') fail('INVALID_TYPE', 'runBatches.seed', v, 'a string');
    return v;
  });
  const retries = optional(options.retries, 1, (v) => integer('runBatches.retries', v, 0));
  const shard = options.shard === undefined ? undefined : checkShard(options.shard);
  const signal = options.signal;
  if (signal !== undefined && !(signal instanceof AbortSignal))
    fail('INVALID_TYPE', 'runBatches.signal', signal, 'an AbortSignal');
  const onProgress = options.onProgress;
  if (onProgress !== undefined && typeof onProgress !== 'function')
    fail('INVALID_TYPE', 'runBatches.onProgress', onProgress, 'a function (done, total) => void');
  const file = options.checkpoint;
  if (file !== undefined && (typeof file !== 'string' || file === ''))
    fail('INVALID_TYPE', 'runBatches.checkpoint', file, 'a file path');
  if (signal?.aborted) throw abortError();

  // Every index, holes of a sparse array included (their input is undefined).
  const indices = Array.from({ length: inputs.length }, (_, i) => i).filter((i) => inShard(i, shard));
  const results = new Map<number, BatchResult<O>>();
  let header: CheckpointHeader | undefined;
  const headerOf = (): CheckpointHeader => {
    header ??= {
      reesim: 'checkpoint',
      version: 3,
      task,
      seed,
      total: inputs.length,
      inputs: hashValue(inputs),
      shard: shard ?? null,
    };
    return header;
  };
  // The checkpoint's lock, held from reading the checkpoint to the last batch written.
  const release = file === undefined ? undefined : lockCheckpoint(file);
  let settled = false;
  try {
    if (file !== undefined) {
      for (const [i, r] of openCheckpoint(file, headerOf()))
        if (inShard(i, shard)) results.set(i, r as BatchResult<O>);
    }
    const todo = indices.filter((i) => !results.has(i));
    const bar = progressBar(`reesim ${task.split('/').pop()}`, options.progressBar);
    let done = indices.length - todo.length;
    const finish = (i: number, out: BatchOutcome) => {
      // A batch reported twice (a queue delivering a job again) counts once; none is taken after the run
      // settled (a backend reporting late would write without the checkpoint's lock).
      if (results.has(i) || settled) return;
      const r: BatchResult<O> = out.ok
        ? { index: i, state: 'completed', value: out.value as O }
        : { index: i, state: 'errored', error: out.error };
      if (file !== undefined) appendCheckpoint(file, r, out.ok ? out.v8 : undefined);
      results.set(i, r);
      done++;
      onProgress?.(done, indices.length);
      bar.update(done, indices.length);
    };
    const plan: BatchPlan = {
      task,
      seed,
      inputs,
      todo,
      retries,
      signal,
      study: () => hashValue(headerOf()),
      checkpoint: file,
      shard,
    };

    try {
      if (todo.length === 0) {
        // nothing to run: every batch came from the checkpoint
      } else if (backend !== undefined) await backend.run(plan, finish);
      else if (threads === 0) await runInProcess(plan, finish);
      else await withTemporaryEngine(threads, plan, finish);
    } finally {
      bar.end();
    }
  } finally {
    settled = true;
    release?.();
  }
  return indices.map((i) => results.get(i) as BatchResult<O>);
}

/** Checks the `backend` option: something with `run` and `close`, and no `threads` beside it. */
function checkBackend(backend: unknown, threads: unknown): Backend | undefined {
  if (backend === undefined) return undefined;
  const b = backend as Partial<Backend> | null;
  if (typeof b !== 'object' || b === null || typeof b.run !== 'function' || typeof b.close !== 'function')
    fail('INVALID_TYPE', 'runBatches.backend', backend, 'an engine (createEngine) or a backend');
  if (threads !== undefined)
    fail('INFEASIBLE', 'runBatches.threads', threads, 'no threads with a backend (the backend decides)');
  return b as Backend;
}

/**
 * Runs the batches in this thread, one after another, with the same outcomes as on a pool: each value is
 * V8-serialised (a value that cannot be is an errored batch, as on a thread). Between batches it yields
 * one turn of the event loop, so an abort (or a timer) lands within one batch.
 */
async function runInProcess(plan: BatchPlan, finish: (i: number, out: BatchOutcome) => void): Promise<void> {
  const { signal } = plan;
  const run: Task | unknown = await resolveTask(plan.task).catch((e: unknown) => e);
  const aborted = abortPromise(signal);
  for (const i of plan.todo) {
    if (signal?.aborted) throw abortError();
    let out: BatchOutcome;
    if (typeof run !== 'function') out = { ok: false, error: errorData(run) };
    else {
      try {
        const value = (run as Task)(plan.inputs[i], taskContext(i, plan.seed));
        out = outcomeOf(await (aborted ? Promise.race([value, aborted]) : value));
      } catch (e) {
        if (signal?.aborted) throw abortError();
        out = { ok: false, error: errorData(e) };
      }
    }
    finish(i, out);
    await nextTurn();
  }
  if (signal?.aborted) throw abortError();
}
