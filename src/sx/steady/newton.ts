/**
 * Newton–Raphson solve of a counter-current cascade's stage equations (in the manner of Naphtali and
 * Sandholm's simultaneous-correction method for distillation), exploiting their block-tridiagonal form.
 *
 * Unknowns per stage j: the aqueous amounts x_j and organic amounts y_j leaving it (z_j = [x_j, y_j], 2c values).
 * Equations per stage, with the aqueous inflow a_j = (1−e_a) x_{j+1} + e_a x_{j−1} and the organic inflow
 * o_j = (1−e_o) y_{j−1} + e_o y_{j+1} (entrained fractions e_a, e_o; both 0 without entrainment), the feed
 * F_j counted in the inflow of its phase:
 *   balance      a_j + o_j − x_j − y_j = 0
 *   equilibrium  organic Murphree E:  y_j − (1−E) o_j − E g_j(x_j) = 0
 *                aqueous Murphree E:  x_j − (1−E) a_j − E y_j / ε_j = 0   (linear model only)
 * with the scrub (and reflux) as the top stage's aqueous inflow from above and the fresh organic as stage
 * 1's organic inflow from below. The Jacobian is block-tridiagonal with 2c×2c blocks; the couplings to
 * neighbouring stages are diagonal within each of their four c×c blocks, so the block Thomas elimination
 * needs one LU of a 2c×2c block and one solve with c + 1 right-hand sides per stage (2c + 1 with organic
 * entrainment, which couples a stage to the organic above it): O(N·c³) per iteration. A linear model
 * converges in one step; the separation-factor model in a handful (damped, keeping amounts >= 0).
 */

import type { NormalisedCascade } from '../cascadeSpec.js';
import { luFactor, luSolve } from './dense.js';
import { solvePhDependentCascade } from './phDependentSolver.js';
import { type StageCouplings, saturatedTotals, stageCouplings, sweepCascade } from './speciesSweep.js';
import { cascadeConstants, equilibriumOrganic, isLinear, type StageConstants } from './stageEquilibrium.js';

/** Species-by-species sweeps before Newton on a nonlinear model (see `speciesSweep.ts`). */
const SWEEPS = 500;

/** Outcome of a Newton solve. */
export interface NewtonResult {
  /** Aqueous amounts leaving each stage, stage-major (N × c). */
  readonly x: Float64Array;
  /** Organic amounts leaving each stage, stage-major (N × c). */
  readonly y: Float64Array;
  readonly iterations: number;
  /** Largest scaled equation residual at the end. */
  readonly residual: number;
  readonly converged: boolean;
  /** True when the model has no steady state for these flows (e.g. the organic's capacity exceeds the feed). */
  readonly infeasible?: boolean;
  /**
   * Net amount of each species the stage reactions produce over the whole cascade (species order, per unit
   * time; negative: consumed). Only the pH-dependent model has reactions (protons released, extractant
   * bound, bisulfate dissociated); the cascade's balance adds it to the inputs.
   */
  readonly generated?: Float64Array;
}

/** Largest scaled residual and the merit ½Σ(R/scale)² of the last {@link residuals} call. */
interface Norms {
  max: number;
  merit: number;
}

/** The loaded-organic outlet's amount of species i, (1 − e_o) y_N + e_a x_N. */
function loadedAmount(p: NormalisedCascade, x: Float64Array, y: Float64Array, i: number): number {
  const top = (p.total - 1) * p.species.length + i;
  return (1 - p.entrainOrganic) * (y[top] as number) + p.entrainAqueous * (x[top] as number);
}

