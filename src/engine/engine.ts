/**
 * The local engine: a pool of worker threads (piscina) that runs the batches of one study or, kept open,
 * of many studies one after another (no pool start-up per study: ~40 ms built, ~260 ms from the
 * TypeScript sources). `runBatches`, `monteCarlo` and `sweep` create one per call unless given one as
 * their `backend`.
 */
import { availableParallelism } from 'node:os';
import { serialize } from 'node:v8';
import { Piscina } from 'piscina';
import { fail } from '../core/errors.js';
import { integer, isRecord, knownKeys, optional } from '../core/validate.js';
import { abortError } from './abort.js';
import { CHUNK_BUDGET_MS, ChunkSizer } from './chunks.js';
import { errorData } from './context.js';
import { cloneError, fromV8, isCloneError } from './outcome.js';
import type { Backend, BatchPlan, Finish } from './types.js';
import { type BatchReply, FIRST_TOKEN, RUNNING, type WorkerReply, type WorkerRequest } from './worker.js';

/**
 * How long (ms) a batch may go on running after its study was aborted, or its engine closed, before the
 * engine terminates its thread: 2 s. A batch that never ends (a task stuck in a loop or awaiting a promise
 * that never settles) would otherwise keep the process alive for ever.
 */
export const DEFAULT_GRACE_MS = 2000;

/** Chunks a worker holds at once: the one it runs and the next. */
const TASKS_PER_WORKER = 2;

/**
 * Deaths of its worker a batch may see while waiting behind another batch before they count as its own
 * attempts (a worker that dies before it runs anything, at start-up say, would otherwise loop for ever).
 */
const MAX_DEATHS_WAITING = 8;

/** Options of {@link createEngine}. */
export interface EngineOptions {
  /** Worker threads (default: the available cores; 1 to 256). */
  readonly threads?: number;
  /**
   * Milliseconds a running batch may go on after an abort or `close()` before its thread is terminated
   * (default {@link DEFAULT_GRACE_MS}).
   */
  readonly grace?: number;
}

/**
 * A pool of worker threads shared by studies. Idle threads do not keep the process alive (a script that
 * forgets `close()` still exits); `close()` releases them.
 */
export interface Engine extends Backend {
  readonly kind: 'local';
  /** Worker threads of the pool. */
  readonly threads: number;
  /**
   * Stops the pool: no new batch starts; batches still running after the grace period are terminated
   * (their studies reject). Resolves when every thread has exited. Safe to call twice.
   */
  close(): Promise<void>;
}

/** Where the worker module is: beside this module, with the same extension (sources, ESM or CJS build). */
function workerFile(): { filename: string; execArgv: string[] } {
  const here = import.meta.url;
  if (here.endsWith('.ts'))
    return { filename: new URL('./worker.ts', here).href, execArgv: ['--import', 'tsx'] };
  const ext = here.endsWith('.cjs') ? '.cjs' : '.js';
  return { filename: new URL(`./worker${ext}`, here).href, execArgv: [] };
}

/**
 * What one more input adds (bytes) to a chunk as it crosses to a worker, V8-serialised (what structured
 * cloning writes): a second input's bytes beside a first, since data the inputs share (a study's base
 * scenario) crosses once per message; the one input's own size when there is only one. 0 when an input
 * cannot cross (its batch errors on its own).
 */
export function inputBytes(first: unknown, second?: unknown): number {
  try {
    if (second === undefined) return serialize([first]).byteLength - serialize([]).byteLength;
    return serialize([first, second]).byteLength - serialize([first]).byteLength;
  } catch {
    return 0;
  }
}

/**
 * Creates a long-lived local engine: a pool of `threads` worker threads that `runBatches`, `monteCarlo`,
 * `sweep` and `runScenario` use when given it as `backend`, so a sequence of studies pays the pool's
 * start-up once. Results are the same as with `threads` (and as with 0 threads). Call `close()` when done
 * (idle threads do not keep the process alive, but running batches do).
 *
 * @throws ReesimError `INVALID_TYPE` / `OUT_OF_RANGE` for bad options
 * @example
 * ```ts
 * const engine = createEngine({ threads: 2 });
 * const spec = { stages: { extraction: 4 }, feed: { flows: { A: 1 }, volume: 1 }, organic: { volume: 1 }, equilibrium: distribution({ A: 2 }) };
 * const a = await runBatches([spec, spec], { task: 'cascade', backend: engine });
 * const b = await runBatches([spec], { task: 'cascade', backend: engine }); // the same threads
 * await engine.close();
 * a.length + b.length; // 3
 * ```
 */
