/**
 * Species-by-species solution of a cascade's stage equations for fixed stage distribution ratios: the
 * successive-substitution ("K-value", bubble-point-like) method of multicomponent separation, here for
 * counter-current extraction.
 *
 * For fixed ratios K_ij = y*_ij / x_ij every species' stage equations are linear and independent of the
 * other species: a block-tridiagonal system with 2×2 blocks (unknowns x_j, y_j), solved exactly by block
 * Thomas elimination in O(N) per species. For a linear model (constant D) one sweep is the solution. For a
 * nonlinear model (the saturated separation-factor model, whose K_ij = S_j β_i / Σ_k β_k x_kj depends on the
 * stage's composition) sweeps are repeated with K updated from the last profile; each sweep gets the
 * exponential, many-decade profiles of trace species right at once, which is where Newton's method on raw
 * amounts is slow. Newton then polishes the result (see `newton.ts`).
 *
 * Product reflux returns ρ·L_i of each species with the scrub (L: the loaded-organic outlet, ρ = reflux / ΣL
 * taken from the last sweep): a term in the top stage's own block, so the system stays block-tridiagonal.
 * Entrainment couples a stage to both phases of both neighbours (see {@link stageCouplings}): the
 * off-diagonal 2×2 blocks are full, the elimination is the general block Thomas algorithm.
 */
import type { NormalisedCascade } from '../cascadeSpec.js';
import { isLinear, type StageConstants } from './stageEquilibrium.js';

/**
 * How a stage's equations depend on its neighbours' outflows. Stage j's aqueous inflow is
 * (1 − e_a)·x_{j+1} + e_a·x_{j−1} (the aqueous from above, and the aqueous entrained up with the organic
 * from below) and its organic inflow (1 − e_o)·y_{j−1} + e_o·y_{j+1}; the balance row takes both inflows,
 * the equilibrium row takes −(1 − E) times the inflow of the Murphree phase. At the ends the fresh organic
 * (stage 1) and the scrub with any reflux (stage N) enter whole. The loaded-organic outlet is
 * (1 − e_o)·y_N + e_a·x_N and the raffinate (1 − e_a)·x_1 + e_o·y_1.
 */
export interface StageCouplings {
  /** Coefficients of the aqueous and of the organic inflow in the equilibrium row. */
  readonly eqAqueous: number;
  readonly eqOrganic: number;
  /** Coupling to stage j−1's [x, y]: balance row [x, y], then equilibrium row [x, y]. */
  readonly below: readonly [number, number, number, number];
  /** Coupling to stage j+1's [x, y], in the same layout. */
  readonly above: readonly [number, number, number, number];
}

/** The coupling coefficients of the normalised cascade's stage equations (see {@link StageCouplings}). */
export function stageCouplings(p: NormalisedCascade): StageCouplings {
  const e = p.murphree;
  const ea = p.entrainAqueous;
  const eo = p.entrainOrganic;
  const eqAqueous = p.murphreePhase === 'aqueous' ? -(1 - e) : 0;
  const eqOrganic = p.murphreePhase === 'aqueous' ? 0 : -(1 - e);
  return {
    eqAqueous,
    eqOrganic,
    below: [ea, 1 - eo, eqAqueous * ea, eqOrganic * (1 - eo)],
    above: [1 - ea, eo, eqAqueous * (1 - ea), eqOrganic * eo],
  };
}

/** Scratch buffers for {@link solveSpecies}, sized for N stages. */
export interface SweepBuffers {
  /** G_j = B'^{-1}_j C_j (2×2 per stage) and g_j = B'^{-1}_j d'_j (2 per stage). */
  readonly G: Float64Array;
  readonly g: Float64Array;
}

/** Allocates sweep buffers for `stages` stages. */
export function sweepBuffers(stages: number): SweepBuffers {
  return { G: new Float64Array(4 * stages), g: new Float64Array(2 * stages) };
}

/**
 * Solves one species' linear stage equations for fixed ratios `K` (stage-major, N × c) and writes x_j, y_j
 * to `x`, `y` (stage-major).
 *
 * Equations per stage j (0-based, N stages), with the inflows a_j (aqueous) and o_j (organic) of
 * {@link StageCouplings}: balance a_j + o_j − x_j − y_j = 0, with the scrub s + ρ·L entering the top
 * stage's aqueous, the fresh organic o entering stage 0's organic and the feed F the inflow of its phase
 * at the feed stage; organic Murphree
 * y_j − (1−E) o_j − E K_j x_j = 0, or aqueous Murphree x_j − (1−E) a_j − (E/K_j) y_j = 0.
 */