/** Fills R (stage-major, 2c per stage) for the current x, y; returns the largest scaled residual and the merit. */
function residuals(
  p: NormalisedCascade,
  k: readonly StageConstants[],
  x: Float64Array,
  y: Float64Array,
  r: Float64Array,
  gBuf: Float64Array,
  scale: Float64Array,
): Norms {
  const c = p.species.length;
  const n2 = 2 * c;
  const e = p.murphree;
  const ea = p.entrainAqueous;
  const eo = p.entrainOrganic;
  let worst = 0;
  let merit = 0;
  // Product reflux: the scrub returns `reflux` with the loaded organic's composition.
  let loaded = 0;
  for (let i = 0; i < c; i++) loaded += loadedAmount(p, x, y, i);
  const share = p.reflux > 0 && loaded > 0 ? p.reflux / loaded : 0;
  for (let j = 0; j < p.total; j++) {
    const o = j * n2;
    equilibriumOrganic(k[j] as StageConstants, x, j * c, c, gBuf, 0);
    for (let i = 0; i < c; i++) {
      const xj = x[j * c + i] as number;
      const yj = y[j * c + i] as number;
      // Inflows: aqueous from above (and entrained up from below), organic from below (and entrained down).
      let aIn =
        j + 1 < p.total
          ? (1 - ea) * (x[(j + 1) * c + i] as number)
          : (p.scrubIn[i] as number) + share * loadedAmount(p, x, y, i);
      let oIn = j > 0 ? (1 - eo) * (y[(j - 1) * c + i] as number) : (p.organicIn[i] as number);
      if (ea > 0 && j > 0) aIn += ea * (x[(j - 1) * c + i] as number);
      if (eo > 0 && j + 1 < p.total) oIn += eo * (y[(j + 1) * c + i] as number);
      // The feed joins the inflow of its phase (so a Murphree efficiency applies to it too).
      if (j === p.feedStage) {
        if (p.feedPhase === 'aqueous') aIn += p.feed[i] as number;
        else oIn += p.feed[i] as number;
      }
      const bal = aIn + oIn - xj - yj;
      let eq: number;
      if (p.murphreePhase === 'organic') eq = yj - (1 - e) * oIn - e * (gBuf[i] as number);
      else eq = xj - (1 - e) * aIn - (e * yj) / ((k[j] as StageConstants).epsilon[i] as number);
      r[o + i] = bal;
      r[o + c + i] = eq;
      // Relative to the species' input, or to its own flows through the stage where they are larger
      // (internal reflux can circulate many times the feed; round-off scales with what is balanced).
      const s = Math.max(scale[i] as number, Math.abs(xj) + Math.abs(yj));
      const rb = bal / s;
      const re = eq / s;
      worst = Math.max(worst, Math.abs(rb), Math.abs(re));
      merit += 0.5 * (rb * rb + re * re);
    }
  }
  return { max: worst, merit };
}

/** Starting aqueous profile: the feed's amounts (floored) in every stage. */
function initialProfile(p: NormalisedCascade): Float64Array {
  const c = p.species.length;
  let totalIn = 0;
  for (let i = 0; i < c; i++)
    totalIn += (p.feed[i] as number) + (p.organicIn[i] as number) + (p.scrubIn[i] as number);
  const x = new Float64Array(p.total * c);
  for (let j = 0; j < p.total; j++) {
    for (let i = 0; i < c; i++) x[j * c + i] = Math.max(p.feed[i] as number, 1e-12 * totalIn);
  }
  return x;
}

