/**
 * The worker side of the BullMQ backend: a BullMQ `Worker` whose processor runs a job's batches on the
 * local engine's thread pool, so this process's main thread stays free to renew job locks (CPU work on
 * it stalls jobs and runs them twice: bullmq#2857, #3078). Task errors are data in the job's result;
 * only infrastructure failures (the study's inputs unreadable, a lost connection) fail the job and let
 * BullMQ retry it; a worker process that dies leaves its jobs to be found stalled and run again.
 */
import type { Job, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { fail } from '../core/errors.js';
import { integer, isRecord, knownKeys, optional } from '../core/validate.js';
import { createEngine, type Engine } from '../engine/engine.js';
import { DEFAULT_QUEUE } from './backend.js';
import {
  bounded,
  checkQueueName,
  checkRedisUrl,
  connectionOptions,
  connectRedis,
  loadBullmq,
} from './connect.js';
import {
  type JobBatch,
  type JobData,
  type JobResult,
  loadStudy,
  type StoredStudy,
  studyIndices,
} from './study.js';

/** Options of {@link startWorker}. */
export interface RedisWorkerOptions {
  /** The server, as given to the coordinator's `redisBackend`. */
  readonly url: string;
  /** Queue name (default `reesim`). */
  readonly queue?: string;
  /** Worker threads of this process's pool (default: the available cores). */
  readonly threads?: number;
  /** Jobs processed at once (default: `threads`; their batches share the pool). */
  readonly concurrency?: number;
  /**
   * Milliseconds a job's lock lasts without renewal (default 30,000): a worker that dies holds its jobs
   * this long before another worker finds them stalled and runs them again.
   */
  readonly lockDuration?: number;
  /** Times a job may stall (its worker died) before it fails (default 2). */
  readonly maxStalledCount?: number;
  /** Milliseconds `close()` waits for running jobs before handing them back to the queue (default 60,000). */
  readonly grace?: number;
}

/** A running worker (see {@link startWorker}). */
export interface RedisWorker {
  readonly queue: string;
  readonly threads: number;
  /** Jobs finished so far by this worker. */
  readonly jobsDone: () => number;
  /**
   * Stops taking jobs, lets the running ones finish (up to `grace`, after which they are handed back:
   * another worker runs them when their lock expires) and closes the pool and connections.
   */
  close(): Promise<void>;
}

/**
 * Starts a worker process's share of a distributed study: takes jobs from the queue on `url`, runs their
 * batches on a pool of `threads` worker threads and returns their outcomes. `reesim worker` runs this
 * until SIGTERM. Refuses a server whose maxmemory-policy is not noeviction (`UNSAFE_SERVER`).
 *
 * @throws ReesimError for bad options, `UNSAFE_SERVER`, `TIMEOUT` (no connection within 30 s)
 * @example
 * ```ts
 * // Needs a Redis server, so this only shows the call (options are checked before connecting):
 * const start = () => startWorker({ url: 'redis://127.0.0.1:6379', queue: 'studies', threads: 2 });
 * typeof start; // 'function'
 * const bad = await startWorker({ url: 'http://x' }).catch((e) => e.code);
 * bad; // 'INVALID_TYPE'
 * ```
 */
export async function startWorker(options: RedisWorkerOptions): Promise<RedisWorker> {
  if (!isRecord(options)) fail('INVALID_TYPE', 'startWorker.options', options, 'an options object');
  knownKeys('startWorker', options, [
    'url',
    'queue',
    'threads',
    'concurrency',
    'lockDuration',
    'maxStalledCount',
    'grace',
  ]);
  const url = checkRedisUrl('startWorker.url', options.url);
  const queue = optional(options.queue, DEFAULT_QUEUE, (v) => checkQueueName('startWorker.queue', v));
  const threads = optional(options.threads, undefined, (v) => integer('startWorker.threads', v, 1));
  const lockDuration = optional(options.lockDuration, 30_000, (v) =>
    integer('startWorker.lockDuration', v, 500),
  );
  const maxStalledCount = optional(options.maxStalledCount, 2, (v) =>
    integer('startWorker.maxStalledCount', v, 0),
  );
  const grace = optional(options.grace, 60_000, (v) => integer('startWorker.grace', v, 0));
  const redis = await connectRedis(url);
  const bullmq = await loadBullmq();
  const engine = createEngine(threads === undefined ? {} : { threads });
  const concurrency = optional(options.concurrency, engine.threads, (v) =>
    integer('startWorker.concurrency', v, 1),
  );
  const studies = studyCache(redis, queue);
  let done = 0;
  const worker: Worker<JobData, JobResult> = new bullmq.Worker<JobData, JobResult>(
    queue,
    async (job: Job<JobData, JobResult>) => {
      const result = await processJob(engine, await studies(job.data.study), job.data);
      done++;
      return result;
    },
    {
      connection: { url, ...connectionOptions(true) },
      concurrency,
      lockDuration,
      stalledInterval: lockDuration,
      maxStalledCount,
      // The coordinator removes the jobs it collected; these bound what an abandoned study leaves.
      removeOnComplete: { age: 7 * 24 * 3600 },
      removeOnFail: { age: 7 * 24 * 3600 },
    },
  );
  worker.on('error', () => {}); // connection trouble: BullMQ reconnects; never an unhandled 'error'
  await bounded(worker.waitUntilReady(), `start a worker on ${queue}`);
  let closing: Promise<void> | undefined;
  return {
    queue,
    threads: engine.threads,
    jobsDone: () => done,
    close() {
      closing ??= (async () => {
        const closed = worker.close();
        let timer: NodeJS.Timeout | undefined;
        const late = new Promise<'late'>((resolve) => {
          timer = setTimeout(() => resolve('late'), grace);
        });
        if ((await Promise.race([closed.then(() => 'closed' as const), late])) === 'late')
          await worker.close(true); // running jobs go back to the queue when their locks expire
        clearTimeout(timer);
        await engine.close();
        redis.disconnect();
      })();
      return closing;
    },
  };
}

/** Runs a job's batches on the pool; task errors stay in the result as data. */
async function processJob(engine: Engine, study: StoredStudy, data: JobData): Promise<JobResult> {
  const indices = studyIndices(study.inputs.length, study.shard).slice(data.first, data.first + data.count);
  const batches: JobBatch[] = [];
  await engine.run(
    {
      task: study.task,
      seed: study.seed,
      inputs: study.inputs,
      todo: indices,
      retries: study.retries,
      signal: undefined,
      study: () => data.study,
      checkpoint: undefined,
      shard: study.shard,
    },
    (index, out) => {
      batches.push(
        out.ok
          ? {
              index,
              ok: true,
              v8: Buffer.from(out.v8.buffer, out.v8.byteOffset, out.v8.byteLength).toString('base64'),
            }
          : { index, ok: false, error: out.error },
      );
    },
  );
  return { batches: batches.sort((a, b) => a.index - b.index) };
}

/** Studies by id, read from Redis once each (the last few kept). */
function studyCache(redis: Redis, queue: string): (id: string) => Promise<StoredStudy> {
  const cache = new Map<string, Promise<StoredStudy>>();
  return (id) => {
    let s = cache.get(id);
    if (!s) {
      s = bounded(loadStudy(redis, queue, id), `read study ${id}`).then((study) => {
        // An infrastructure failure: the job fails, BullMQ retries it, then reports it failed.
        if (!study) throw new Error(`study ${id} is not on the server (finished, or its inputs were lost)`);
        return study;
      });
      s.catch(() => cache.delete(id));
      cache.set(id, s);
      if (cache.size > 4) cache.delete(cache.keys().next().value as string);
    }
    return s;
  };
}
