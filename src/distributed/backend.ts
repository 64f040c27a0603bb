/**
 * The coordinator side of the BullMQ backend: a study's batches become jobs on a queue that any number
 * of `reesim worker` processes pull from; results come back by events and by polling (events can be
 * missed), are deduplicated by batch index, written to the usual checkpoint by `runBatches`, and the
 * collected jobs are removed from Redis.
 */
import type { Job, Queue, QueueEvents } from 'bullmq';
import type { Redis } from 'ioredis';
import { fail } from '../core/errors.js';
import { integer, isRecord, knownKeys, optional } from '../core/validate.js';
import { abortError } from '../engine/abort.js';
import { fromV8 } from '../engine/outcome.js';
import type { Backend, BatchOutcome, BatchPlan, Finish } from '../engine/types.js';
import {
  bounded,
  checkQueueName,
  checkRedisUrl,
  connectionOptions,
  connectRedis,
  loadBullmq,
  redactUrl,
} from './connect.js';
import { type JobData, type JobResult, jobId, jobsFor, saveStudy, studyIndices, studyKey } from './study.js';

/** Outstanding jobs read per poll. */
const POLL_JOBS = 200;

/**
 * Approximate length the queue's event stream is trimmed to. Completion events carry the job's result
 * (~4 KB for 8 batches of 25 runs), and the coordinator needs only the latest (a missed event is found by
 * polling): at 1,000 the stream alone held 3.8 MB after a 100,000-run study.
 */
const EVENTS_MAX_LEN = 100;

/** Default queue name. */
export const DEFAULT_QUEUE = 'reesim';

/** Options of {@link redisBackend}. */
export interface RedisBackendOptions {
  /** The server: `redis://[user:password@]host[:port][/db]` (or `rediss://` for TLS). */
  readonly url: string;
  /** Queue name (default `reesim`); workers must use the same. */
  readonly queue?: string;
  /**
   * Inputs per job (default 4): batches, or the pieces a small study's last batches are cut in (five to a
   * batch, src/engine/pieces.ts). Size jobs to >= 10 s of work (e.g. 200 supply-chain runs in batches of
   * 25 run their last 8 batches in 40 pieces of 5 runs: 8 pieces a job is 40 runs): each job costs a few
   * Redis round trips. Results do not depend on it.
   */
  readonly jobSize?: number;
  /** Milliseconds between polls of the outstanding jobs (default 2,000; events usually come first). */
  readonly pollInterval?: number;
  /**
   * Milliseconds without any finished batch after which the study rejects with `TIMEOUT` (default
   * 3,600,000: an hour; no worker running is the usual cause).
   */
  readonly idleTimeout?: number;
  /** Attempts per job when its processing fails for infrastructure reasons (default 3). */
  readonly attempts?: number;
}

/** A queue of machines as a backend (see {@link redisBackend}). */
export interface RedisBackend extends Backend {
  readonly kind: 'redis';
  readonly queue: string;
  /** Closes the connections (the queue and its jobs stay in Redis). */
  close(): Promise<void>;
}

interface Connected {
  readonly redis: Redis;
  readonly queue: Queue;
  readonly bullmq: typeof import('bullmq');
}

/**
 * A backend that runs a study's batches on `reesim worker` processes (any number, on any machines) through
 * a BullMQ queue on Redis (or Valkey). Pass it as `backend` to `runBatches`, `monteCarlo`, `sweep` or
 * `runScenario`: the results are the same as on one machine (each run draws from its batch's generator,
 * seeded by the batch's index), in input order, and a `checkpoint` is written as usual, so a coordinator that is killed resumes
 * where it stopped. Needs the optional packages `bullmq` and `ioredis`.
 *
 * The server must have `maxmemory-policy noeviction` (else `UNSAFE_SERVER`); connections and commands
 * are bounded (30 s, `TIMEOUT`), as is the wait for progress (`idleTimeout`).
 *
 * @throws ReesimError for bad options (before connecting)
 * @example
 * ```ts
 * // Describes the backend only: running a study needs a Redis server and workers
 * // (`reesim worker --redis redis://127.0.0.1:6379`).
 * const backend = redisBackend({ url: 'redis://127.0.0.1:6379', queue: 'studies', jobSize: 8 });
 * backend.kind; // 'redis'
 * backend.queue; // 'studies'
 * await backend.close(); // never connected: nothing to close
 * ```
 */