/** Newton iterations on the stage equations with the stage constants `k`, from the aqueous profile `x0`. */
function newtonCore(
  p: NormalisedCascade,
  k: readonly StageConstants[],
  x0: Float64Array | undefined,
  maxIterations: number,
): NewtonResult {
  const c = p.species.length;
  const n2 = 2 * c;
  const N = p.total;
  const e = p.murphree;
  const aqueousMurphree = p.murphreePhase === 'aqueous';

  const scale = speciesScale(p);

  const x = x0 ? Float64Array.from(x0) : initialProfile(p);
  const y = new Float64Array(N * c);
  const g = new Float64Array(c);
  for (let j = 0; j < N; j++) {
    equilibriumOrganic(k[j] as StageConstants, x, j * c, c, g, 0);
    for (let i = 0; i < c; i++) y[j * c + i] = g[i] as number;
  }

  const r = new Float64Array(N * n2);
  const lu = new Float64Array(N * n2 * n2); // LU of each reduced diagonal block
  const piv = new Int32Array(N * n2);
  const block = new Float64Array(n2 * n2);
  const cp: StageCouplings = stageCouplings(p);
  const [abx, aby, aex, aey] = cp.below;
  const [cbx, cby, cex, cey] = cp.above;
  const eqAq = cp.eqAqueous;
  // C_j has a column for y_{j+1} only with organic entrainment: then 2c + 1 right-hand sides, else c + 1.
  const yColumns = cby !== 0 || cey !== 0;
  const nc = yColumns ? n2 : c;
  const rhs = new Float64Array(n2 * (nc + 1));
  const jac = new Float64Array(c * c);
  const dz = new Float64Array(N * n2);
  const xTry = new Float64Array(N * c);
  const yTry = new Float64Array(N * c);
  const rTry = new Float64Array(N * n2);

  // Neighbour couplings (see StageCouplings): A_j = [[abx I, aby I], [aex I, aey I]] on z_{j−1} and
  // C_j = [[cbx I, cby I], [cex I, cey I]] on z_{j+1}, each c×c block diagonal.

  let norms = residuals(p, k, x, y, r, g, scale);
  let residual = norms.max;
  let iterations = 0;
  let converged = residual <= p.tolerance;
  while (!converged && iterations < maxIterations) {
    iterations++;
    // Forward elimination. Row layout per stage: [balance rows 0..c-1, equilibrium rows c..2c-1];
    // columns [x 0..c-1, y c..2c-1]. We solve J dz = −R.
    for (let j = 0; j < N; j++) {
      block.fill(0);
      for (let i = 0; i < c; i++) {
        block[i * n2 + i] = -1; // ∂bal/∂x_j
        block[i * n2 + c + i] = -1; // ∂bal/∂y_j
      }
      if (aqueousMurphree) {
        const eps = (k[j] as StageConstants).epsilon;
        for (let i = 0; i < c; i++) {
          block[(c + i) * n2 + i] = 1;
          block[(c + i) * n2 + c + i] = -e / (eps[i] as number);
        }
      } else {
        equilibriumOrganic(k[j] as StageConstants, x, j * c, c, g, 0, jac);
        for (let i = 0; i < c; i++) {
          for (let kk = 0; kk < c; kk++) block[(c + i) * n2 + kk] = -e * (jac[i * c + kk] as number);
          block[(c + i) * n2 + c + i] = 1;
        }
      }
      if (j === N - 1 && p.reflux > 0) {
        // ∂(reflux_i)/∂L_k = W (δ_ik / ΣL − L_i / ΣL²) with the loaded outlet L = (1−e_o) y_N + e_a x_N,
        // entering the top stage's balance (and, with an aqueous Murphree efficiency, its equilibrium rows
        // through the aqueous inflow).
        let lTop = 0;
        for (let i = 0; i < c; i++) lTop += loadedAmount(p, x, y, i);
        const ly = 1 - p.entrainOrganic;
        const lx = p.entrainAqueous;
        if (lTop > 0) {
          for (let i = 0; i < c; i++) {
            const li = loadedAmount(p, x, y, i);
            for (let kk = 0; kk < c; kk++) {
              const d = p.reflux * ((i === kk ? 1 / lTop : 0) - li / (lTop * lTop));
              block[i * n2 + c + kk] = (block[i * n2 + c + kk] as number) + ly * d;
              block[(c + i) * n2 + c + kk] = (block[(c + i) * n2 + c + kk] as number) + eqAq * (ly * d);
              if (lx > 0) {
                block[i * n2 + kk] = (block[i * n2 + kk] as number) + lx * d;
                block[(c + i) * n2 + kk] = (block[(c + i) * n2 + kk] as number) + eqAq * (lx * d);
              }
            }
          }
        }
      }
      const o = j * n2;
      for (let q = 0; q < n2; q++) dz[o + q] = -(r[o + q] as number);
      if (j > 0) {
        // Subtract A_j · B'^{-1}_{j-1} · [C_{j-1} | r'_{j-1}]. Right-hand sides: column i (< c) is C_{j-1}'s
        // column for x_j,i (balance row i: cbx, equilibrium row i: cex); with organic entrainment column
        // c + i is its column for y_j,i (cby, cey); the last column is r'_{j-1}.
        rhs.fill(0);
        const m = nc + 1;
        for (let i = 0; i < c; i++) {
          rhs[i * m + i] = cbx;
          rhs[(c + i) * m + i] = cex;
          if (yColumns) {
            rhs[i * m + c + i] = cby;
            rhs[(c + i) * m + c + i] = cey;
          }
        }
        const po = (j - 1) * n2;
        for (let q = 0; q < n2; q++) rhs[q * m + nc] = dz[po + q] as number;
        luSolve(lu.subarray(po * n2, (po + n2) * n2), n2, piv.subarray(po, po + n2), rhs, m);
        // A_j combines the x-rows (0..c-1) and y-rows (c..2c-1) of the solution W: balance row i gets
        // abx·W_x,i + aby·W_y,i, equilibrium row i aex·W_x,i + aey·W_y,i.
        for (let i = 0; i < c; i++) {
          const xRow = i * m;
          const yRow = (c + i) * m;
          for (let col = 0; col < nc; col++) {
            const wx = rhs[xRow + col] as number;
            const wy = rhs[yRow + col] as number;
            block[i * n2 + col] = (block[i * n2 + col] as number) - (abx * wx + aby * wy);
            block[(c + i) * n2 + col] = (block[(c + i) * n2 + col] as number) - (aex * wx + aey * wy);
          }
          const wx = rhs[xRow + nc] as number;
          const wy = rhs[yRow + nc] as number;
          dz[o + i] = (dz[o + i] as number) - (abx * wx + aby * wy);
          dz[o + c + i] = (dz[o + c + i] as number) - (aex * wx + aey * wy);
        }
      }
      const luj = lu.subarray(o * n2, (o + n2) * n2);
      luj.set(block);
      if (!luFactor(luj, n2, piv.subarray(o, o + n2))) {
        return { x, y, iterations, residual, converged: false };
      }
    }
    // Back substitution: dz_j = B'^{-1}_j (r'_j − C_j dz_{j+1}).
    for (let j = N - 1; j >= 0; j--) {
      const o = j * n2;
      const v = dz.subarray(o, o + n2);
      if (j + 1 < N) {
        const no = (j + 1) * n2;
        for (let i = 0; i < c; i++) {
          const dxUp = dz[no + i] as number;
          const dyUp = dz[no + c + i] as number;
          v[i] = (v[i] as number) - (cbx * dxUp + cby * dyUp);
          v[c + i] = (v[c + i] as number) - (cex * dxUp + cey * dyUp);
        }
      }
      luSolve(lu.subarray(o * n2, (o + n2) * n2), n2, piv.subarray(o, o + n2), v, 1);
    }
    // Backtracking line search on the merit ½Σ(R/scale)². An amount the step would drive negative is cut
    // to a tenth of its value instead (per component), so trace species can fall by orders of magnitude
    // without shrinking the whole step.
    let alpha = 1;
    let accepted = false;
    for (let tries = 0; tries < 40; tries++) {
      for (let j = 0; j < N; j++) {
        for (let i = 0; i < c; i++) {
          const q = j * c + i;
          const xi = x[q] as number;
          const xn = xi + alpha * (dz[j * n2 + i] as number);
          xTry[q] = xn > 0 ? xn : 0.1 * xi;
          yTry[q] = (y[q] as number) + alpha * (dz[j * n2 + c + i] as number);
        }
      }
      const next = residuals(p, k, xTry, yTry, rTry, g, scale);
      if (Number.isFinite(next.merit) && (next.merit < norms.merit || next.max <= p.tolerance)) {
        x.set(xTry);
        y.set(yTry);
        r.set(rTry);
        norms = next;
        residual = next.max;
        accepted = true;
        break;
      }
      alpha /= 2;
    }
    if (!accepted) break;
    converged = residual <= p.tolerance;
  }
  return { x, y, iterations, residual, converged };
}

