/**
 * The batch engine: runs a task over a list of inputs on worker threads (piscina), with results that do
 * not depend on the thread count, failures kept as data, abort, checkpoints, shards and progress.
 *
 * **Determinism.** Each batch gets its own generator seeded from (seed, batch index) (see
 * {@link TaskContext}); tasks are pure functions of their input; batch boundaries are the caller's inputs,
 * never a function of the thread count; results are returned in input order. The same inputs and seed give
 * bit-identical results for 0, 1, 2, 4 ... threads and any scheduling (tested).
 *
 * **Cost.** About 60 µs of overhead per batch on a pool (toolchain.md): give each batch at least ~10 ms
 * of work (many Monte Carlo runs per batch). Starting a pool takes ~40 ms (~260 ms when running from the
 * TypeScript sources through tsx).
 */
import { availableParallelism } from 'node:os';
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Piscina } from 'piscina';
import { fail, ReesimError } from '../core/errors.js';
import { integer, isRecord, knownKeys, optional } from '../core/validate.js';
import { appendCheckpoint, type CheckpointHeader, hashValue, openCheckpoint } from './checkpoint.js';
import { errorData, taskContext } from './context.js';
import { progressBar } from './progress.js';
import { checkShard, inShard } from './shards.js';
import { builtinTasks, resolveTask } from './tasks.js';
import type { BatchResult, RunBatchesOptions } from './types.js';
import type { WorkerReply, WorkerRequest } from './worker.js';

/** Where the worker module is: beside this module, with the same extension (sources, ESM or CJS build). */
function workerFile(): { filename: string; execArgv: string[] } {
  const here = import.meta.url;
  if (here.endsWith('.ts'))
    return { filename: new URL('./worker.ts', here).href, execArgv: ['--import', 'tsx'] };
  const ext = here.endsWith('.cjs') ? '.cjs' : '.js';
  return { filename: new URL(`./worker${ext}`, here).href, execArgv: [] };
}

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

/** A promise that rejects with ABORTED when `signal` aborts (undefined without a signal). */
function abortPromise(signal: AbortSignal | undefined): Promise<never> | undefined {
  if (!signal) return undefined;
  const p = new Promise<never>((_, reject) => {
    signal.addEventListener('abort', () => reject(abortError()), { once: true });
  });
  p.catch(() => {}); // observed by the race; never an unhandled rejection
  return p;
}

function abortError(): ReesimError {
  return new ReesimError({
    code: 'ABORTED',
    path: 'runBatches.signal',
    value: 'aborted',
    expected: 'no abort',
  });
}

