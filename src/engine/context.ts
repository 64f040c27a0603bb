/**
 * The per-batch task context: a generator seeded from the master seed and the batch index only, so a batch
 * draws the same numbers on any thread and in any scheduling order (../shared/reference/toolchain.md:
 * determinism across thread counts).
 */
import seedrandom from 'seedrandom';
import type { BatchError, TaskContext } from './types.js';

/** The context of batch `index` in a run seeded with `seed`. */
export function taskContext(index: number, seed: string): TaskContext {
  return { index, seed, random: batchGenerator(seed, index) };
}

/**
 * The generator of batch `index` of a run seeded with `seed`: alea seeded `${seed}:${index}`, uniform in
 * [0, 1). A piece of a batch (src/engine/pieces.ts) draws from its batch's generator, whatever its own
 * index.
 */
export function batchGenerator(seed: string, index: number): () => number {
  const rng = seedrandom.alea(`${seed}:${index}`);
  return () => rng();
}

/** A thrown value as plain data (Error's own fields do not survive structured cloning). */
export function errorData(e: unknown): BatchError {
  if (e instanceof Error) {
    const extra = e as Error & { code?: unknown; path?: unknown };
    return {
      name: e.name,
      message: e.message,
      ...(typeof extra.code === 'string' ? { code: extra.code } : {}),
      ...(typeof extra.path === 'string' ? { path: extra.path } : {}),
    };
  }
  if (typeof e === 'object' && e !== null) {
    const o = e as { name?: unknown; message?: unknown; code?: unknown };
    let text: string;
    try {
      text = typeof o.message === 'string' ? o.message : JSON.stringify(e);
    } catch {
      text = Object.prototype.toString.call(e);
    }
    return {
      name: typeof o.name === 'string' ? o.name : 'Error',
      message: text,
      ...(typeof o.code === 'string' ? { code: o.code } : {}),
    };
  }
  return { name: 'Error', message: String(e) };
}