export function createEngine(options: EngineOptions = {}): Engine {
  if (!isRecord(options)) fail('INVALID_TYPE', 'createEngine.options', options, 'an options object');
  knownKeys('createEngine', options, ['threads', 'grace']);
  const threads = optional(options.threads, Math.min(availableParallelism(), 256), (v) => {
    const n = integer('createEngine.threads', v, 1);
    if (n > 256) fail('OUT_OF_RANGE', 'createEngine.threads', n, 'at most 256 threads');
    return n;
  });
  const grace = optional(options.grace, DEFAULT_GRACE_MS, (v) => integer('createEngine.grace', v, 0));
  const { filename, execArgv } = workerFile();
  const pool = new Piscina({
    filename,
    execArgv,
    minThreads: threads,
    maxThreads: threads,
    idleTimeout: 1000,
    // A second chunk waits inside each worker, which starts it as the first ends: no round trip through
    // this thread between chunks. Measured with one batch per message on 1,000 runs of a 26 + 26-stage
    // Monte Carlo (bench/README.md): the time between two batches on a worker fell from ~0.55 to ~0.2 ms
    // on one thread, ~0.6 to ~0.3 ms on two.
    concurrentTasksPerWorker: TASKS_PER_WORKER,
    loadBalancer: sameRunBalancer(),
  });
  // A worker terminated while its result was on its way makes piscina emit 'error' ("Unexpected message
  // from Worker"): without a listener that would be thrown outside any promise and end the process.
  pool.on('error', () => {});
  let closing: Promise<void> | undefined;
  // Each running study's "skip your waiting batches" switch, thrown by close().
  const running = new Set<() => void>();
  const engine: Engine = {
    kind: 'local',
    threads,
    async run(plan, finish) {
      if (closing) fail('NOT_SUPPORTED', 'backend', 'closed', 'an engine that is not closed');
      await runOnPool(pool, threads, plan, finish, { closed: () => closing !== undefined, running });
    },
    close() {
      for (const skip of running) skip();
      closing ??= closePool(pool, grace);
      return closing;
    },
  };
  return engine;
}

type LoadBalancer = NonNullable<NonNullable<ConstructorParameters<typeof Piscina>[0]>['loadBalancer']>;

/** Where a request names its run for {@link sameRunBalancer} (piscina's queue-options slot; not sent to the worker). */
const RUN_TAG = Piscina.queueOptionsSymbol;

/** A chunk of a run's batches on its way to a worker, and the token its batches' flags hold until they start. */
interface Chunk {
  readonly token: number;
  readonly indices: readonly number[];
}

/** A run's batches that no worker has been given yet (shared by its requests). */
interface RunState {
  left: number;
}

/** What a request carries for {@link sameRunBalancer}: its run, and how many batches it holds. */
interface RunTag {
  readonly run: RunState;
  readonly size: number;
}

/**
 * Piscina's placement with two rules more:
 * - A worker gets a second batch only from the run whose batch it is running (an idle worker takes any).
 *   Without it, a batch of one study could wait behind another study's batch that never ends (an aborted
 *   study's stuck batch on a long-lived engine, or one job of a distributed worker), while a thread sat
 *   idle. Workers run their batches in the order given, so the batch a worker with one batch runs is the
 *   last one it was given.
 * - Nor when the run has no more batches left than there are workers: at the end of a run a batch waiting
 *   in a busy worker would run after that worker's current one while another worker sat idle (up to two
 *   batches' time at the end of every study); it waits in the queue for the first worker that is free.
 *
 * (A request is a chunk of batches: "batch" above reads "chunk", and "left" counts batches.)
 */
function sameRunBalancer(): LoadBalancer {
  const lastRun = new Map<number, unknown>();
  return (task, workers) => {
    const tag = (task as unknown as Record<symbol, RunTag | null>)[RUN_TAG];
    const run = tag?.run;
    const live = workers.filter((w) => !w.terminating && !w.destroyed);
    let candidate: (typeof workers)[number] | null = null;
    for (const worker of live) {
      if (worker.currentUsage === 0) {
        candidate = worker;
        break;
      }
      if (
        !candidate &&
        worker.currentUsage < TASKS_PER_WORKER &&
        run !== undefined &&
        lastRun.get(worker.id) === run &&
        run.left > live.length
      )
        candidate = worker;
    }
    if (candidate) {
      lastRun.set(candidate.id, run);
      if (tag) tag.run.left -= tag.size;
    }
    return candidate;
  };
}

/** Closes `pool`: waits for the running batches up to `grace` ms, then terminates what still runs. */
async function closePool(pool: Piscina, grace: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), grace);
  });
  // force: batches queued but not started are dropped (their studies are over or closing).
  const ended = pool.close({ force: true }).then(() => 'ended' as const);
  const first = await Promise.race([ended, late]);
  clearTimeout(timer);
  if (first === 'late') await pool.destroy();
  else await ended;
}

