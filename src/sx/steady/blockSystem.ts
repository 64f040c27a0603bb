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
    row: new Int32Array(capacity),
    col: new Int32Array(capacity),
    val: new Float64Array(capacity),
    start: new Int32Array(N + 1),
    count: 0,
  };
}

/** Appends an entry to the current block of `s` (grows the arrays when full). */
export function push(s: SparseBlocks, row: number, col: number, val: number): void {
  if (s.count === s.row.length) {
    const grow = <T extends Int32Array | Float64Array>(a: T, make: (n: number) => T): T => {
      const b = make(a.length * 2 + 16);
      b.set(a);
      return b;
    };
    s.row = grow(s.row, (n) => new Int32Array(n));
    s.col = grow(s.col, (n) => new Int32Array(n));
    s.val = grow(s.val, (n) => new Float64Array(n));
  }
  s.row[s.count] = row;
  s.col[s.count] = col;
  s.val[s.count] = val;
  s.count++;
}

/** A system for blocks of the given sizes (zeroed). */
export function blockSystem(sizes: readonly number[]): BlockSystem {
  const N = sizes.length;
  const size = Int32Array.from(sizes);
  const offset = new Int32Array(N + 1);
  const denseOffset = new Int32Array(N + 1);
  for (let j = 0; j < N; j++) {
    offset[j + 1] = (offset[j] as number) + (size[j] as number);
    denseOffset[j + 1] = (denseOffset[j] as number) + (size[j] as number) ** 2;
  }
  const total = offset[N] as number;
  return {
    N,
    size,
    offset,
    B: new Float64Array(denseOffset[N] as number),
    denseOffset,
    A: sparse(N, 4 * total),
    C: sparse(N, 4 * total),
    rhs: new Float64Array(total),
    spikeRow: -1,
    spike: new Float64Array(size[0] ?? 0),
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
  lu: Float64Array;
  piv: Int32Array;
  /** G_j = B'^{-1}_j C_j (n_j × n_{j+1}, dense), g_j = B'^{-1}_j r'_j. */
  G: Float64Array;
  g: Float64Array;
  col: Float64Array;
  row: Float64Array;
}

export function blockWork(s: BlockSystem): BlockWork {
  let gSize = 0;
  for (let j = 0; j + 1 < s.N; j++) gSize += (s.size[j] as number) * (s.size[j + 1] as number);
  const maxN = Math.max(...s.size);
  return {
    lu: new Float64Array(s.B.length),
    piv: new Int32Array(s.offset[s.N] as number),
    G: new Float64Array(gSize),
    g: new Float64Array(s.offset[s.N] as number),
    col: new Float64Array(maxN),
    row: new Float64Array(maxN),
  };
}

/**
 * Solves the system; the solution overwrites nothing of `s` and is returned in `out` (flat). Returns false
 * when a diagonal block is singular or a value is not finite.
 */
export function solveBlockSystem(s: BlockSystem, w: BlockWork, out: Float64Array): boolean {
  const { N, size, offset, denseOffset } = s;
  const { lu, piv, G, g, col, row } = w;
  let gOff = 0; // offset of G_{j} in G
  let gPrevOff = 0;
  let spikeRhs = 0;
  const spike = row; // the spike row carried on block j's unknowns
  const haveSpike = s.spikeRow >= 0;
  if (haveSpike) {
    spike.fill(0);
    spike.set(s.spike);
    spikeRhs = s.rhs[(offset[N - 1] as number) + s.spikeRow] as number;
  }
  for (let j = 0; j < N; j++) {
    const n = size[j] as number;
    const o = offset[j] as number;
    const d = denseOffset[j] as number;
    const B = lu.subarray(d, d + n * n);
    B.set(s.B.subarray(d, d + n * n));
    const r = g.subarray(o, o + n);
    r.set(s.rhs.subarray(o, o + n));
    if (j > 0) {
      // B' = B − A_j·G_{j−1}; r' = r − A_j·g_{j−1}. A_j's entries: (row in j, column in j − 1).
      const nPrev = size[j - 1] as number;
      const oPrev = offset[j - 1] as number;
      for (let k = s.A.start[j] as number; k < (s.A.start[j + 1] as number); k++) {
        const ar = s.A.row[k] as number;
        const ac = s.A.col[k] as number;
        const av = s.A.val[k] as number;
        const gRow = gPrevOff + ac * n;
        for (let q = 0; q < n; q++) B[ar * n + q] = (B[ar * n + q] as number) - av * (G[gRow + q] as number);
        r[ar] = (r[ar] as number) - av * (g[oPrev + ac] as number);
      }
      void nPrev;
    }
    if (j === N - 1 && haveSpike) {
      // The spike arrives on the last block: it and its right-hand side become the spike row.
      const sr = s.spikeRow;
      for (let q = 0; q < n; q++) B[sr * n + q] = (B[sr * n + q] as number) + (spike[q] as number);
      r[sr] = spikeRhs;
    }
    const p = piv.subarray(o, o + n);
    if (!factor(B, n, p)) return false;
    if (j < N - 1) {
      const nNext = size[j + 1] as number;
      // G_j = B'^{-1}·C_j, column by column of block j + 1 that C_j touches.
      G.fill(0, gOff, gOff + n * nNext);
      for (let q = 0; q < nNext; q++) {
        col.fill(0, 0, n);
        let any = false;
        for (let k = s.C.start[j] as number; k < (s.C.start[j + 1] as number); k++) {
          if ((s.C.col[k] as number) === q) {
            col[s.C.row[k] as number] = (col[s.C.row[k] as number] as number) + (s.C.val[k] as number);
            any = true;
          }
        }
        if (!any) continue;
        luSolveInPlace(B, n, p, col);
        for (let t = 0; t < n; t++) G[gOff + t * nNext + q] = col[t] as number;
      }
      if (haveSpike && j < N - 1) {
        // Eliminate z_j from the spike row: t = spike·B'^{-1}; spikeRhs −= t·r' (before r' is solved);
        // spike on z_{j+1} = −t·C_j.
        luSolveTransposed(B, n, p, spike);
        let dot = 0;
        for (let q = 0; q < n; q++) dot += (spike[q] as number) * (r[q] as number);
        spikeRhs -= dot;
        const next = col;
        next.fill(0, 0, nNext);
        for (let k = s.C.start[j] as number; k < (s.C.start[j + 1] as number); k++) {
          const cq = s.C.col[k] as number;
          next[cq] = (next[cq] as number) - (spike[s.C.row[k] as number] as number) * (s.C.val[k] as number);
        }
        spike.fill(0);
        for (let q = 0; q < nNext; q++) spike[q] = next[q] as number;
      }
    }
    luSolveInPlace(B, n, p, r);
    gPrevOff = gOff;
    if (j < N - 1) gOff += n * (size[j + 1] as number);
  }
  // Back substitution: z_j = g_j − G_j z_{j+1}.
  let gBack = gOff;
  for (let j = N - 1; j >= 0; j--) {
    const n = size[j] as number;
    const o = offset[j] as number;
    if (j === N - 1) {
      for (let q = 0; q < n; q++) out[o + q] = g[o + q] as number;
      continue;
    }
    const nNext = size[j + 1] as number;
    gBack -= n * nNext;
    const oNext = offset[j + 1] as number;
    for (let t = 0; t < n; t++) {
      let v = g[o + t] as number;
      const gr = gBack + t * nNext;
      for (let q = 0; q < nNext; q++) v -= (G[gr + q] as number) * (out[oNext + q] as number);
      out[o + t] = v;
    }
  }
  for (let q = 0; q < (offset[N] as number); q++) if (!Number.isFinite(out[q] as number)) return false;
  return true;
}

/** In-place LU with partial pivoting (row swaps recorded LAPACK-style in `p`); false if singular. */
function factor(a: Float64Array, n: number, p: Int32Array): boolean {
  for (let k = 0; k < n; k++) {
    let pk = k;
    let max = Math.abs(a[k * n + k] as number);
    for (let i = k + 1; i < n; i++) {
      const v = Math.abs(a[i * n + k] as number);
      if (v > max) {
        max = v;
        pk = i;
      }
    }
    p[k] = pk;
    if (!(max > 0) || !Number.isFinite(max)) return false;
    if (pk !== k) {
      for (let t = 0; t < n; t++) {
        const tmp = a[k * n + t] as number;
        a[k * n + t] = a[pk * n + t] as number;
        a[pk * n + t] = tmp;
      }
    }
    const dk = a[k * n + k] as number;
    for (let i = k + 1; i < n; i++) {
      const f = (a[i * n + k] as number) / dk;
      a[i * n + k] = f;
      if (f === 0) continue;
      for (let t = k + 1; t < n; t++) a[i * n + t] = (a[i * n + t] as number) - f * (a[k * n + t] as number);
    }
  }
  return true;
}

/** Solves A·x = b in place given the LU of A. */
function luSolveInPlace(lu: Float64Array, n: number, p: Int32Array, b: Float64Array): void {
  for (let k = 0; k < n; k++) {
    const pk = p[k] as number;
    if (pk !== k) {
      const t = b[k] as number;
      b[k] = b[pk] as number;
      b[pk] = t;
    }
  }
  for (let i = 1; i < n; i++) {
    let v = b[i] as number;
    for (let k = 0; k < i; k++) v -= (lu[i * n + k] as number) * (b[k] as number);
    b[i] = v;
  }
  for (let i = n - 1; i >= 0; i--) {
    let v = b[i] as number;
    for (let k = i + 1; k < n; k++) v -= (lu[i * n + k] as number) * (b[k] as number);
    b[i] = v / (lu[i * n + i] as number);
  }
}

/** Solves xᵀ·A = bᵀ (i.e. Aᵀx = b) in place given the LU of A (P·A = L·U). */
function luSolveTransposed(lu: Float64Array, n: number, p: Int32Array, b: Float64Array): void {
  // Aᵀ = Uᵀ·Lᵀ·P: solve Uᵀa = b (forward), Lᵀc = a (backward, unit diagonal), x = Pᵀc.
  for (let i = 0; i < n; i++) {
    let v = b[i] as number;
    for (let k = 0; k < i; k++) v -= (lu[k * n + i] as number) * (b[k] as number);
    b[i] = v / (lu[i * n + i] as number);
  }
  for (let i = n - 1; i >= 0; i--) {
    let v = b[i] as number;
    for (let k = i + 1; k < n; k++) v -= (lu[k * n + i] as number) * (b[k] as number);
    b[i] = v;
  }
  for (let k = n - 1; k >= 0; k--) {
    const pk = p[k] as number;
    if (pk !== k) {
      const t = b[k] as number;
      b[k] = b[pk] as number;
      b[pk] = t;
    }
  }
}