export function redisBackend(options: RedisBackendOptions): RedisBackend {
  if (!isRecord(options)) fail('INVALID_TYPE', 'redisBackend.options', options, 'an options object');
  knownKeys('redisBackend', options, ['url', 'queue', 'jobSize', 'pollInterval', 'idleTimeout', 'attempts']);
  const url = checkRedisUrl('redisBackend.url', options.url);
  const queueName = optional(options.queue, DEFAULT_QUEUE, (v) => checkQueueName('redisBackend.queue', v));
  const jobSize = optional(options.jobSize, 4, (v) => integer('redisBackend.jobSize', v, 1));
  const pollInterval = optional(options.pollInterval, 2000, (v) =>
    integer('redisBackend.pollInterval', v, 10),
  );
  const idleTimeout = optional(options.idleTimeout, 3_600_000, (v) =>
    integer('redisBackend.idleTimeout', v, 100),
  );
  const attempts = optional(options.attempts, 3, (v) => integer('redisBackend.attempts', v, 1));
  let connected: Promise<Connected> | undefined;
  const connect = (): Promise<Connected> => {
    connected ??= (async () => {
      const redis = await connectRedis(url);
      const bullmq = await loadBullmq();
      const queue: Queue = new bullmq.Queue(queueName, {
        connection: { url, ...connectionOptions(false) },
        streams: { events: { maxLen: EVENTS_MAX_LEN } },
      });
      queue.on('error', () => {});
      return { redis, queue, bullmq };
    })();
    const p = connected;
    p.catch(() => {
      if (connected === p) connected = undefined; // a failed connection is retried by the next study
    });
    return p;
  };
  const settings = { url, queueName, jobSize, pollInterval, idleTimeout, attempts };
  return {
    kind: 'redis',
    queue: queueName,
    async run(plan, finish) {
      if (plan.signal?.aborted) throw abortError();
      await coordinate(await connect(), settings, plan, finish);
    },
    async close() {
      const c = await connected?.catch(() => undefined);
      connected = undefined;
      if (!c) return;
      await c.queue.close().catch(() => {});
      c.redis.disconnect();
    },
  };
}

interface Settings {
  readonly url: string;
  readonly queueName: string;
  readonly jobSize: number;
  readonly pollInterval: number;
  readonly idleTimeout: number;
  readonly attempts: number;
}

/** Runs one study on the queue: submit the missing jobs, collect until every batch of `todo` is in. */
async function coordinate(c: Connected, s: Settings, plan: BatchPlan, finish: Finish): Promise<void> {
  const study = plan.study();
  const indices = studyIndices(plan.inputs.length, plan.shard);
  const remaining = new Set(plan.todo);
  const jobs = new Map(
    jobsFor(indices, remaining, s.jobSize).map((j) => [jobId(study, j.first), j] as const),
  );
  await bounded(saveStudy(c.redis, s.queueName, study, plan), `store the study on ${redactUrl(s.url)}`);
  // Listen before adding, so a fast job's completion is not missed (polling would find it anyway).
  const events: QueueEvents = new c.bullmq.QueueEvents(s.queueName, {
    connection: { url: s.url, ...connectionOptions(true) },
  });
  events.on('error', () => {});
  let wake: () => void = () => {};
  const pending = new Set<string>();
  const onEvent = ({ jobId: id }: { jobId: string }) => {
    if (jobs.has(id)) {
      pending.add(id);
      wake();
    }
  };
  events.on('completed', onEvent);
  events.on('failed', onEvent);
  let onAbort: () => void = () => {};
  const collected = new Set<string>();
  let lastProgress = Date.now();
  const take = (index: number, outcome: BatchOutcome) => {
    if (!remaining.delete(index)) return;
    lastProgress = Date.now();
    finish(index, outcome);
  };
  try {
    await bounded(events.waitUntilReady(), `listen to ${s.queueName} on ${redactUrl(s.url)}`);
    await submit(c, s, study, jobs);
    const aborted = new Promise<never>((_, reject) => {
      if (plan.signal?.aborted) reject(abortError());
      onAbort = () => reject(abortError());
      plan.signal?.addEventListener('abort', onAbort, { once: true });
    });
    aborted.catch(() => {});
    let polled = 0;
    let window = 0;
    while (remaining.size > 0) {
      const poll = Date.now() - polled >= s.pollInterval;
      // A poll reads up to POLL_JOBS outstanding jobs, a different window each time.
      const outstanding = [...jobs.keys()];
      if (window >= outstanding.length) window = 0;
      const ids = poll ? [...pending, ...outstanding.slice(window, window + POLL_JOBS)] : [...pending];
      if (poll) window += POLL_JOBS;
      pending.clear();
      if (poll) polled = Date.now();
      for (const id of ids) {
        const j = jobs.get(id);
        if (j && (await collect(c, s, study, id, j, indices, take))) {
          jobs.delete(id);
          collected.add(id);
        }
        if (plan.signal?.aborted) throw abortError();
      }
      if (remaining.size === 0) break;
      if (jobs.size === 0) {
        // Every job collected but batches missing: a job's results were incomplete. Submit them again.
        for (const j of jobsFor(indices, remaining, s.jobSize)) jobs.set(jobId(study, j.first), j);
        await submit(c, s, study, jobs);
      }
      if (Date.now() - lastProgress > s.idleTimeout)
        fail(
          'TIMEOUT',
          'redisBackend.idleTimeout',
          `${remaining.size} batches outstanding on queue ${s.queueName}`,
          `a finished batch every ${s.idleTimeout} ms (are workers running? reesim worker --redis URL --queue ${s.queueName})`,
        );
      if (pending.size === 0) {
        await Promise.race([
          aborted,
          new Promise<void>((resolve) => {
            const t = setTimeout(resolve, Math.max(10, s.pollInterval - (Date.now() - polled)));
            wake = () => {
              clearTimeout(t);
              resolve();
            };
          }),
        ]);
      }
    }
    await removeLeftovers(c, study, indices, s.jobSize, collected);
    await c.redis.del(studyKey(s.queueName, study));
  } finally {
    wake = () => {};
    plan.signal?.removeEventListener('abort', onAbort);
    await bounded(events.close(), 'close the queue events').catch(() => {});
  }
}