export function solveSpecies(
  p: NormalisedCascade,
  cp: StageCouplings,
  i: number,
  K: Float64Array,
  rho: number,
  x: Float64Array,
  y: Float64Array,
  buf: SweepBuffers,
): void {
  const c = p.species.length;
  const N = p.total;
  const E = p.murphree;
  const aqueous = p.murphreePhase === 'aqueous';
  const o = p.organicIn[i] as number;
  const s = p.scrubIn[i] as number;
  const { G, g } = buf;
  const { eqAqueous, eqOrganic } = cp;
  const [abx, aby, aex, aey] = cp.below;
  const [cbx, cby, cex, cey] = cp.above;
  // Reflux ρ·L_i with L_i = e_a x_N + (1 − e_o) y_N: coefficients on the top stage's own x and y.
  const rx = rho * p.entrainAqueous;
  const ry = rho * (1 - p.entrainOrganic);
  // Forward elimination. Row 0 of each block: balance; row 1: equilibrium. Columns: [x_j, y_j].
  // A_j (coupling to z_{j−1}) = [[abx, aby], [aex, aey]]; C_j (coupling to z_{j+1}) = [[cbx, cby], [cex, cey]].
  for (let j = 0; j < N; j++) {
    const kj = K[j * c + i] as number;
    let b00 = -1;
    let b01 = -1;
    let b10: number;
    let b11: number;
    let d0 = 0;
    let d1 = 0;
    if (j === p.feedStage) {
      // The feed joins its phase's inflow: the balance row, and the equilibrium row of that phase's Murphree.
      const f = p.feed[i] as number;
      d0 = -f;
      d1 = -(p.feedPhase === 'aqueous' ? eqAqueous : eqOrganic) * f;
    }
    if (aqueous) {
      b10 = 1;
      b11 = -E / kj;
    } else {
      b10 = -E * kj;
      b11 = 1;
    }
    if (j === 0) {
      d0 -= o;
      d1 -= eqOrganic * o;
    }
    if (j === N - 1) {
      // The scrub inflow moves to the right-hand side, the reflux into the block.
      d0 -= s;
      d1 -= eqAqueous * s;
      b00 += rx;
      b01 += ry;
      b10 += eqAqueous * rx;
      b11 += eqAqueous * ry;
    }
    if (j > 0) {
      // B'_j = B_j − A_j G_{j−1}; d'_j = d_j − A_j g_{j−1}.
      const q = (j - 1) * 4;
      const g00 = G[q] as number;
      const g01 = G[q + 1] as number;
      const g10 = G[q + 2] as number;
      const g11 = G[q + 3] as number;
      const gx = g[(j - 1) * 2] as number;
      const gy = g[(j - 1) * 2 + 1] as number;
      b00 -= abx * g00 + aby * g10;
      b01 -= abx * g01 + aby * g11;
      b10 -= aex * g00 + aey * g10;
      b11 -= aex * g01 + aey * g11;
      d0 -= abx * gx + aby * gy;
      d1 -= aex * gx + aey * gy;
    }
    const det = b00 * b11 - b01 * b10;
    // B'^{-1} = [[b11, −b01], [−b10, b00]] / det; G_j = B'^{-1} C_j (none at the top stage).
    const q = j * 4;
    if (j < N - 1) {
      G[q] = (b11 * cbx - b01 * cex) / det;
      G[q + 1] = (b11 * cby - b01 * cey) / det;
      G[q + 2] = (-b10 * cbx + b00 * cex) / det;
      G[q + 3] = (-b10 * cby + b00 * cey) / det;
    } else {
      G[q] = G[q + 1] = G[q + 2] = G[q + 3] = 0;
    }
    g[j * 2] = (b11 * d0 - b01 * d1) / det;
    g[j * 2 + 1] = (-b10 * d0 + b00 * d1) / det;
  }
  // Back substitution: z_j = g_j − G_j z_{j+1}.
  let xUp = 0;
  let yUp = 0;
  for (let j = N - 1; j >= 0; j--) {
    const q = j * 4;
    const xj = (g[j * 2] as number) - ((G[q] as number) * xUp + (G[q + 1] as number) * yUp);
    const yj = (g[j * 2 + 1] as number) - ((G[q + 2] as number) * xUp + (G[q + 3] as number) * yUp);
    x[j * c + i] = xj;
    y[j * c + i] = yj;
    xUp = xj;
    yUp = yj;
  }
}