/**
 * Runs `task` on every input and returns one {@link BatchResult} per input (per input of the shard), in
 * input order. A task that throws gives an `errored` entry and the others complete; a worker that dies is
 * replaced and its batch retried (`retries`, default 1), then reported as errored.
 *
 * @throws ReesimError for bad options; `ABORTED` (rejects) when `signal` aborts; `CHECKPOINT_MISMATCH`
 *   when the checkpoint file belongs to another study
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
  if (signal?.aborted) throw abortError();

  // Every index, holes of a sparse array included (their input is undefined).
  const indices = Array.from({ length: inputs.length }, (_, i) => i).filter((i) => inShard(i, shard));
  const results = new Map<number, BatchResult<O>>();
  const file = options.checkpoint;
  if (file !== undefined) {
    if (typeof file !== 'string' || file === '')
      fail('INVALID_TYPE', 'runBatches.checkpoint', file, 'a file path');
    const header: CheckpointHeader = {
      reesim: 'checkpoint',
      version: 2,
      task,
      seed,
      total: inputs.length,
      inputs: hashValue(inputs),
      shard: shard ?? null,
    };
    for (const [i, r] of openCheckpoint(file, header))
      if (inShard(i, shard)) results.set(i, r as BatchResult<O>);
  }
  const todo = indices.filter((i) => !results.has(i));
  const bar = progressBar(`reesim ${task.split('/').pop()}`, options.progressBar);
  let done = indices.length - todo.length;
  const finish = (i: number, r: BatchResult<O>) => {
    results.set(i, r);
    if (file !== undefined) appendCheckpoint(file, r);
    done++;
    onProgress?.(done, indices.length);
    bar.update(done, indices.length);
  };
  const reply = (i: number, out: WorkerReply): BatchResult<O> =>
    out.ok
      ? { index: i, state: 'completed', value: out.value as O }
      : { index: i, state: 'errored', error: out.error };

  try {
    if (threads === 0) {
      const run = await resolveTask(task).catch((e: unknown) => e);
      const aborted = abortPromise(signal);
      for (const i of todo) {
        if (signal?.aborted) throw abortError();
        let out: WorkerReply;
        if (typeof run !== 'function') out = { ok: false, error: errorData(run) };
        else {
          try {
            const value = run(inputs[i], taskContext(i, seed));
            out = { ok: true, value: await (aborted ? Promise.race([value, aborted]) : value) };
          } catch (e) {
            if (signal?.aborted) throw abortError();
            out = { ok: false, error: errorData(e) };
          }
        }
        finish(i, reply(i, out));
      }
      if (signal?.aborted) throw abortError();
    } else if (todo.length > 0) {
      await runOnPool(inputs, todo, { task, seed, threads, retries, signal }, (i, out) =>
        finish(i, reply(i, out)),
      );
    }
  } finally {
    bar.end();
  }
  return indices.map((i) => results.get(i) as BatchResult<O>);
}

interface PoolOptions {
  readonly task: string;
  readonly seed: string;
  readonly threads: number;
  readonly retries: number;
  readonly signal: AbortSignal | undefined;
}

/** Runs the batches `todo` on a piscina pool, closed when done or aborted. */
async function runOnPool(
  inputs: readonly unknown[],
  todo: readonly number[],
  o: PoolOptions,
  finish: (i: number, out: WorkerReply) => void,
): Promise<void> {
  const { filename, execArgv } = workerFile();
  const size = Math.min(o.threads, todo.length);
  const pool = new Piscina({ filename, execArgv, minThreads: size, maxThreads: size, idleTimeout: 1000 });
  // Batches are fed to the pool by a few slots (two per thread: workers never wait for the next batch), so
  // stopping means not starting more. Running batches are never killed: terminating a worker whose result
  // is already on its way makes piscina throw "Unexpected message from Worker" outside any promise (seen
  // with pool.destroy() and with per-run abort signals). On abort the promise settles at once and the pool
  // closes as soon as the running batches end; on a callback or checkpoint error, after they end.
  let stop: 'abort' | { error: unknown } | undefined;
  let aborted: () => void = () => {};
  const abortSettles = new Promise<void>((resolve) => {
    aborted = resolve;
  });
  const onAbort = () => {
    stop ??= 'abort';
    aborted();
  };
  o.signal?.addEventListener('abort', onAbort, { once: true });
  const one = async (i: number): Promise<void> => {
    const request: WorkerRequest = { task: o.task, input: inputs[i], index: i, seed: o.seed };
    let out: WorkerReply | undefined;
    for (let attempt = 0; out === undefined; attempt++) {
      try {
        out = (await pool.run(request)) as WorkerReply;
      } catch (e) {
        const err = errorData(e);
        // A value or input that cannot cross the thread is the task's fault: no retry.
        if (err.name === 'DataCloneError' || /could not be cloned/.test(err.message)) {
          out = { ok: false, error: err };
        } else if (attempt >= o.retries || stop !== undefined) {
          // The worker died (process.exit, out of memory, a crash): piscina replaced it.
          out = { ok: false, error: { ...err, name: 'WorkerError', message: `worker died: ${err.message}` } };
        }
      }
    }
    if (stop !== undefined) return;
    try {
      finish(i, out);
    } catch (e) {
      stop ??= { error: e };
    }
  };
  let next = 0;
  const slot = async () => {
    while (stop === undefined && next < todo.length) await one(todo[next++] as number);
  };
  const slots = Promise.all(Array.from({ length: Math.min(2 * size, todo.length) }, slot));
  const closed = slots.finally(() => {
    o.signal?.removeEventListener('abort', onAbort);
    return pool.destroy();
  });
  await Promise.race([closed, abortSettles]);
  if (stop === 'abort' || o.signal?.aborted) {
    closed.catch(() => {}); // closes in the background once the running batches end
    throw abortError();
  }
  await closed;
  if (stop !== undefined) throw stop.error;
}
