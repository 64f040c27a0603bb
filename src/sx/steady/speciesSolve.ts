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
 * **Murphree efficiency below 1 or entrainment** couple x_j and y_j through the inflows of both phases. Each
 * stage is then two compartments of a flow network (mixer and bypass, see `blockSolve`), solved by the same
 * kind of elimination (Grassmann–Taksar–Heyman state reduction), with the same accuracy.
 */
import { intZeros, lasting, zeros } from '../../core/scratch.js';
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
  const sourceRow = intZeros(N).fill(-1);
  let rows = 0;
  for (const e of list) if ((sourceRow[e.stage] as number) < 0) sourceRow[e.stage] = rows++;
  const sourceAqueous = zeros(rows * c);
  const sourceOrganic = zeros(rows * c);
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
    passDown = zeros(N);
    passUp = zeros(N);
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
  /** Reciprocal pivots and eliminated right-hand sides of the per-species linear sweep (N each). */
  readonly a: Float64Array;
  readonly g: Float64Array;
  /** The general path's back-substitution terms (9 per stage). */
  readonly back: Float64Array;
  /** Per-species carries of the all-species scalar sweep (4 × c). */
  readonly v: Float64Array;
}

export function speciesWork(N: number, c: number): SpeciesWork {
  return {
    a: zeros(N),
    g: zeros(N),
    v: zeros(4 * c),
    back: zeros(9 * N),
  };
}

/**
 * Work arrays shared by the one-shot solves of this thread (a linear cascade, a strip section): grown when
 * too small, never shrunk. Only for solves that finish before another starts (no caller keeps them).
 */