/** An engine used for one call (`threads` on `runBatches`): closed when the call settles. */
export async function withTemporaryEngine(threads: number, plan: BatchPlan, finish: Finish): Promise<void> {
  const engine = createEngine({ threads: Math.min(threads, Math.max(1, plan.todo.length)) });
  try {
    await engine.run(plan, finish);
  } finally {
    // After an abort this returns at once; the threads end with their batches, or after the grace period.
    const closed = engine.close();
    if (plan.signal?.aborted) closed.catch(() => {});
    else await closed;
  }
}

/**
 * Runs the batches `plan.todo` on `pool`, in chunks ({@link ChunkSizer}: one batch each until the first
 * come back, then as many as run in ~20 ms, fewer as the run ends). Each thread holds two chunks (it runs
 * one, the next waits in it), so while there is work for both a worker does not wait for this thread,
 * and stopping means not sending more. A slot with nothing left to send takes back the batches a chunk
 * has not started (a slow batch would hold them up) and sends them on. A worker that dies takes its
 * chunks down: the batch it ran counts an attempt (`plan.retries`); the others, waiting or done with
 * their outcomes lost (their flag not RUNNING), go back to the queue without one, so a batch that kills
 * its worker cannot use up a neighbour's retries. On abort the promise rejects at once (`ABORTED`) and a
 * shared stop flag makes the workers skip the batches not yet started; the batches already running end
 * on their own (or the engine's grace period ends them when it closes). On a callback or checkpoint
 * error, it rejects once the running batches end.
 */