/**
 * Distribution ratios K_ij = y*_ij / x_ij of every stage at the aqueous profile `x` (stage-major): ε_i for a
 * linear model; ε_i / (1 + Σ_k ε_k x_kj / Q_j) with a loading capacity; S_j β_i / Σ_k β_k x_kj for the
 * saturated model (independent of x_ij's own size, so trace species keep a well-defined ratio).
 */
export function stageRatios(
  k: readonly StageConstants[],
  c: number,
  x: Float64Array,
  out: Float64Array,
): void {
  for (let j = 0; j < k.length; j++) {
    const kj = k[j] as StageConstants;
    const o = j * c;
    if (isLinear(kj)) {
      for (let i = 0; i < c; i++) out[o + i] = kj.epsilon[i] as number;
      continue;
    }
    if (kj.model.kind === 'distribution') {
      let u = 0;
      for (let i = 0; i < c; i++) u += (kj.epsilon[i] as number) * Math.max(0, x[o + i] as number);
      const d = 1 + u / kj.capacity;
      for (let i = 0; i < c; i++) out[o + i] = (kj.epsilon[i] as number) / d;
      continue;
    }
    let b = 0;
    for (let i = 0; i < c; i++) b += (kj.beta[i] as number) * Math.max(0, x[o + i] as number);
    // An empty stage (b = 0) has no defined ratio; any positive value keeps the sweep going.
    const scale = b > 0 ? kj.capacity / b : 1;
    for (let i = 0; i < c; i++) out[o + i] = (kj.beta[i] as number) * scale;
  }
}

/** Outcome of {@link sweepCascade}. */
export interface SweepResult {
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly sweeps: number;
  /** Largest relative change of an amount in the last sweep (relative to the species' input scale). */
  readonly change: number;
}

/** Depth of the Anderson-acceleration history. */
const DEPTH = 6;

/** Sweeps without a 10 % better change after which the sweeps give up (the map is not contracting). */
const STALL = 250;

/**
 * Repeated species-by-species sweeps from the aqueous profile `x0` until the largest change of an amount,
 * relative to its species' input, falls below `tolerance` or `maxSweeps` is reached.
 *
 * The sweeps are a fixed-point map x → T(x); a cascade with a pinched section converges slowly along one
 * mode (where the composition front sits), so the map is accelerated by Anderson mixing (depth 6) on the
 * amounts scaled by their species' input (mixing in logarithms was tried: it weights trace species as much
 * as major ones and converged far more slowly).
 */