/**
 * Starting profile for the saturated (separation-factor) model: stage totals from the balance with the
 * organic carrying its capacity S_j out of every stage (exact for that model), the feed's composition in
 * every stage. Returns undefined when a stage's aqueous total would be negative: the organic's capacity
 * exceeds the rare earths available, and no steady state of this model exists. When every stage is
 * saturated the exact totals of {@link saturatedTotals} (with a Murphree efficiency, entrainment or an acid
 * scrub) decide feasibility; with entrainment and mixed models, the plain starting profile.
 */
function saturatedProfile(p: NormalisedCascade, k: readonly StageConstants[]): Float64Array | undefined {
  const c = p.species.length;
  const N = p.total;
  let feedTotal = 0;
  for (let i = 0; i < c; i++) feedTotal += p.feed[i] as number;
  // Every stage saturated: the exact totals (Murphree, acid scrub and entrainment included); undefined when
  // the organic would have to take more than the aqueous brings (no steady state).
  if (k.every((kj) => kj.model.kind === 'separationFactors')) {
    const totals = saturatedTotals(p, k);
    if (!totals) return undefined;
    const x = new Float64Array(N * c);
    for (let j = 0; j < N; j++) {
      const total = totals.aqueous[j] as number;
      for (let i = 0; i < c; i++) x[j * c + i] = (total * (p.feed[i] as number)) / (feedTotal || 1);
    }
    return x;
  }
  if (p.entrainAqueous > 0 || p.entrainOrganic > 0) return initialProfile(p);
  // Mixed models: the saturated stages' capacities with an equilibrium-stage balance (a starting guess).
  const sum = (v: Float64Array) => v.reduce((a, b) => a + b, 0);
  const cap = (j: number) => {
    const kj = k[j] as StageConstants;
    return kj.model.kind === 'separationFactors' ? kj.capacity : 0;
  };
  const x = new Float64Array(N * c);
  let above = sum(p.scrubIn) + p.reflux;
  for (let j = N - 1; j >= 0; j--) {
    const yIn = j > 0 ? cap(j - 1) : sum(p.organicIn);
    const feed = j === p.feedStage ? feedTotal : 0;
    const total = above + feed + yIn - cap(j);
    if (!(total > 0)) return undefined;
    for (let i = 0; i < c; i++) x[j * c + i] = (total * (p.feed[i] as number)) / (feedTotal || 1);
    above = total;
  }
  return x;
}

