/**
 * Exact solution of every species' stage equations for given distribution ratios K_ij (amounts: y* over x) and
 * reflux: with the ratios fixed the species are independent and each one's equations are linear.
 *
 * **Equilibrium stages without entrainment** (the common case) reduce to one tridiagonal system per species
 * in the aqueous amounts x_j (the organic is y_j = K_j·x_j):
 *
 *   (1 + K_j)·x_j − (1 − d°_{j−1})·K_{j−1}·x_{j−1} − (1 − dᵃ_{j+1})·x_{j+1} = sources_j
 *
 * (dᵃ, d°: side-draw fractions; at the top stage 1 + K·keep replaces 1 + K, keep = the share of the loaded
 * organic not returned as reflux). The matrix is a column-diagonally-dominant M-matrix whose column
 * excesses are exactly what leaves the cascade from that stage (raffinate, net product, draws). It is solved
 * in Grassmann–Taksar–Heyman form: the pivots are accumulated as sums of those excesses and the next
 * column's off-diagonal entry, never as differences, and the right-hand side and back substitution only
 * add non-negative terms. Every amount therefore comes out non-negative and accurate to a few ulps of its own
 * size, however small (a trace 300 decades below the majors is still right), and each species balances to
 * round-off whatever the ratios are.
 *
 * **Murphree efficiency below 1 or entrainment** couple x_j and y_j through the inflows of both phases: a
 * 2×2 block-tridiagonal system per species, solved by block Thomas elimination.
 */
import type { NormalisedCascade } from '../cascadeSpec.js';

/** The coefficients of the species equations that do not depend on the ratios (per stage). */
export interface SpeciesLayout {
  readonly N: number;
  readonly c: number;
  /** Equilibrium stages without entrainment (the scalar, cancellation-free path). */
  readonly scalar: boolean;
  /** No side draws: every stage passes its whole outflows on. */
  readonly undrawn: boolean;
  readonly murphree: number;
  readonly aqueousMurphree: boolean;
  readonly entrainAqueous: number;
  readonly entrainOrganic: number;
  /** Share of stage j's downward stream (aqueous + organic entrained in it) that reaches stage j − 1: 1 − dᵃ_j. */
  readonly passDown: Float64Array;
  /** Share of stage j's upward stream (organic + aqueous entrained in it) that reaches stage j + 1: 1 − d°_j. */
  readonly passUp: Float64Array;
  /**
   * External inflows (feed, scrub, fresh organic) at the few stages that have any: `sourceRow[j]` is the row
   * of stage j in `sourceAqueous` and `sourceOrganic` (row-major, c per row), or −1 when it has none.
   */
  readonly sourceRow: Int32Array;
  readonly sourceAqueous: Float64Array;
  readonly sourceOrganic: Float64Array;
}

/** An external inflow at one stage: aqueous and organic amounts per species (absent: none). */
export interface PointSource {
  readonly stage: number;
  readonly aqueous?: ArrayLike<number>;
  readonly organic?: ArrayLike<number>;
}

/** The source rows of a layout for `list` (several entries may name one stage: they add). */
export function pointSources(
  N: number,
  c: number,
  list: readonly PointSource[],
): Pick<SpeciesLayout, 'sourceRow' | 'sourceAqueous' | 'sourceOrganic'> {
  const sourceRow = new Int32Array(N).fill(-1);
  let rows = 0;
  for (const e of list) if ((sourceRow[e.stage] as number) < 0) sourceRow[e.stage] = rows++;
  const sourceAqueous = new Float64Array(rows * c);
  const sourceOrganic = new Float64Array(rows * c);
  for (const e of list) {
    const o = (sourceRow[e.stage] as number) * c;
    for (let i = 0; i < c; i++) {
      sourceAqueous[o + i] = (sourceAqueous[o + i] as number) + ((e.aqueous?.[i] as number) ?? 0);
      sourceOrganic[o + i] = (sourceOrganic[o + i] as number) + ((e.organic?.[i] as number) ?? 0);
    }
  }
  return { sourceRow, sourceAqueous, sourceOrganic };
}