export function sweepCascade(
  p: NormalisedCascade,
  k: readonly StageConstants[],
  x0: Float64Array,
  maxSweeps: number,
  tolerance: number,
): SweepResult {
  const c = p.species.length;
  const N = p.total;
  const n = N * c;
  const x = Float64Array.from(x0);
  const y = new Float64Array(n);
  const K = new Float64Array(n);
  const xNew = new Float64Array(n);
  const buf = sweepBuffers(N);
  const scale = new Float64Array(c);
  let totalIn = 0;
  for (let i = 0; i < c; i++) {
    scale[i] = (p.feed[i] as number) + (p.organicIn[i] as number) + (p.scrubIn[i] as number);
    totalIn += scale[i] as number;
  }
  for (let i = 0; i < c; i++) scale[i] = Math.max(scale[i] as number, 1e-12 * totalIn, 1e-300);
  // Reflux share ρ = W / Y_N: with the saturated model the loaded organic's total is known; otherwise it
  // comes from the last sweep (first guess: everything that enters).
  const saturated = saturatedTotals(p, k);
  const totals = saturated?.aqueous;
  let loaded = saturated ? saturated.loaded : totalIn + p.reflux;
  const cp = stageCouplings(p);
  const ea = p.entrainAqueous;
  const keepOrganic = 1 - p.entrainOrganic;

  /** One sweep: T(x) into xNew (normalised to the saturated totals when known). */
  const sweep = () => {
    stageRatios(k, c, x, K);
    const rho = p.reflux > 0 && loaded > 0 ? p.reflux / loaded : 0;
    for (let i = 0; i < c; i++) solveSpecies(p, cp, i, K, rho, xNew, y, buf);
    for (let j = 0; j < N; j++) {
      let norm = 1;
      if (totals) {
        let sum = 0;
        for (let i = 0; i < c; i++) sum += Math.max(0, xNew[j * c + i] as number);
        norm = sum > 0 ? (totals[j] as number) / sum : 1;
      }
      for (let i = 0; i < c; i++) xNew[j * c + i] = Math.max(0, xNew[j * c + i] as number) * norm;
    }
    if (!saturated) {
      // The loaded-organic outlet (1 − e_o) y_N + e_a x_N.
      loaded = 0;
      for (let i = 0; i < c; i++)
        loaded += keepOrganic * (y[(N - 1) * c + i] as number) + ea * (xNew[(N - 1) * c + i] as number);
    }
  };

  // Anderson mixing (type II) on u = x/scale: f = T(x) − x; u ← T(x) − ΔG·γ with γ minimising
  // |f − ΔF·γ|. History of differences in ring buffers.
  const dF = Array.from({ length: DEPTH }, () => new Float64Array(n));
  const dG = Array.from({ length: DEPTH }, () => new Float64Array(n));
  const fPrev = new Float64Array(n);
  const gPrev = new Float64Array(n);
  const f = new Float64Array(n);
  const gv = new Float64Array(n);
  const gram = new Float64Array(DEPTH * DEPTH);
  const rhs = new Float64Array(DEPTH);
  let stored = 0;
  let head = 0;
  let sweeps = 0;
  let change = Number.POSITIVE_INFINITY;
  // Sweeps that stop improving (an oscillating map) end early; Newton takes over from the last iterate.
  let bestChange = Number.POSITIVE_INFINITY;
  let sinceBest = 0;
  while (sweeps < maxSweeps && !(change <= tolerance) && sinceBest < STALL) {
    sweeps++;
    sweep();
    change = 0;
    for (let q = 0; q < n; q++) {
      const a = x[q] as number;
      const b = xNew[q] as number;
      change = Math.max(change, Math.abs(b - a) / Math.max(scale[q % c] as number, a));
      gv[q] = b / (scale[q % c] as number);
      f[q] = (gv[q] as number) - a / (scale[q % c] as number);
    }
    if (change <= tolerance) {
      x.set(xNew);
      break;
    }
    if (change < 0.9 * bestChange) {
      bestChange = change;
      sinceBest = 0;
    } else {
      sinceBest++;
    }
    if (sweeps > 1) {
      const dFh = dF[head] as Float64Array;
      const dGh = dG[head] as Float64Array;
      for (let q = 0; q < n; q++) {
        dFh[q] = (f[q] as number) - (fPrev[q] as number);
        dGh[q] = (gv[q] as number) - (gPrev[q] as number);
      }
      head = (head + 1) % DEPTH;
      stored = Math.min(DEPTH, stored + 1);
    }
    fPrev.set(f);
    gPrev.set(gv);
    const m = stored;
    let gamma: Float64Array | undefined;
    if (m > 0) {
      for (let a = 0; a < m; a++) {
        const fa = dF[a] as Float64Array;
        let r = 0;
        for (let q = 0; q < n; q++) r += (fa[q] as number) * (f[q] as number);
        rhs[a] = r;
        for (let b = a; b < m; b++) {
          const fb = dF[b] as Float64Array;
          let s = 0;
          for (let q = 0; q < n; q++) s += (fa[q] as number) * (fb[q] as number);
          gram[a * m + b] = s;
          gram[b * m + a] = s;
        }
      }
      gamma = solveSmall(gram, rhs, m);
    }
    for (let q = 0; q < n; q++) {
      let u = gv[q] as number;
      if (gamma)
        for (let a = 0; a < m; a++) u -= (gamma[a] as number) * ((dG[a] as Float64Array)[q] as number);
      // A mixed amount that would be negative is cut to a tenth of the plain sweep's value instead.
      x[q] = u > 0 ? u * (scale[q % c] as number) : 0.1 * (xNew[q] as number);
    }
  }
  // y is the last sweep's organic profile (exact for a converged or linear sweep).
  return { x, y, sweeps, change };
}

