/**
 * Small dense linear algebra on row-major Float64Arrays, for the blocks of the cascade Jacobian.
 * LU with partial pivoting; sizes up to a few tens. No allocation in the hot loops beyond the caller's buffers.
 */

/**
 * LU-factorises the n×n matrix `a` in place (row-major) with partial pivoting; `pivot` receives the row
 * permutation. Returns false when a pivot is zero or not finite (a singular block).
 */
export function luFactor(a: Float64Array, n: number, pivot: Int32Array): boolean {
  for (let k = 0; k < n; k++) {
    let p = k;
    let max = Math.abs(a[k * n + k] as number);
    for (let i = k + 1; i < n; i++) {
      const v = Math.abs(a[i * n + k] as number);
      if (v > max) {
        max = v;
        p = i;
      }
    }
    pivot[k] = p;
    if (!(max > 0) || !Number.isFinite(max)) return false;
    if (p !== k) {
      for (let j = 0; j < n; j++) {
        const t = a[k * n + j] as number;
        a[k * n + j] = a[p * n + j] as number;
        a[p * n + j] = t;
      }
    }
    const d = a[k * n + k] as number;
    for (let i = k + 1; i < n; i++) {
      const f = (a[i * n + k] as number) / d;
      a[i * n + k] = f;
      if (f === 0) continue;
      for (let j = k + 1; j < n; j++) a[i * n + j] = (a[i * n + j] as number) - f * (a[k * n + j] as number);
    }
  }
  return true;
}

/**
 * Solves A X = B in place for `m` right-hand sides stored as the columns of the n×m row-major `b`, given the
 * LU factors of A from {@link luFactor}.
 */
export function luSolve(lu: Float64Array, n: number, pivot: Int32Array, b: Float64Array, m: number): void {
  for (let k = 0; k < n; k++) {
    const p = pivot[k] as number;
    if (p !== k) {
      for (let c = 0; c < m; c++) {
        const t = b[k * m + c] as number;
        b[k * m + c] = b[p * m + c] as number;
        b[p * m + c] = t;
      }
    }
  }
  for (let i = 1; i < n; i++) {
    for (let k = 0; k < i; k++) {
      const f = lu[i * n + k] as number;
      if (f === 0) continue;
      for (let c = 0; c < m; c++) b[i * m + c] = (b[i * m + c] as number) - f * (b[k * m + c] as number);
    }
  }
  for (let i = n - 1; i >= 0; i--) {
    for (let k = i + 1; k < n; k++) {
      const f = lu[i * n + k] as number;
      if (f === 0) continue;
      for (let c = 0; c < m; c++) b[i * m + c] = (b[i * m + c] as number) - f * (b[k * m + c] as number);
    }
    const d = lu[i * n + i] as number;
    for (let c = 0; c < m; c++) b[i * m + c] = (b[i * m + c] as number) / d;
  }
}