/** Ones, shared by every layout without draws (never written: the solvers only read the pass shares). */
let ones = new Float64Array(0);
function allPass(N: number): Float64Array {
  if (ones.length < N) ones = new Float64Array(Math.max(N, 2 * ones.length)).fill(1);
  return ones.subarray(0, N);
}

/** The ratio-independent part of the species equations of `p`. */
export function speciesLayout(p: NormalisedCascade): SpeciesLayout {
  const N = p.total;
  const c = p.species.length;
  const feed: PointSource =
    p.feedPhase === 'aqueous'
      ? { stage: p.feedStage, aqueous: p.feed }
      : { stage: p.feedStage, organic: p.feed };
  const sources = pointSources(N, c, [
    { stage: N - 1, aqueous: p.scrubIn },
    { stage: 0, organic: p.organicIn },
    feed,
  ]);
  let passDown: Float64Array;
  let passUp: Float64Array;
  if (p.draws.length === 0) passDown = passUp = allPass(N);
  else {
    passDown = new Float64Array(N);
    passUp = new Float64Array(N);
    for (let j = 0; j < N; j++) {
      passDown[j] = 1 - (p.drawAqueous[j] as number);
      passUp[j] = 1 - (p.drawOrganic[j] as number);
    }
  }
  const scalar = p.murphree === 1 && p.entrainAqueous === 0 && p.entrainOrganic === 0;
  const undrawn = p.draws.length === 0;
  return {
    N,
    c,
    scalar,
    undrawn,
    murphree: p.murphree,
    aqueousMurphree: p.murphreePhase === 'aqueous',
    entrainAqueous: p.entrainAqueous,
    entrainOrganic: p.entrainOrganic,
    passDown,
    passUp,
    ...sources,
  };
}

/** Work arrays for {@link solveAll}, sized for N stages and c species. */
export interface SpeciesWork {
  readonly a: Float64Array;
  readonly g: Float64Array;
  /** Per-species carries of the all-species scalar sweep (4 × c). */
  readonly v: Float64Array;
}

export function speciesWork(N: number, c: number): SpeciesWork {
  return { a: new Float64Array(4 * N), g: new Float64Array(2 * N), v: new Float64Array(4 * c) };
}

/**
 * Work arrays shared by the one-shot solves of this thread (a linear cascade, a strip section): grown when
 * too small, never shrunk. Only for solves that finish before another starts (no caller keeps them).
 */
let shared: SpeciesWork = speciesWork(0, 0);
export function sharedWork(N: number, c: number): SpeciesWork {
  if (shared.a.length < 4 * N || shared.v.length < 4 * c)
    shared = speciesWork(Math.max(N, shared.a.length / 4), Math.max(c, shared.v.length / 4));
  return shared;
}

/**
 * Solves every species for the ratios `K` (stage-major, N × c) and the top stage's `keep` per species (the
 * share of the loaded organic that is not returned as reflux, in [0, 1]); writes the aqueous and organic
 * outflows into `x`, `y` (stage-major). The scalar path sweeps all species together stage by stage
 * (contiguous memory), using `x` and `y` themselves as the elimination's work space.
 *
 * Scalar row j: b_j x_j − l_j x_{j−1} − u_j x_{j+1} = s_j with b_j = 1 + K_j (top: 1 + K·keep),
 * l_j = passUp_{j−1}·K_{j−1}, u_j = passDown_{j+1}. Column j's excess (what leaves from stage j) is
 * c_j = b_j − l_{j+1} − u_{j−1} = (1 − passUp_j)·K_j + (1 − passDown_j) for an interior stage (at the top the
 * net product K·keep, at the bottom the raffinate 1); the pivot is l_{j+1} plus the Schur complement's excess,
 * so no difference is ever formed (Grassmann–Taksar–Heyman).
 */