let shared: SpeciesWork = lasting(() => speciesWork(0, 0));
export function sharedWork(N: number, c: number): SpeciesWork {
  if (shared.a.length < N || shared.v.length < 4 * c)
    shared = lasting(() => speciesWork(Math.max(N, shared.a.length), Math.max(c, shared.v.length / 4)));
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
  const K = zeros(N * c);
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
 * The general path (Murphree efficiency below 1 or entrainment), written as a flow network so that it is
 * solved like the scalar path, without differences. Each stage is two compartments: the mixer M takes all of
 * the other phase's inflow and the share E of the Murphree phase's and splits them at equilibrium; the
 * bypass B carries the rest of the Murphree phase's inflow straight to that phase's outflow. Organic
 * Murphree: y = (1 − E)·o + E·K·x, so M splits a + E·o into x and E·K·x, and B's throughput is y; aqueous
 * Murphree: x = (1 − E)·a + E·y/K, so M splits E·a + o into y and E·y/K, and B's throughput is x. Every
 * outflow then goes on in non-negative shares: the aqueous down (1 − e_a) and up entrained (e_a) into those
 * stages' aqueous inflows, the organic up (1 − e_o) and down entrained (e_o) into their organic inflows, each
 * stream less its side draw, the reflux share of the top's upward stream into its own aqueous inflow, the
 * rest out of the cascade. The throughputs t solve t = s + Pᵀt with P substochastic, which
 * Grassmann–Taksar–Heyman state reduction (eliminating M_0, B_0, M_1, ... in turn, each pivot 1 − P(k→k)
 * formed as the sum of k's other shares and exit) solves with products and sums of non-negative terms
 * only: every amount comes out accurate to a few ulps of its own size, however small. Block Thomas
 * elimination of the 2×2 stage equations, used before, lost traces to cancellation, and in long sections at
 * a low efficiency enough of the majors' digits to hold Newton at stage residuals of ~1e-7.
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
  const aqM = L.aqueousMurphree;
  const ea = L.entrainAqueous;
  const eo = L.entrainOrganic;
  // Shares of a unit outflow of the other phase (1) and of the Murphree phase (2) that go down and up; the
  // other phase's inflow goes wholly into M, the Murphree phase's E into M and 1 − E into B; the reflux
  // joins the aqueous inflow.
  const down1 = aqM ? eo : 1 - ea;
  const up1 = aqM ? 1 - eo : ea;
  const down2 = aqM ? 1 - ea : eo;
  const up2 = aqM ? ea : 1 - eo;
  const refluxToM = aqM ? E : 1;
  const refluxToB = 1 - refluxToM;
  const back = w.back;
  // Stage j − 1 after its elimination: M's shares into B_{j−1} and M_j, exit and reciprocal pivot; B's into
  // M_j, B_j, exit and reciprocal pivot; and the sources it passes on into M_j and B_j.
  let mB = 0;
  let mUp = 0;
  let mOut = 0;
  let invM = 1;
  let bUpM = 0;
  let bUpB = 0;
  let bOut = 0;
  let invB = 1;
  let carryM = 0;
  let carryB = 0;
  for (let j = 0; j < N; j++) {
    const top = j === N - 1;
    const k = K[j * c + i] as number;
    // M passes `pass` of its throughput into the other phase's outflow and `toB` into B (organic Murphree
    // 1/(1 + E·K) and E·K/(1 + E·K); aqueous K/(K + E) and E/(K + E)).
    const inv = aqM ? 1 / (k + E) : 1 / (1 + E * k);
    const pass = aqM ? k * inv : inv;
    const toB = aqM ? E * inv : E * k * inv;
    const down = j > 0 ? (passDown[j] as number) : 0;
    const up = top ? 0 : (passUp[j] as number);
    const downOut = j > 0 ? 1 - (passDown[j] as number) : 1;
    const upOut = top ? keep : 1 - (passUp[j] as number);
    const reflux = top ? 1 - keep : 0;
    // Stage j's shares: M into M_{j−1}, B_j, M_{j+1}, out; B into M_{j−1}, B_{j−1}, M_j, M_{j+1}, B_{j+1}, out.
    const jmDown = pass * down1 * down;
    let jmB = toB + pass * up1 * reflux * refluxToB;
    const jmUp = pass * up1 * up;
    let jmOut = pass * (down1 * downOut + up1 * upOut);
    const jbDownM = E * down2 * down;
    let jbDownB = (1 - E) * down2 * down;
    let jbM = up2 * reflux * refluxToM;
    let jbUpM = E * up2 * up;
    const jbUpB = (1 - E) * up2 * up;
    let jbOut = down2 * downOut + up2 * upOut;
    const row = sourceRow[j] as number;
    const sa = row < 0 ? 0 : (sourceAqueous[row * c + i] as number);
    const so = row < 0 ? 0 : (sourceOrganic[row * c + i] as number);
    const sM = carryM + (aqM ? E * sa + so : sa + E * so);
    let sB = carryB + (1 - E) * (aqM ? sa : so);
    const o = 9 * j;
    if (j > 0) {
      // What stage j sends into M_{j−1}, then into B_{j−1}, goes on in their shares (self shares dropped).
      const p = o - 9;
      back[p + 3] = jmDown;
      back[p + 4] = jbDownM;
      const fm = jmDown * invM;
      const fb = jbDownM * invM;
      const jmDownB = fm * mB;
      jmOut += fm * mOut;
      jbDownB += fb * mB;
      jbM += fb * mUp;
      jbOut += fb * mOut;
      back[p + 7] = jmDownB;
      back[p + 8] = jbDownB;
      const gm = jmDownB * invB;
      const gb = jbDownB * invB;
      jmB += gm * bUpB;
      jmOut += gm * bOut;
      jbM += gb * bUpM;
      jbOut += gb * bOut;
    }
    // Eliminate M_j (into B_j and M_{j+1}), then B_j (into M_{j+1} and B_{j+1}).
    invM = 1 / (jmB + jmUp + jmOut);
    const fb = jbM * invM;
    jbUpM += fb * jmUp;
    jbOut += fb * jmOut;
    sB += sM * jmB * invM;
    invB = 1 / (jbUpM + jbUpB + jbOut);
    back[o] = invM;
    back[o + 1] = sM;
    back[o + 2] = jbM;
    back[o + 5] = invB;
    back[o + 6] = sB;
    carryM = sM * jmUp * invM + sB * jbUpM * invB;
    carryB = sB * jbUpB * invB;
    mB = jmB;
    mUp = jmUp;
    mOut = jmOut;
    bUpM = jbUpM;
    bUpB = jbUpB;
    bOut = jbOut;
  }
  // Back substitution from the top: t_k = (s_k + Σ t_a·P(a→k)) / D_k over the states above k when it went
  // (the reciprocal pivots are stored).
  const o = 9 * (N - 1);
  back[o + 3] = back[o + 4] = back[o + 7] = back[o + 8] = 0;
  let tM1 = 0;
  let tB1 = 0;
  for (let j = N - 1; j >= 0; j--) {
    const q = 9 * j;
    const tB =
      ((back[q + 6] as number) + tM1 * (back[q + 7] as number) + tB1 * (back[q + 8] as number)) *
      (back[q + 5] as number);
    const tM =
      ((back[q + 1] as number) +
        tB * (back[q + 2] as number) +
        tM1 * (back[q + 3] as number) +
        tB1 * (back[q + 4] as number)) *
      (back[q] as number);
    // M's throughput is its outflow of the other phase plus its equilibrium share into B.
    const k = K[j * c + i] as number;
    if (aqM) {
      x[j * c + i] = tB;
      y[j * c + i] = (tM * k) / (k + E);
    } else {
      x[j * c + i] = tM / (1 + E * k);
      y[j * c + i] = tB;
    }
    tM1 = tM;
    tB1 = tB;
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