/**
 * Solves the small symmetric system (G + δI) γ = r by Gaussian elimination (δ: a relative ridge that keeps
 * a nearly dependent history solvable); undefined if it stays singular.
 */
function solveSmall(gram: Float64Array, r: Float64Array, m: number): Float64Array | undefined {
  const a = new Float64Array(m * (m + 1));
  let trace = 0;
  for (let i = 0; i < m; i++) trace += gram[i * m + i] as number;
  const ridge = 1e-12 * (trace / m || 1);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < m; j++) a[i * (m + 1) + j] = (gram[i * m + j] as number) + (i === j ? ridge : 0);
    a[i * (m + 1) + m] = r[i] as number;
  }
  for (let col = 0; col < m; col++) {
    let piv = col;
    for (let i = col + 1; i < m; i++) {
      if (Math.abs(a[i * (m + 1) + col] as number) > Math.abs(a[piv * (m + 1) + col] as number)) piv = i;
    }
    if (!(Math.abs(a[piv * (m + 1) + col] as number) > 0)) return undefined;
    if (piv !== col) {
      for (let j = 0; j <= m; j++) {
        const t = a[col * (m + 1) + j] as number;
        a[col * (m + 1) + j] = a[piv * (m + 1) + j] as number;
        a[piv * (m + 1) + j] = t;
      }
    }
    for (let i = col + 1; i < m; i++) {
      const factor = (a[i * (m + 1) + col] as number) / (a[col * (m + 1) + col] as number);
      for (let j = col; j <= m; j++)
        a[i * (m + 1) + j] = (a[i * (m + 1) + j] as number) - factor * (a[col * (m + 1) + j] as number);
    }
  }
  const out = new Float64Array(m);
  for (let i = m - 1; i >= 0; i--) {
    let v = a[i * (m + 1) + m] as number;
    for (let j = i + 1; j < m; j++) v -= (a[i * (m + 1) + j] as number) * (out[j] as number);
    out[i] = v / (a[i * (m + 1) + i] as number);
  }
  return out.every(Number.isFinite) ? out : undefined;
}

/**
 * Rare-earth totals leaving each stage when every stage follows the saturated model: the organic leaving
 * stage j carries Y_j = (1 − E)·O_j + E·S_j in all (organic Murphree E, O_j its organic inflow, an organic
 * feed included), and the
 * aqueous totals X_j follow from the total balance, top down (an acid scrub is in S_N, see
 * `cascadeConstants`). With entrainment both are tridiagonal systems (each stage's inflows come from both
 * neighbours), solved by the Thomas algorithm. `loaded` is the loaded-organic outlet's total. Undefined
 * when a stage has another model (its totals depend on the composition) or when a total would be negative
 * (no steady state of the saturated model).
 */
export function saturatedTotals(
  p: NormalisedCascade,
  k: readonly StageConstants[],
): { readonly aqueous: Float64Array; readonly organic: Float64Array; readonly loaded: number } | undefined {
  if (!k.every((kj) => kj.model.kind === 'separationFactors')) return undefined;
  if (p.murphree < 1 && p.murphreePhase === 'aqueous') return undefined;
  if (p.entrainAqueous > 0 || p.entrainOrganic > 0) return entrainedTotals(p, k);
  const c = p.species.length;
  const N = p.total;
  const E = p.murphree;
  const sum = (v: Float64Array) => v.reduce((a, b) => a + b, 0);
  const Y = new Float64Array(N);
  let below = sum(p.organicIn);
  let feedTotal = 0;
  for (let i = 0; i < c; i++) feedTotal += p.feed[i] as number;
  for (let j = 0; j < N; j++) {
    // An organic feed joins the organic inflow of its stage (only a Murphree efficiency below 1 sees it).
    if (j === p.feedStage && p.feedPhase === 'organic') below += feedTotal;
    below = (1 - E) * below + E * (k[j] as StageConstants).capacity;
    Y[j] = below;
  }
  const X = new Float64Array(N);
  let above = sum(p.scrubIn) + p.reflux;
  for (let j = N - 1; j >= 0; j--) {
    const yIn = j > 0 ? (Y[j - 1] as number) : sum(p.organicIn);
    const total = above + (j === p.feedStage ? feedTotal : 0) + yIn - (Y[j] as number);
    if (!(total > 0)) return undefined;
    X[j] = total;
    above = total;
  }
  return { aqueous: X, organic: Y, loaded: Y[N - 1] as number };
}

