/**
 * The batch engine's public types: what a task receives, what a batch yields, the run options, and what a
 * backend (the local engine, or a queue of machines) implements.
 */

/** What a task receives beside its input. */
export interface TaskContext {
  /** Position of the batch in the inputs, from 0. */
  readonly index: number;
  /** The run's master seed. */
  readonly seed: string;
  /**
   * The batch's own generator, uniform in [0, 1): seedrandom's alea seeded with `${seed}:${index}`, so a
   * batch draws the same numbers whatever thread runs it and in whatever order.
   */
  readonly random: () => number;
}

/** A task: a pure function of its input and context (may be async). Its value must be structured-cloneable. */
export type Task<I = unknown, O = unknown> = (input: I, ctx: TaskContext) => O | Promise<O>;

/** A thrown error, as data (it crosses threads and checkpoint files). */
export interface BatchError {
  readonly name: string;
  readonly message: string;
  /** ReesimError code, when the task threw one. */
  readonly code?: string;
  /** ReesimError parameter path. */
  readonly path?: string;
}

/** The outcome of one batch, in input order. */
export type BatchResult<O = unknown> =
  | { readonly index: number; readonly state: 'completed'; readonly value: O }
  | { readonly index: number; readonly state: 'errored'; readonly error: BatchError };

/** A slice of a study for one machine: batches whose index % count === index. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** Options of `runBatches`. */
export interface RunBatchesOptions {
  /**
   * The task: a module URL (or absolute path) whose default export is a {@link Task}, or the name of a
   * built-in task (`cascade`, `cascade-dynamics`, `design`, `train`, `flowsheet`, `supply-chain` (input
   * `{ scenario, options }`), `parallel-lines`, `monte-carlo`, `sweep`).
   */
  readonly task: URL | string;
  /** Worker threads; 0 runs in-process (same results). Default: the available cores. */
  readonly threads?: number;
  /** Master seed (default `'reesim'`). */
  readonly seed?: string;
  /**
   * Aborts the run: the promise rejects at once (ReesimError `ABORTED`), no further batch starts, and the
   * pool closes as soon as the batches already running end (they are not killed mid-run).
   */
  readonly signal?: AbortSignal;
  /**
   * Called after each finished input with (done, total), counted in inputs: for `monteCarlo` and `sweep`
   * their batches, and in a study of at most 16 batches the pieces its last 8 are cut in.
   */
  readonly onProgress?: (done: number, total: number) => void;
  /**
   * JSON-lines checkpoint: finished batches are appended as they finish (values stored losslessly in V8's
   * structured-clone format); a rerun with the same task, seed, inputs and shard skips them.
   */
  readonly checkpoint?: string;
  /** Run only this slice of the batches (see `mergeShards`). */
  readonly shard?: Shard;
  /** Times a batch whose worker died is retried before it is reported as errored (default 1). */
  readonly retries?: number;
  /** Progress bar on stderr: default when stderr is a terminal. */
  readonly progressBar?: boolean;
  /**
   * Where the batches run: a long-lived local engine (`createEngine`) shared by several studies, or a
   * queue of machines (`redisBackend` from `reesim/distributed`). What each batch computes does not
   * change, only where it runs. Not with `threads` (the backend decides).
   */
  readonly backend?: Backend;
}

/** A batch's outcome as a backend reports it: the value with its V8 bytes, or the error as data. */
export type BatchOutcome =
  | { readonly ok: true; readonly value: unknown; readonly v8: Uint8Array }
  | { readonly ok: false; readonly error: BatchError };

/** Called by a backend once per finished batch (any order); it may throw (then the run stops). */
export type Finish = (index: number, outcome: BatchOutcome) => void;

/** One study's batches as `runBatches` hands them to a backend. */
export interface BatchPlan {
  /** The task (a built-in name or a module URL). */
  readonly task: string;
  readonly seed: string;
  /** Every input of the study (a backend runs only those of `todo`). */
  readonly inputs: readonly unknown[];
  /** Indices of the batches to run (not yet in the checkpoint; of the shard). */
  readonly todo: readonly number[];
  /** Times a batch whose worker died is retried. */
  readonly retries: number;
  readonly signal: AbortSignal | undefined;
  /** The study's identity: SHA-256 of its checkpoint header (task, seed, inputs' hash, shard). */
  readonly study: () => string;
  /** The checkpoint file, if any (a backend may report it). */
  readonly checkpoint: string | undefined;
  /** The slice of the study this run computes (its batches are `index % count === index`). */
  readonly shard: Shard | undefined;
}

/**
 * Where batches run. `run` calls `finish` once per batch of `plan.todo` (at most once per index) and
 * resolves when all are finished; it rejects with `ABORTED` at once when `plan.signal` aborts, and with
 * the error of a throwing `finish` once the running batches end.
 */
export interface Backend {
  /** `'local'` for a thread pool, `'redis'` for BullMQ. */
  readonly kind: string;
  run(plan: BatchPlan, finish: Finish): Promise<void>;
  /** Releases the backend's threads or connections. */
  close(): Promise<void>;
}