export function solveAll(
  L: SpeciesLayout,
  K: Float64Array,
  keep: Float64Array,
  x: Float64Array,
  y: Float64Array,
  w: SpeciesWork,
): void {
  if (!L.scalar) {
    for (let i = 0; i < L.c; i++) blockSolve(L, i, K, keep[i] as number, x, y, w);
    return;
  }
  const { N, c, passDown, passUp, sourceRow, sourceAqueous, sourceOrganic } = L;
  const v = w.v;
  // Carries per species: excess, eliminated right-hand side, l_j and reciprocal pivot of the stage below.
  const eo = 0;
  const so = c;
  const lo = 2 * c;
  const io = 3 * c;
  v.fill(0, 0, 4 * c);
  for (let j = 0; j < N; j++) {
    const o = j * c;
    const top = j === N - 1;
    const pu = passUp[j] as number;
    const pd = passDown[j] as number;
    const aqueousOut = j === 0 ? 1 : 1 - pd;
    const row = sourceRow[j] as number;
    for (let i = 0; i < c; i++) {
      const kj = K[o + i] as number;
      let excess = (top ? kj * (keep[i] as number) : kj * (1 - pu)) + aqueousOut;
      let rhs = row < 0 ? 0 : (sourceAqueous[row * c + i] as number) + (sourceOrganic[row * c + i] as number);
      if (j > 0) {
        const inv = v[io + i] as number;
        excess += pd * (v[eo + i] as number) * inv;
        rhs += (v[lo + i] as number) * (v[so + i] as number) * inv;
      }
      const l = top ? 0 : pu * kj;
      const inv = 1 / (l + excess);
      x[o + i] = rhs; // the eliminated right-hand side, until the back substitution
      y[o + i] = inv; // the reciprocal pivot, likewise
      v[eo + i] = excess;
      v[so + i] = rhs;
      v[lo + i] = l;
      v[io + i] = inv;
    }
  }
  for (let j = N - 1; j >= 0; j--) {
    const o = j * c;
    const u = j < N - 1 ? (passDown[j + 1] as number) : 0;
    for (let i = 0; i < c; i++) {
      const xj =
        ((x[o + i] as number) + (j < N - 1 ? u * (x[o + c + i] as number) : 0)) * (y[o + i] as number);
      x[o + i] = xj;
      y[o + i] = (K[o + i] as number) * xj;
    }
  }
}

/**
 * {@link solveAll} for equilibrium stages without entrainment whose ratios do not depend on the solution
 * (linear stages): `rows[j]` holds stage j's ratios by species (stages of one section share one array).
 * Without side draws each species is swept on its own with its section's ratio in a register (the
 * arithmetic of {@link solveAll}'s scalar path); with draws, through {@link solveAll} on the stage-major
 * ratios.
 */
export function solveLinearStages(
  L: SpeciesLayout,
  rows: readonly Float64Array[],
  keep: Float64Array,
  x: Float64Array,
  y: Float64Array,
  w: SpeciesWork,
): void {
  if (L.undrawn) {
    solvePlainLinear(L, rows, keep, x, y, w);
    return;
  }
  const { N, c } = L;
  const K = new Float64Array(N * c);
  for (let j = 0; j < N; j++) K.set(rows[j] as Float64Array, j * c);
  solveAll(L, K, keep, x, y, w);
}

/**
 * {@link solveLinearStages} without side draws: every stage passes all its flows on, so a stage's excess is
 * the previous excess over the previous pivot, and each run of stages with one ratio array (a section) is
 * swept with its ratio in a register.
 */
