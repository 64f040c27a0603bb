/**
 * Wegstein acceleration of a fixed-point iteration x = g(x), applied element by element with the
 * acceleration factor q bounded to [qMin, 0] (q = 0 is direct substitution; q < 0 extrapolates).
 */

/** Lower bound of Wegstein's q; -5 is the usual conservative choice in process simulators. */
export const WEGSTEIN_Q_MIN = -5;

/**
 * Next estimate from the last two estimates and their images. Non-negative inputs give non-negative output.
 *
 * @param x current estimate x_k
 * @param gx its image g(x_k)
 * @param xPrev previous estimate x_{k-1} (undefined on the first step: direct substitution)
 * @param gxPrev previous image g(x_{k-1})
 */
export function wegsteinStep(
  x: readonly number[],
  gx: readonly number[],
  xPrev?: readonly number[],
  gxPrev?: readonly number[],
): number[] {
  if (!xPrev || !gxPrev) return [...gx];
  return gx.map((g, i) => {
    const dx = (x[i] ?? 0) - (xPrev[i] ?? 0);
    if (dx === 0) return g;
    const s = (g - (gxPrev[i] ?? 0)) / dx;
    if (!Number.isFinite(s) || s >= 1) return g;
    const q = Math.min(0, Math.max(WEGSTEIN_Q_MIN, s / (s - 1)));
    const next = q * (x[i] ?? 0) + (1 - q) * g;
    return Number.isFinite(next) && next >= 0 ? next : g;
  });
}
