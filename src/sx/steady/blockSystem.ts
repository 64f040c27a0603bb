/**
 * A block-tridiagonal linear system with blocks of varying size and one extra "spike" row, and its solution
 * by block Thomas elimination with partially pivoted LU of each diagonal block.
 *
 * Block row j (unknowns z_j, n_j of them): A_j·z_{j−1} + B_j·z_j + C_j·z_{j+1} = r_j. A and C are sparse
 * (lists of entries), B is dense. The spike row is one row of the last block whose equation also has entries
 * on the first block's unknowns (the cascade's split equation couples the raffinate, stage 1, to the product,
 * stage N); it is carried through the elimination as a single row vector, which costs O(n²) per block.
 * Cost: O(Σ n_j³).
 */
import { intZeros, zeros } from '../../core/scratch.js';

/** Storage of one system, reusable across Newton iterations of one cascade. */
export interface BlockSystem {
  readonly N: number;
  /** Unknowns per block and the offset of each block in the flat unknown vector. */
  readonly size: Int32Array;
  readonly offset: Int32Array;
  /** Dense diagonal blocks, row-major, block j at `denseOffset[j]`. */
  readonly B: Float64Array;
  readonly denseOffset: Int32Array;
  /** Sparse couplings: entries (row in block j, column in block j∓1, value), block j's at [start[j], start[j+1]). */
  readonly A: SparseBlocks;
  readonly C: SparseBlocks;
  /** Right-hand side (flat). */
  readonly rhs: Float64Array;
  /** Spike: the row (index within the last block) and its entries on the first block's unknowns; row −1: none. */
  spikeRow: number;
  readonly spike: Float64Array;
}

/** Sparse entries per block, appended in block order. */
export interface SparseBlocks {
  row: Int32Array;
  col: Int32Array;
  val: Float64Array;
  /** Entries of block j are [start[j], start[j + 1]). */
  readonly start: Int32Array;
  count: number;
}

function sparse(N: number, capacity: number): SparseBlocks {
  return {
    row: intZeros(capacity),
    col: intZeros(capacity),
    val: zeros(capacity),
    start: intZeros(N + 1),
    count: 0,
  };
}

/** Appends an entry to the current block of `s` (grows the arrays when full, out of line: the call stays small). */
export function push(s: SparseBlocks, row: number, col: number, val: number): void {
  if (s.count === s.row.length) grow(s);
  s.row[s.count] = row;
  s.col[s.count] = col;
  s.val[s.count] = val;
  s.count++;
}

/** Doubles the capacity of `s`, keeping its entries. */
function grow(s: SparseBlocks): void {
  const n = s.row.length * 2 + 16;
  const row = intZeros(n);
  const col = intZeros(n);
  const val = zeros(n);
  row.set(s.row);
  col.set(s.col);
  val.set(s.val);
  s.row = row;
  s.col = col;
  s.val = val;
}

/** A system for blocks of the given sizes (zeroed). */
export function blockSystem(sizes: readonly number[]): BlockSystem {
  const N = sizes.length;
  const size = intZeros(N);
  size.set(sizes);
  const offset = intZeros(N + 1);
  const denseOffset = intZeros(N + 1);
  for (let j = 0; j < N; j++) {
    offset[j + 1] = (offset[j] as number) + (size[j] as number);
    denseOffset[j + 1] = (denseOffset[j] as number) + (size[j] as number) ** 2;
  }
  const total = offset[N] as number;
  return {
    N,
    size,
    offset,
    B: zeros(denseOffset[N] as number),
    denseOffset,
    A: sparse(N, 4 * total),
    C: sparse(N, 4 * total),
    rhs: zeros(total),
    spikeRow: -1,
    spike: zeros(size[0] ?? 0),
  };
}

/** Clears the entries and right-hand side for a new assembly. */
export function resetSystem(s: BlockSystem): void {
  s.B.fill(0);
  s.rhs.fill(0);
  s.A.count = 0;
  s.C.count = 0;
  s.A.start.fill(0);
  s.C.start.fill(0);
  s.spikeRow = -1;
  s.spike.fill(0);
}

/** Work arrays of {@link solveBlockSystem}. */
export interface BlockWork {
  /** LU factors of the reduced diagonal blocks (laid out like `B`) and their row swaps. */
  lu: Float64Array;
  piv: Int32Array;
  /** G_j = B'^{-1}_j C_j (n_j × n_{j+1}, dense, row-major) and g_j = B'^{-1}_j r'_j. */
  G: Float64Array;
  gOffset: Int32Array;
  g: Float64Array;
  row: Float64Array;
  next: Float64Array;
}

