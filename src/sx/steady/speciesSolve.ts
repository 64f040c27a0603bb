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
  readonly murphree: number;
  readonly aqueousMurphree: boolean;
  readonly entrainAqueous: number;
  readonly entrainOrganic: number;
  /** Share of stage j's downward stream (aqueous + organic entrained in it) that reaches stage j − 1: 1 − dᵃ_j. */
  readonly passDown: Float64Array;
  /** Share of stage j's upward stream (organic + aqueous entrained in it) that reaches stage j + 1: 1 − d°_j. */
  readonly passUp: Float64Array;
  /** External inflows per stage and species (stage-major): aqueous (feed, scrub) and organic (feed, fresh organic). */
  readonly sourceAqueous: Float64Array;
  readonly sourceOrganic: Float64Array;
}

/** The ratio-independent part of the species equations of `p`. */
export function speciesLayout(p: NormalisedCascade): SpeciesLayout {
  const N = p.total;
  const c = p.species.length;
  const sourceAqueous = new Float64Array(N * c);
  const sourceOrganic = new Float64Array(N * c);
  for (let i = 0; i < c; i++) {
    const add = (a: Float64Array, q: number, v: number) => {
      a[q] = (a[q] as number) + v;
    };
    add(sourceAqueous, (N - 1) * c + i, p.scrubIn[i] as number);
    add(sourceOrganic, i, p.organicIn[i] as number);
    add(p.feedPhase === 'aqueous' ? sourceAqueous : sourceOrganic, p.feedStage * c + i, p.feed[i] as number);
  }
  const passDown = Float64Array.from(p.drawAqueous, (d) => 1 - d);
  const passUp = Float64Array.from(p.drawOrganic, (d) => 1 - d);
  const scalar = p.murphree === 1 && p.entrainAqueous === 0 && p.entrainOrganic === 0;
  return {
    N,
    c,
    scalar,
    murphree: p.murphree,
    aqueousMurphree: p.murphreePhase === 'aqueous',
    entrainAqueous: p.entrainAqueous,
    entrainOrganic: p.entrainOrganic,
    passDown,
    passUp,
    sourceAqueous,
    sourceOrganic,
  };
}

/** Work arrays for {@link solveSpecies}, sized for N stages. */
export interface SpeciesWork {
  readonly a: Float64Array;
  readonly b: Float64Array;
  readonly g: Float64Array;
}

export function speciesWork(N: number): SpeciesWork {
  return { a: new Float64Array(4 * N), b: new Float64Array(4 * N), g: new Float64Array(2 * N) };
}

/**
 * Solves species i for the ratios `K` (stage-major, N × c) and the top stage's `keep` (share of the loaded
 * organic that is not returned as reflux, in [0, 1]); writes its aqueous and organic outflows into `x`, `y`
 * (stage-major).
 */
export function solveSpecies(
  L: SpeciesLayout,
  i: number,
  K: Float64Array,
  keep: number,
  x: Float64Array,
  y: Float64Array,
  w: SpeciesWork,
): void {
  if (L.scalar) scalarSolve(L, i, K, keep, x, y, w);
  else blockSolve(L, i, K, keep, x, y, w);
}

/** The scalar (equilibrium, no entrainment) path, in Grassmann–Taksar–Heyman form. */
function scalarSolve(
  L: SpeciesLayout,
  i: number,
  K: Float64Array,
  keep: number,
  x: Float64Array,
  y: Float64Array,
  w: SpeciesWork,
): void {
  const { N, c, passDown, passUp, sourceAqueous, sourceOrganic } = L;
  const m = w.a; // pivots
  const e = w.b; // column excesses of the Schur complements
  const s = w.g; // eliminated right-hand sides
  // Row j: b_j x_j − l_j x_{j−1} − u_j x_{j+1} = s_j with b_j = 1 + K_j (top: 1 + K·keep),
  // l_j = passUp_{j−1}·K_{j−1}, u_j = passDown_{j+1}. Column j's excess (what leaves from stage j):
  // c_j = b_j − l_{j+1} − u_{j−1} = (1 − passUp_j)·K_j + (1 − passDown_j) for an interior stage.
  for (let j = 0; j < N; j++) {
    const kj = K[j * c + i] as number;
    const top = j === N - 1;
    // Out of the cascade from stage j: the organic not passed up (draw; at the top: the net product), and
    // the aqueous not passed down (draw; at the bottom: the raffinate).
    const organicOut = top ? kj * keep : kj * (1 - (passUp[j] as number));
    const aqueousOut = j === 0 ? 1 : 1 - (passDown[j] as number);
    let excess = organicOut + aqueousOut;
    const src = (sourceAqueous[j * c + i] as number) + (sourceOrganic[j * c + i] as number);
    let rhs = src;
    if (j > 0) {
      const mPrev = m[j - 1] as number;
      const uPrev = passDown[j] as number; // u_{j−1}: stage j's aqueous reaching j − 1
      excess += (uPrev * (e[j - 1] as number)) / mPrev;
      const l = (passUp[j - 1] as number) * (K[(j - 1) * c + i] as number); // l_j
      rhs += (l * (s[j - 1] as number)) / mPrev;
    }
    e[j] = excess;
    // l_{j+1} = passUp_j·K_j: what stage j sends up to j + 1.
    m[j] = (top ? 0 : (passUp[j] as number) * kj) + excess;
    s[j] = rhs;
  }
  let up = 0;
  for (let j = N - 1; j >= 0; j--) {
    const u = j < N - 1 ? (passDown[j + 1] as number) : 0;
    const xj = ((s[j] as number) + u * up) / (m[j] as number);
    x[j * c + i] = xj;
    y[j * c + i] = (K[j * c + i] as number) * xj;
    up = xj;
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
  const { N, c, passDown, passUp, sourceAqueous, sourceOrganic } = L;
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
    const sa = sourceAqueous[j * c + i] as number;
    const so = sourceOrganic[j * c + i] as number;
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
    x[j * c + i] = xj > 0 ? xj : 0;
    y[j * c + i] = yj > 0 ? yj : 0;
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