function solvePlainLinear(
  L: SpeciesLayout,
  rows: readonly Float64Array[],
  keep: Float64Array,
  x: Float64Array,
  y: Float64Array,
  w: SpeciesWork,
): void {
  const { N, c, sourceRow, sourceAqueous, sourceOrganic } = L;
  const m = w.a;
  const s = w.g;
  // Runs of stages sharing a ratio array: [start, end) pairs.
  const bounds: number[] = [0];
  for (let j = 1; j < N; j++) if (rows[j] !== rows[j - 1]) bounds.push(j);
  bounds.push(N);
  for (let i = 0; i < c; i++) {
    // Stage 0 (raffinate end): excess 1 (the raffinate) plus, when it is also the top, the net product.
    let ePrev = 0;
    let sPrev = 0;
    let lPrev = 0;
    let inv = 0;
    for (let r = 0; r + 1 < bounds.length; r++) {
      const end = bounds[r + 1] as number;
      const k = (rows[bounds[r] as number] as Float64Array)[i] as number;
      for (let j = bounds[r] as number; j < end; j++) {
        const row = sourceRow[j] as number;
        let rhs =
          row < 0 ? 0 : (sourceAqueous[row * c + i] as number) + (sourceOrganic[row * c + i] as number);
        let excess: number;
        if (j === 0) excess = 1;
        else {
          excess = ePrev * inv;
          rhs += lPrev * sPrev * inv;
        }
        let l = k;
        if (j === N - 1) {
          excess += k * (keep[i] as number);
          l = 0;
        }
        inv = 1 / (l + excess);
        m[j] = inv;
        s[j] = rhs;
        ePrev = excess;
        sPrev = rhs;
        lPrev = l;
      }
    }
    let up = 0;
    for (let r = bounds.length - 2; r >= 0; r--) {
      const start = bounds[r] as number;
      const k = (rows[start] as Float64Array)[i] as number;
      for (let j = (bounds[r + 1] as number) - 1; j >= start; j--) {
        const xj = ((s[j] as number) + up) * (m[j] as number);
        const q = j * c + i;
        x[q] = xj;
        y[q] = k * xj;
        up = xj;
      }
    }
  }
}

/**
 * The general path: 2×2 block Thomas on (x_j, y_j). Stage j's inflows: aqueous passDown_{j+1}·(1 − e_a)·x_{j+1}
 * + passUp_{j−1}·e_a·x_{j−1} (+ scrub, reflux, feed); organic passUp_{j−1}·(1 − e_o)·y_{j−1} +
 * passDown_{j+1}·e_o·y_{j+1} (+ fresh organic, feed). Rows: balance a + o − x − y = 0; organic Murphree
 * y − (1−E)·o − E·K·x = 0, or aqueous Murphree x − (1−E)·a − E·y/K = 0.
 */