export function blockWork(s: BlockSystem): BlockWork {
  const gOffset = intZeros(s.N + 1);
  for (let j = 0; j < s.N; j++)
    gOffset[j + 1] =
      (gOffset[j] as number) + (j + 1 < s.N ? (s.size[j] as number) * (s.size[j + 1] as number) : 0);
  let maxN = 0;
  for (let j = 0; j < s.N; j++) maxN = Math.max(maxN, s.size[j] as number);
  return {
    lu: zeros(s.B.length),
    piv: intZeros(s.offset[s.N] as number),
    G: zeros(gOffset[s.N] as number),
    gOffset,
    g: zeros(s.offset[s.N] as number),
    row: zeros(maxN),
    next: zeros(maxN),
  };
}

/**
 * Solves the system into `out` (flat). Returns false when a diagonal block is singular or a value is not
 * finite.
 */
export function solveBlockSystem(s: BlockSystem, w: BlockWork, out: Float64Array): boolean {
  const { N, size, offset, denseOffset, A, C } = s;
  const { lu, piv, G, gOffset, g } = w;
  const spike = w.row; // the spike row, carried on block j's unknowns
  const haveSpike = s.spikeRow >= 0;
  let spikeRhs = 0;
  if (haveSpike) {
    spike.fill(0);
    spike.set(s.spike);
    spikeRhs = s.rhs[(offset[N - 1] as number) + s.spikeRow] as number;
  }
  lu.set(s.B);
  g.set(s.rhs);
  for (let j = 0; j < N; j++) {
    const n = size[j] as number;
    const o = offset[j] as number;
    const d = denseOffset[j] as number;
    if (j > 0) {
      // B' = B − A_j·G_{j−1}; r' = r − A_j·g_{j−1}. A_j's entries: (row in j, column in j − 1).
      const oPrev = offset[j - 1] as number;
      const gPrev = gOffset[j - 1] as number;
      for (let k = A.start[j] as number; k < (A.start[j + 1] as number); k++) {
        const ar = A.row[k] as number;
        const ac = A.col[k] as number;
        const av = A.val[k] as number;
        const gRow = gPrev + ac * n;
        const bRow = d + ar * n;
        for (let q = 0; q < n; q++) lu[bRow + q] = (lu[bRow + q] as number) - av * (G[gRow + q] as number);
        g[o + ar] = (g[o + ar] as number) - av * (g[oPrev + ac] as number);
      }
    }
    if (j === N - 1 && haveSpike) {
      // The spike arrives on the last block: it and its right-hand side become the spike row.
      const sr = d + s.spikeRow * n;
      for (let q = 0; q < n; q++) lu[sr + q] = (lu[sr + q] as number) + (spike[q] as number);
      g[o + s.spikeRow] = spikeRhs;
    }
    if (!factor(lu, d, n, piv, o)) return false;
    if (j < N - 1) {
      const nNext = size[j + 1] as number;
      const gOff = gOffset[j] as number;
      // G_j = B'^{-1}·C_j: C_j's entries as a dense n × nNext right-hand side, solved in one pass.
      G.fill(0, gOff, gOff + n * nNext);
      for (let k = C.start[j] as number; k < (C.start[j + 1] as number); k++) {
        const at = gOff + (C.row[k] as number) * nNext + (C.col[k] as number);
        G[at] = (G[at] as number) + (C.val[k] as number);
      }
      solveMany(lu, d, n, piv, o, G, gOff, nNext);
      if (haveSpike) {
        // Eliminate z_j from the spike row: t = spike·B'^{-1}; spikeRhs −= t·r' (r' not yet solved);
        // the spike on z_{j+1} is −t·C_j.
        solveTransposed(lu, d, n, piv, o, spike);
        let dot = 0;
        for (let q = 0; q < n; q++) dot += (spike[q] as number) * (g[o + q] as number);
        spikeRhs -= dot;
        const next = w.next;
        next.fill(0);
        for (let k = C.start[j] as number; k < (C.start[j + 1] as number); k++) {
          const cq = C.col[k] as number;
          next[cq] = (next[cq] as number) - (spike[C.row[k] as number] as number) * (C.val[k] as number);
        }
        spike.fill(0);
        for (let q = 0; q < nNext; q++) spike[q] = next[q] as number;
      }
    }
    solveMany(lu, d, n, piv, o, g, o, 1);
  }
  // Back substitution: z_j = g_j − G_j z_{j+1}.
  for (let j = N - 1; j >= 0; j--) {
    const n = size[j] as number;
    const o = offset[j] as number;
    if (j === N - 1) {
      for (let q = 0; q < n; q++) out[o + q] = g[o + q] as number;
      continue;
    }
    const nNext = size[j + 1] as number;
    const gOff = gOffset[j] as number;
    const oNext = offset[j + 1] as number;
    for (let t = 0; t < n; t++) {
      let v = g[o + t] as number;
      const gr = gOff + t * nNext;
      for (let q = 0; q < nNext; q++) v -= (G[gr + q] as number) * (out[oNext + q] as number);
      out[o + t] = v;
    }
  }
  const total = offset[N] as number;
  for (let q = 0; q < total; q++) if (!Number.isFinite(out[q] as number)) return false;
  return true;
}

