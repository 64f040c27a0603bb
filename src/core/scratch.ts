/**
 * Work arrays for the solvers' hot paths: zeroed `Float64Array` and `Int32Array` views cut from 64 KiB
 * buffers that a solve reuses from the one before, instead of a buffer of their own each.
 *
 * Why: a typed array over 64 bytes gets its backing store from `calloc`, outside V8's heap; V8 counts it
 * as external memory and frees it on a background thread after the scavenge that finds it dead. Measured
 * on this machine kind (Node 20.20): 1.1 µs on the allocating thread and 0.6 µs on a background thread per
 * 52-element array, against 0.07 µs for a view of an existing buffer. A 26 + 26-stage cascade solve made
 * ~40 such arrays (47 KB): on two worker threads, the frees and the collections that the external memory
 * set off (a full mark-compact every ~600 solves) ran on the worker threads' time.
 *
 * Two regimes:
 * - Inside {@link withScratch}: arrays are cut from a pool of buffers, and when the outermost call
 *   returns, everything cut inside is free for the next call. Nothing cut inside may outlive the call:
 *   what a result keeps goes through {@link owned} first. Scopes nest (an inner scope's arrays are free
 *   when it returns; the outer scope's are untouched).
 * - Outside: arrays are cut from buffers that are never reused (a buffer is left to the garbage collector
 *   when its last view dies), so they may be kept for ever, as `new Float64Array(n)` may.
 *
 * Either way a caller gets what `new Float64Array(n)` gives: a zeroed array that shares no element with
 * any other live array. The state here is per thread (each worker has its own module) and holds no
 * values from one solve to the next, only memory.
 */

/** Bytes in one buffer. */
const CHUNK = 1 << 16;
/** Requests above this many bytes get a buffer of their own (a shared buffer would waste its tail). */
const LARGEST = CHUNK >> 2;
/** Buffers the pool keeps after the outermost scope returns (a very large solve's extra ones are dropped). */
const KEPT = 32;

/** The scopes' buffers; `index` and `used` mark the next free byte. */
const pool: ArrayBuffer[] = [];
let index = -1;
let used = CHUNK;
/** Scopes open on this thread. */
let depth = 0;

/** The buffer for outside scopes, never reused, and its next free byte. */
let loose = new ArrayBuffer(CHUNK);
let looseUsed = 0;

/** The buffer {@link cut} chose. */
let chosen: ArrayBuffer = loose;

/** Byte offset of `bytes` free bytes, 8-byte aligned, in the buffer it leaves in `chosen`. */
function cut(bytes: number): number {
  const size = (bytes + 7) & ~7;
  if (depth === 0) {
    if (looseUsed + size > CHUNK) {
      loose = new ArrayBuffer(CHUNK);
      looseUsed = 0;
    }
    chosen = loose;
    looseUsed += size;
    return looseUsed - size;
  }
  if (index < 0 || used + size > CHUNK) {
    index++;
    used = 0;
    if (index === pool.length) pool.push(new ArrayBuffer(CHUNK));
  }
  chosen = pool[index] as ArrayBuffer;
  used += size;
  return used - size;
}

/**
 * Whether `n` elements of `bytes` each are cut from a shared buffer: a length (a negative or fractional one
 * goes to the typed array's constructor, which throws, before the buffers are touched) small enough.
 */
function fits(n: number, bytes: number): boolean {
  return Number.isInteger(n) && n >= 0 && n * bytes <= LARGEST;
}

/** A zeroed Float64Array of length `n` that shares no element with another live array (see the module's doc). */
export function zeros(n: number): Float64Array {
  if (!fits(n, 8)) return new Float64Array(n);
  const at = cut(n * 8);
  const a = new Float64Array(chosen, at, n);
  if (depth > 0) a.fill(0);
  return a;
}

/** A zeroed Int32Array of length `n` that shares no element with another live array (see the module's doc). */
export function intZeros(n: number): Int32Array {
  if (!fits(n, 4)) return new Int32Array(n);
  const at = cut(n * 4);
  const a = new Int32Array(chosen, at, n);
  if (depth > 0) a.fill(0);
  return a;
}

/**
 * Runs `work` with a scratch scope open: the arrays {@link zeros} and {@link intZeros} give during it are
 * reused after it returns or throws, so none of them may be reachable from what it returns (copy with
 * {@link owned}) or from anything that outlives it.
 */
export function withScratch<T>(work: () => T): T {
  const markIndex = index;
  const markUsed = used;
  depth++;
  try {
    return work();
  } finally {
    depth--;
    index = markIndex;
    used = markUsed;
    // Trimmed only when no scope holds buffers (not when this one ran inside `lasting` inside another).
    if (markIndex < 0 && depth === 0 && pool.length > KEPT) pool.length = KEPT;
  }
}

/**
 * Runs `make` with no scratch scope open, so that the arrays it gets are never reused: for what outlives
 * the scope it is called in (a thread's shared work arrays, a prepared cascade).
 */
export function lasting<T>(make: () => T): T {
  const open = depth;
  depth = 0;
  try {
    return make();
  } finally {
    depth = open;
  }
}

/** Whether `a` is the whole of its buffer (not a view of a shared one). */
export function ownsBuffer(a: Float64Array | Int32Array): boolean {
  return a.byteLength === a.buffer.byteLength;
}

/** `a` itself when it owns its whole buffer, else a copy that does. */
export function owned<T extends Float64Array | Int32Array>(a: T): T {
  return ownsBuffer(a) ? a : (a.slice() as T);
}