function blockSolve(
  L: SpeciesLayout,
  i: number,
  K: Float64Array,
  keep: number,
  x: Float64Array,
  y: Float64Array,
  w: SpeciesWork,
): void {
  const { N, c, passDown, passUp, sourceRow, sourceAqueous, sourceOrganic } = L;
  const E = L.murphree;
  const ea = L.entrainAqueous;
  const eo = L.entrainOrganic;
  const aqM = L.aqueousMurphree;
  const G = w.a; // B'^{-1} C per stage (2×2)
  const g = w.g; // B'^{-1} d' per stage
  // Coefficients of the equilibrium row on the aqueous and organic inflow.
  const qa = aqM ? -(1 - E) : 0;
  const qo = aqM ? 0 : -(1 - E);
  const refluxShare = 1 - keep;
  for (let j = 0; j < N; j++) {
    const kj = K[j * c + i] as number;
    const row = sourceRow[j] as number;
    const sa = row < 0 ? 0 : (sourceAqueous[row * c + i] as number);
    const so = row < 0 ? 0 : (sourceOrganic[row * c + i] as number);
    // B_j: balance [−1, −1]; equilibrium row.
    let b00 = -1;
    let b01 = -1;
    let b10 = aqM ? 1 : -E * kj;
    let b11 = aqM ? -E / kj : 1;
    let d0 = -(sa + so);
    let d1 = -(qa * sa + qo * so);
    if (j === N - 1 && refluxShare > 0) {
      // Reflux into the top aqueous inflow: refluxShare·((1 − e_o)·y + e_a·x) of the top stage.
      const rx = refluxShare * ea;
      const ry = refluxShare * (1 - eo);
      b00 += rx;
      b01 += ry;
      b10 += qa * rx;
      b11 += qa * ry;
    }
    if (j > 0) {
      // A_j: stage j − 1's upward stream: x_{j−1} (entrained aqueous) and y_{j−1}.
      const pu = passUp[j - 1] as number;
      const ax = pu * ea;
      const ay = pu * (1 - eo);
      // A = [[ax, ay], [qa·ax, qo·ay]]; B' = B − A·G_{j−1}; d' = d − A·g_{j−1}.
      const q = (j - 1) * 4;
      const g00 = G[q] as number;
      const g01 = G[q + 1] as number;
      const g10 = G[q + 2] as number;
      const g11 = G[q + 3] as number;
      const gx = g[(j - 1) * 2] as number;
      const gy = g[(j - 1) * 2 + 1] as number;
      b00 -= ax * g00 + ay * g10;
      b01 -= ax * g01 + ay * g11;
      b10 -= qa * ax * g00 + qo * ay * g10;
      b11 -= qa * ax * g01 + qo * ay * g11;
      d0 -= ax * gx + ay * gy;
      d1 -= qa * ax * gx + qo * ay * gy;
    }
    const det = b00 * b11 - b01 * b10;
    const q = j * 4;
    if (j < N - 1) {
      // C_j: stage j + 1's downward stream: x_{j+1} and y_{j+1} (entrained organic).
      const pd = passDown[j + 1] as number;
      const cx = pd * (1 - ea);
      const cy = pd * eo;
      // C = [[cx, cy], [qa·cx, qo·cy]]; G_j = B'^{-1}·C.
      const c10 = qa * cx;
      const c11 = qo * cy;
      G[q] = (b11 * cx - b01 * c10) / det;
      G[q + 1] = (b11 * cy - b01 * c11) / det;
      G[q + 2] = (-b10 * cx + b00 * c10) / det;
      G[q + 3] = (-b10 * cy + b00 * c11) / det;
    } else {
      G[q] = G[q + 1] = G[q + 2] = G[q + 3] = 0;
    }
    g[j * 2] = (b11 * d0 - b01 * d1) / det;
    g[j * 2 + 1] = (-b10 * d0 + b00 * d1) / det;
  }
  let xUp = 0;
  let yUp = 0;
  for (let j = N - 1; j >= 0; j--) {
    const q = j * 4;
    // z_j = g_j − G_j z_{j+1}; amounts that round-off makes a hair negative are floored at 0.
    const xj = (g[j * 2] as number) - ((G[q] as number) * xUp + (G[q + 1] as number) * yUp);
    const yj = (g[j * 2 + 1] as number) - ((G[q + 2] as number) * xUp + (G[q + 3] as number) * yUp);
    x[j * c + i] = Math.max(xj, 0);
    y[j * c + i] = Math.max(yj, 0);
    xUp = xj;
    yUp = yj;
  }
}

/** The amounts leaving the cascade: raffinate, loaded organic (before any reflux) and each draw (per species). */
export function outletAmounts(
  L: SpeciesLayout,
  p: NormalisedCascade,
  x: Float64Array,
  y: Float64Array,
): { raffinate: Float64Array; loaded: Float64Array; draws: Float64Array[] } {
  const { N, c } = L;
  const ea = L.entrainAqueous;
  const eo = L.entrainOrganic;
  const down = (j: number, i: number) => (1 - ea) * (x[j * c + i] as number) + eo * (y[j * c + i] as number);
  const up = (j: number, i: number) => (1 - eo) * (y[j * c + i] as number) + ea * (x[j * c + i] as number);
  const raffinate = Float64Array.from({ length: c }, (_, i) => down(0, i));
  const loaded = Float64Array.from({ length: c }, (_, i) => up(N - 1, i));
  const draws = p.draws.map((d) =>
    Float64Array.from(
      { length: c },
      (_, i) => d.fraction * (d.phase === 'aqueous' ? down(d.stage, i) : up(d.stage, i)),
    ),
  );
  return { raffinate, loaded, draws };
}