/**
 * In-place LU with partial pivoting of the n×n block at `a[d..]` (row-major); row swaps recorded
 * LAPACK-style in `p[po..]`. False if singular.
 */
function factor(a: Float64Array, d: number, n: number, p: Int32Array, po: number): boolean {
  for (let k = 0; k < n; k++) {
    let pk = k;
    let max = Math.abs(a[d + k * n + k] as number);
    for (let i = k + 1; i < n; i++) {
      const v = Math.abs(a[d + i * n + k] as number);
      if (v > max) {
        max = v;
        pk = i;
      }
    }
    p[po + k] = pk;
    if (!(max > 0) || !Number.isFinite(max)) return false;
    if (pk !== k) {
      const r1 = d + k * n;
      const r2 = d + pk * n;
      for (let t = 0; t < n; t++) {
        const tmp = a[r1 + t] as number;
        a[r1 + t] = a[r2 + t] as number;
        a[r2 + t] = tmp;
      }
    }
    const rk = d + k * n;
    const dk = a[rk + k] as number;
    for (let i = k + 1; i < n; i++) {
      const ri = d + i * n;
      const f = (a[ri + k] as number) / dk;
      a[ri + k] = f;
      if (f === 0) continue;
      for (let t = k + 1; t < n; t++) a[ri + t] = (a[ri + t] as number) - f * (a[rk + t] as number);
    }
  }
  return true;
}

/**
 * Solves A·X = B in place for the n × m right-hand side stored row-major at `b[bo..]`, given the LU of A at
 * `lu[d..]` with swaps `p[po..]`.
 */
function solveMany(
  lu: Float64Array,
  d: number,
  n: number,
  p: Int32Array,
  po: number,
  b: Float64Array,
  bo: number,
  m: number,
): void {
  for (let k = 0; k < n; k++) {
    const pk = p[po + k] as number;
    if (pk !== k) {
      const r1 = bo + k * m;
      const r2 = bo + pk * m;
      for (let c = 0; c < m; c++) {
        const t = b[r1 + c] as number;
        b[r1 + c] = b[r2 + c] as number;
        b[r2 + c] = t;
      }
    }
  }
  for (let i = 1; i < n; i++) {
    const ri = bo + i * m;
    for (let k = 0; k < i; k++) {
      const f = lu[d + i * n + k] as number;
      if (f === 0) continue;
      const rk = bo + k * m;
      for (let c = 0; c < m; c++) b[ri + c] = (b[ri + c] as number) - f * (b[rk + c] as number);
    }
  }
  for (let i = n - 1; i >= 0; i--) {
    const ri = bo + i * m;
    for (let k = i + 1; k < n; k++) {
      const f = lu[d + i * n + k] as number;
      if (f === 0) continue;
      const rk = bo + k * m;
      for (let c = 0; c < m; c++) b[ri + c] = (b[ri + c] as number) - f * (b[rk + c] as number);
    }
    const inv = 1 / (lu[d + i * n + i] as number);
    for (let c = 0; c < m; c++) b[ri + c] = (b[ri + c] as number) * inv;
  }
}

/** Solves xᵀ·A = bᵀ (Aᵀx = b) in place (b of length n at offset 0) given the LU of A (P·A = L·U). */
function solveTransposed(
  lu: Float64Array,
  d: number,
  n: number,
  p: Int32Array,
  po: number,
  b: Float64Array,
): void {
  // Aᵀ = Uᵀ·Lᵀ·P: solve Uᵀa = b (forward), Lᵀc = a (backward, unit diagonal), x = Pᵀc.
  for (let i = 0; i < n; i++) {
    let v = b[i] as number;
    for (let k = 0; k < i; k++) v -= (lu[d + k * n + i] as number) * (b[k] as number);
    b[i] = v / (lu[d + i * n + i] as number);
  }
  for (let i = n - 1; i >= 0; i--) {
    let v = b[i] as number;
    for (let k = i + 1; k < n; k++) v -= (lu[d + k * n + i] as number) * (b[k] as number);
    b[i] = v;
  }
  for (let k = n - 1; k >= 0; k--) {
    const pk = p[po + k] as number;
    if (pk !== k) {
      const t = b[k] as number;
      b[k] = b[pk] as number;
      b[pk] = t;
    }
  }
}