/**
 * Removes the study's jobs this run did not collect: after a resume, jobs whose batches were already in
 * the checkpoint (a coordinator killed between writing a job's results and removing it, or jobs the
 * workers finished again). A fresh study collected every job, so this costs nothing then.
 */
async function removeLeftovers(
  c: Connected,
  study: string,
  indices: readonly number[],
  size: number,
  collected: ReadonlySet<string>,
): Promise<void> {
  const all = jobsFor(indices, new Set(indices), size).map((j) => jobId(study, j.first));
  const left = all.filter((id) => !collected.has(id));
  for (let k = 0; k < left.length; k += 100) {
    await bounded(
      Promise.all(left.slice(k, k + 100).map((id) => c.queue.remove(id).catch(() => 0))),
      'remove the jobs of batches already checkpointed',
    );
  }
}

/** Adds the jobs not on the queue yet (their ids make a job that exists a no-op). */
async function submit(
  c: Connected,
  s: Settings,
  study: string,
  jobs: ReadonlyMap<string, { first: number; count: number }>,
): Promise<void> {
  const all = [...jobs.entries()];
  for (let k = 0; k < all.length; k += 500) {
    const chunk = all.slice(k, k + 500);
    await bounded(
      c.queue.addBulk(
        chunk.map(([id, j]) => ({
          name: 'batches',
          data: { study, first: j.first, count: j.count },
          opts: {
            jobId: id,
            attempts: s.attempts,
            backoff: { type: 'fixed', delay: 1000 },
            // No removeOn* here: the coordinator removes what it collects, and the workers' age limit
            // (a job's own setting would override it) clears what an abandoned study leaves.
          },
        })),
      ),
      `add jobs to ${s.queueName}`,
    );
  }
}

/**
 * Collects job `id` if it has finished: its batches to `take`, then the job removed. Returns whether it
 * is done with (finished, or gone and resubmitted as needed).
 */
async function collect(
  c: Connected,
  s: Settings,
  study: string,
  id: string,
  j: { first: number; count: number },
  indices: readonly number[],
  take: (index: number, outcome: BatchOutcome) => void,
): Promise<boolean> {
  const job = (await bounded(c.queue.getJob(id), `read job ${id}`)) as Job<JobData, JobResult> | undefined;
  if (!job) {
    // Removed (another coordinator of this study collected it): add it again; it runs once more.
    await submit(c, s, study, new Map([[id, j]]));
    return false;
  }
  const state = await bounded(job.getState(), `read job ${id}`);
  if (state === 'completed') {
    for (const b of job.returnvalue?.batches ?? []) {
      if (b.ok) {
        const v8 = Buffer.from(b.v8, 'base64');
        take(b.index, { ok: true, value: fromV8(v8), v8 });
      } else take(b.index, { ok: false, error: b.error });
    }
  } else if (state === 'failed') {
    // Its attempts are used up (a processing error or too many stalls): its batches are errored.
    const error = { name: 'WorkerError', message: `job ${id} failed: ${job.failedReason}` };
    for (const i of indices.slice(j.first, j.first + j.count)) take(i, { ok: false, error });
  } else return false;
  await bounded(job.remove(), `remove job ${id}`).catch(() => {});
  return true;
}