async function runOnPool(
  pool: Piscina,
  threads: number,
  plan: BatchPlan,
  finish: Finish,
  engine: { readonly closed: () => boolean; readonly running: Set<() => void> },
): Promise<void> {
  const { closed, running } = engine;
  const { todo, signal } = plan;
  let stop: 'abort' | { error: unknown } | undefined;
  let aborted: () => void = () => {};
  const abortSettles = new Promise<void>((resolve) => {
    aborted = resolve;
  });
  // A flag per batch, and last the stop flag that makes workers skip the batches still waiting in them
  // (set when this run stops, or when the engine closes).
  const started = new Int32Array(new SharedArrayBuffer(4 * (plan.inputs.length + 1)));
  const skipWaiting = () => Atomics.store(started, plan.inputs.length, 1);
  const halt = (why: 'abort' | { error: unknown }) => {
    stop ??= why;
    skipWaiting();
  };
  const onAbort = () => {
    halt('abort');
    aborted();
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  running.add(skipWaiting); // the engine closing: the waiting batches end as errored without running
  const state: RunState = { left: todo.length };
  // Which chunk answers for each batch (its token), and how often each batch's worker died under another.
  const owner = new Int32Array(plan.inputs.length);
  const deaths = new Uint8Array(plan.inputs.length);
  let tokens = FIRST_TOKEN;
  /** Gives batches to a new chunk: their flags and owner take its token. */
  const assign = (indices: readonly number[]): Chunk => {
    const token = tokens++;
    for (const i of indices) {
      Atomics.store(started, i, token);
      owner[i] = token;
    }
    return { token, indices };
  };
  const request = (chunk: Chunk): WorkerRequest & { [RUN_TAG]: RunTag } => ({
    task: plan.task,
    batches: chunk.indices.map((index) => ({ index, input: plan.inputs[index] })),
    seed: plan.seed,
    budget: CHUNK_BUDGET_MS,
    token: chunk.token,
    started,
    [RUN_TAG]: { run: state, size: chunk.indices.length },
  });
  const deliver = (i: number, out: BatchReply) => {
    if (stop !== undefined) return;
    try {
      finish(i, out.ok ? { ok: true, value: fromV8(out.v8), v8: out.v8 } : out);
    } catch (e) {
      halt({ error: e });
    }
  };
  // Batch i alone, until it has an outcome: after `failed` (its chunk's error), if given.
  const one = async (i: number, failed?: { error: unknown }): Promise<void> => {
    let out: BatchReply | undefined;
    let waited = 0;
    for (let attempt = 0; out === undefined; ) {
      try {
        if (failed) throw failed.error;
        out = ((await pool.run(request(assign([i])))) as WorkerReply).outcomes[0] as BatchReply;
      } catch (e) {
        if (failed === undefined) state.left++; // to be placed again (a chunk's failure counted its own)
        failed = undefined;
        const err = errorData(e);
        // An input that cannot cross the thread is the task's fault: no retry.
        if (isCloneError(err)) out = { ok: false, error: cloneError(e) };
        else if (
          Atomics.exchange(started, i, 0) !== RUNNING &&
          waited++ < MAX_DEATHS_WAITING &&
          stop === undefined &&
          !closed()
        ) {
          // Its worker died while this batch waited, or after it ran (its outcome went with the worker):
          // another batch killed it; not an attempt of this one.
        } else if (attempt++ >= plan.retries || stop !== undefined) {
          // The worker died (process.exit, out of memory, a crash, the pool closed): piscina replaced it.
          out = { ok: false, error: { ...err, name: 'WorkerError', message: `worker died: ${err.message}` } };
        }
      }
    }
    deliver(i, out);
  };
  // Batches that go back to the run's queue: not started by their chunk (its budget ran out, or its worker
  // died first), or done with their outcomes lost with the worker.
  const returned: number[] = [];
  const sent = new Set<Chunk>();
  // A chunk in one message. When it fails, the batch that was running goes on alone (an attempt, or its
  // error); the chunk's other batches go back to the queue, free, unless their worker has died under
  // them too often. A chunk that cannot cross the thread does not say which input could not: each of its
  // batches is sent alone.
  const send = async (chunk: Chunk): Promise<void> => {
    sent.add(chunk);
    let reply: WorkerReply;
    try {
      reply = (await pool.run(request(chunk))) as WorkerReply;
    } catch (e) {
      sent.delete(chunk);
      const mine = chunk.indices.filter((i) => owner[i] === chunk.token);
      state.left += mine.length;
      if (isCloneError(errorData(e)) && mine.length > 1) {
        for (const i of mine) await one(i);
        return;
      }
      for (const i of mine) {
        const died = (deaths[i] ?? 0) + 1;
        deaths[i] = died;
        if (Atomics.load(started, i) === RUNNING || died > MAX_DEATHS_WAITING || stop !== undefined)
          await one(i, { error: e });
        else returned.push(i);
      }
      return;
    }
    sent.delete(chunk);
    sizer.record(reply);
    for (const [k, i] of chunk.indices.entries()) {
      if (owner[i] !== chunk.token) continue; // taken back: another chunk answers for it
      const out = reply.outcomes[k];
      if (k >= reply.outcomes.length) {
        state.left++;
        returned.push(i); // its chunk's budget ran out before it
      } else if (out) deliver(i, out);
    }
  };
  // For a slot with nothing left to send: the later half of the batches not yet started of the chunk on
  // its way with the most of them, so a slow batch does not hold up the batches behind it in its chunk
  // while a worker is idle. A chunk none of whose batches has started yet gives only if it has two or more
  // (a whole chunk waiting goes to the first free worker anyway).
  const takeBack = (): Chunk | undefined => {
    let from: Chunk | undefined;
    let waiting: number[] = [];
    for (const chunk of sent) {
      const mine = chunk.indices.filter((i) => owner[i] === chunk.token);
      const unstarted = mine.filter((i) => Atomics.load(started, i) === chunk.token);
      const begun = unstarted.length < mine.length;
      if (unstarted.length >= (begun ? 1 : 2) && unstarted.length > waiting.length) {
        from = chunk;
        waiting = unstarted;
      }
    }
    if (from === undefined) return undefined;
    const token = tokens++;
    const taken: number[] = [];
    for (const i of waiting.slice(Math.floor(waiting.length / 2)))
      if (Atomics.compareExchange(started, i, from.token, token) === from.token) {
        owner[i] = token;
        taken.push(i);
      }
    state.left += taken.length;
    return taken.length > 0 ? { token, indices: taken } : undefined;
  };
  const slots = Math.min(TASKS_PER_WORKER * threads, todo.length);
  const sizer = new ChunkSizer(slots, inputBytes(plan.inputs[todo[0] ?? 0], plan.inputs[todo[1] ?? -1]));
  let next = 0;
  const slot = async () => {
    while (stop === undefined) {
      const left = returned.length + todo.length - next;
      if (left > 0) {
        const size = sizer.size(left);
        if (returned.length > 0) await send(assign(returned.splice(0, size)));
        else {
          const first = next;
          next += size;
          await send(assign(todo.slice(first, next)));
        }
      } else {
        const taken = takeBack();
        if (taken === undefined) break;
        await send(taken);
      }
    }
  };
  const slotsDone = Promise.all(Array.from({ length: slots }, slot)).finally(() => {
    signal?.removeEventListener('abort', onAbort);
    running.delete(skipWaiting);
  });
  await Promise.race([slotsDone, abortSettles]);
  if (stop === 'abort' || signal?.aborted) {
    slotsDone.catch(() => {});
    throw abortError();
  }
  await slotsDone;
  if (stop !== undefined) throw stop.error;
}
