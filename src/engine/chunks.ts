/**
 * Chunks: the local engine sends a worker several batches of a run in one message when batches are short,
 * and gets their outcomes back in one reply. On a virtual machine each message costs the main thread a
 * wake-up and the worker a gap of ~0.2-0.7 ms (bench/README.md), which batches of a few milliseconds would
 * otherwise pay each. Which batches travel together changes where and when they run, never what they
 * compute (each batch's generator is seeded by its index).
 */
import type { WorkerReply } from './worker.js';

/**
 * How long (ms, by the batches measured so far) a chunk may run. A chunk's outcomes reach the callback
 * (progress, checkpoint) together when it ends: with the budget below and the chunk it may wait behind in
 * its worker, ~2-4 times this late, and later when a batch runs longer than the budget.
 */
export const CHUNK_MS = 20;

/**
 * How long (ms) a chunk may run on its worker before the batches it has not started come back (batches
 * slower than those measured so far): twice {@link CHUNK_MS}.
 */
export const CHUNK_BUDGET_MS = 2 * CHUNK_MS;

/**
 * The bytes a chunk may carry each way: its inputs to the worker (by what a second input of the run adds to
 * a message beside the first, measured once) and its outcomes back (by the batches measured so far): 8 MiB.
 */
export const CHUNK_BYTES = 8 * 1024 * 1024;

/**
 * How many batches the next chunk of a run holds: one until a chunk has come back, then as many as run in
 * {@link CHUNK_MS} and carry at most {@link CHUNK_BYTES} each way (inputs by what one input adds to a
 * message, outcomes by the batches measured so far), at most
 * twice the largest chunk come back so far (batches slower than the first ones cost little), and never
 * more than half the batches left divided among the run's slots, so chunks shrink to one batch as the run
 * ends and no worker is left holding more than its share while another waits (guided scheduling).
 */
export class ChunkSizer {
  #batches = 0;
  #ms = 0;
  #bytes = 0;
  #largest = 0;
  /**
   * @param slots the run's slots (chunks on their way at once)
   * @param inputBytes what one input adds to a message to a worker (V8-serialised; data the inputs share
   *   crosses once): inputs of one study are alike in size
   */
  constructor(
    readonly slots: number,
    readonly inputBytes = 0,
  ) {}

  /** Takes in a chunk that came back. */
  record(reply: WorkerReply): void {
    let ran = 0;
    for (const out of reply.outcomes) {
      if (out === null) continue; // taken back, not run here
      ran++;
      if (out.ok) this.#bytes += out.v8.byteLength;
    }
    this.#largest = Math.max(this.#largest, ran);
    this.#batches += ran;
    this.#ms += reply.ms;
  }

  /** The size of the next chunk, `left` batches of the run not yet given to a worker. */
  size(left: number): number {
    if (this.#batches === 0) return 1;
    const byTime = CHUNK_MS / Math.max(this.#ms / this.#batches, 1e-3);
    const byBytes = CHUNK_BYTES / Math.max(this.#bytes / this.#batches, this.inputBytes, 1);
    return Math.max(1, Math.floor(Math.min(byTime, byBytes, left / (2 * this.slots), 2 * this.#largest)));
  }
}