/** {@link saturatedTotals} with entrainment: the two tridiagonal systems. */
function entrainedTotals(
  p: NormalisedCascade,
  k: readonly StageConstants[],
): { readonly aqueous: Float64Array; readonly organic: Float64Array; readonly loaded: number } | undefined {
  const N = p.total;
  const E = p.murphree;
  const ea = p.entrainAqueous;
  const eo = p.entrainOrganic;
  const sum = (v: Float64Array) => v.reduce((a, b) => a + b, 0);
  const organicIn = sum(p.organicIn);
  const feedTotal = sum(p.feed);
  const sub = new Float64Array(N);
  const diag = new Float64Array(N).fill(1);
  const sup = new Float64Array(N);
  const rhs = new Float64Array(N);
  // Y_j − (1−E)(1−e_o) Y_{j−1} − (1−E) e_o Y_{j+1} = E S_j (+ (1−E) × fresh organic at stage 1)
  for (let j = 0; j < N; j++) {
    sub[j] = j > 0 ? -(1 - E) * (1 - eo) : 0;
    sup[j] = j < N - 1 ? -(1 - E) * eo : 0;
    rhs[j] =
      E * (k[j] as StageConstants).capacity +
      (j === 0 ? (1 - E) * organicIn : 0) +
      (j === p.feedStage && p.feedPhase === 'organic' ? (1 - E) * feedTotal : 0);
  }
  const Y = tridiagonal(sub, diag, sup, rhs);
  // X_j − e_a X_{j−1} − (1−e_a) X_{j+1} = O_j + F_j − Y_j (+ scrub and reflux at the top)
  for (let j = 0; j < N; j++) {
    const oIn =
      (j === 0 ? organicIn : (1 - eo) * (Y[j - 1] as number)) + (j < N - 1 ? eo * (Y[j + 1] as number) : 0);
    sub[j] = j > 0 ? -ea : 0;
    sup[j] = j < N - 1 ? -(1 - ea) : 0;
    rhs[j] =
      oIn +
      (j === p.feedStage ? feedTotal : 0) -
      (Y[j] as number) +
      (j === N - 1 ? sum(p.scrubIn) + p.reflux : 0);
  }
  const X = tridiagonal(sub, diag, sup, rhs);
  // Feasible only with aqueous in every stage: more than round-off of what enters (entrainment can turn
  // the exact zero of a bare scrub section into a denormal).
  const entering = organicIn + feedTotal + sum(p.scrubIn) + p.reflux;
  if (!X.every((v) => v > 1e-12 * entering)) return undefined;
  return { aqueous: X, organic: Y, loaded: (1 - eo) * (Y[N - 1] as number) + ea * (X[N - 1] as number) };
}

/**
 * Solves the tridiagonal system sub_j v_{j−1} + diag_j v_j + sup_j v_{j+1} = rhs_j (Thomas algorithm; the
 * systems here are diagonally dominant). Overwrites `sup` and `rhs`.
 */
function tridiagonal(
  sub: Float64Array,
  diag: Float64Array,
  sup: Float64Array,
  rhs: Float64Array,
): Float64Array {
  const n = diag.length;
  for (let j = 0; j < n; j++) {
    const m = (diag[j] as number) - (j > 0 ? (sub[j] as number) * (sup[j - 1] as number) : 0);
    sup[j] = (sup[j] as number) / m;
    rhs[j] = ((rhs[j] as number) - (j > 0 ? (sub[j] as number) * (rhs[j - 1] as number) : 0)) / m;
  }
  const v = new Float64Array(n);
  for (let j = n - 1; j >= 0; j--)
    v[j] = (rhs[j] as number) - (j < n - 1 ? (sup[j] as number) * (v[j + 1] as number) : 0);
  return v;
}