/**
 * Linear models without product reflux couple no species to another: one species-by-species sweep (a 2×2
 * block-tridiagonal solve per species) is the exact solution. Cost O(N·c) instead of O(N·c³).
 */
function solveSpeciesApart(p: NormalisedCascade, k: readonly StageConstants[]): NewtonResult {
  const sw = sweepCascade(p, k, new Float64Array(p.total * p.species.length), 1, 0);
  const residual = stageResidual(p, k, sw.x, sw.y);
  return { x: sw.x, y: sw.y, iterations: 1, residual, converged: residual <= p.tolerance };
}

/** Largest scaled stage-equation residual of the profile (x, y). */
function stageResidual(p: NormalisedCascade, k: readonly StageConstants[], x: Float64Array, y: Float64Array) {
  const c = p.species.length;
  return residuals(p, k, x, y, new Float64Array(2 * c * p.total), new Float64Array(c), speciesScale(p)).max;
}

/** Scale of each species in the residuals: everything that enters (floor: a tiny fraction of the total). */
function speciesScale(p: NormalisedCascade): Float64Array {
  const c = p.species.length;
  const scale = new Float64Array(c);
  let totalIn = 0;
  for (let i = 0; i < c; i++) {
    const s = (p.feed[i] as number) + (p.organicIn[i] as number) + (p.scrubIn[i] as number);
    scale[i] = s;
    totalIn += s;
  }
  for (let i = 0; i < c; i++) scale[i] = Math.max(scale[i] as number, 1e-12 * totalIn, 1e-300);
  return scale;
}

/**
 * Solves the cascade's stage equations. A linear model is solved by one Newton step. For the
 * separation-factor model Newton starts from the saturated-balance profile and, if it does not converge
 * from there, follows a homotopy in the separation factors: β_i^t for t rising from 0 (every species alike,
 * a trivial solution) to 1, each step starting from the last. The capacity-limited distribution model
 * starts from the feed's amounts in every stage, and its homotopy relaxes the capacity: Q/t (t = 0: the
 * linear model).
 */
export function solveCascade(p: NormalisedCascade): NewtonResult {
  if (p.models.some((m) => m.kind === 'phDependent')) return solvePhDependentCascade(p);
  const k = cascadeConstants(p);
  const linear = k.every(isLinear);
  if (p.reflux === 0 && linear) return solveSpeciesApart(p, k);
  if (linear) return newtonCore(p, k, undefined, p.maxIterations);
  const start = k.some((kj) => kj.model.kind === 'separationFactors')
    ? saturatedProfile(p, k)
    : initialProfile(p);
  if (!start)
    return {
      x: new Float64Array(p.total * p.species.length),
      y: new Float64Array(p.total * p.species.length),
      iterations: 0,
      residual: Number.POSITIVE_INFINITY,
      converged: false,
      infeasible: true,
    };
  // Species-by-species sweeps (accelerated) get the many-decade trace profiles right and usually converge
  // outright; Newton polishes what they leave; β continuation is the last resort.
  const swept = sweepCascade(p, k, start, SWEEPS, 1e-14);
  const polished = newtonCore(p, k, swept.x, Math.min(p.maxIterations, 50));
  if (polished.converged) return { ...polished, iterations: polished.iterations + swept.sweeps };
  const direct = newtonCore(p, k, start, Math.min(p.maxIterations, 30));
  if (direct.converged) return direct;
  // Continuation in t (β_i^t, capacity Q/t): t = 0 makes every species alike in the saturated stages and
  // the capacity-limited stages linear; steps that fail are halved.
  const at = (t: number) =>
    k.map((kj) =>
      kj.model.kind === 'separationFactors'
        ? { ...kj, beta: kj.beta.map((b) => b ** t) }
        : isLinear(kj)
          ? kj
          : { ...kj, capacity: t > 0 ? kj.capacity / t : 0 },
    );
  let iterations = direct.iterations;
  let base = newtonCore(p, at(0), start, 50);
  iterations += base.iterations;
  if (!base.converged) return { ...base, iterations };
  let t = 0;
  let dt = 0.25;
  while (t < 1 && dt >= 1 / 4096 && iterations < 50 * p.maxIterations) {
    const next = Math.min(1, t + dt);
    const step = newtonCore(p, at(next), base.x, 50);
    iterations += step.iterations;
    if (step.converged) {
      base = step;
      t = next;
      dt = Math.min(0.5, dt * 2);
    } else {
      dt /= 2;
    }
  }
  if (t === 1) return { ...base, iterations };
  // Continuation stalled: report the residual of the real (t = 1) equations at the last profile.
  const last = newtonCore(p, k, base.x, 0);
  return { ...last, converged: false, iterations };
}
