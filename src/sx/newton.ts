/**
 * Newton–Raphson solve of a counter-current cascade's stage equations (in the manner of Naphtali and
 * Sandholm's simultaneous-correction method for distillation), exploiting their block-tridiagonal form.
 *
 * Unknowns per stage j: the aqueous amounts x_j and organic amounts y_j leaving it (z_j = [x_j, y_j], 2c values).
 * Equations per stage:
 *   balance      x_{j+1} + y_{j-1} + F_j − x_j − y_j = 0
 *   equilibrium  organic Murphree E:  y_j − (1−E) y_{j-1} − E g_j(x_j) = 0
 *                aqueous Murphree E:  x_j − (1−E) x_{j+1} − E y_j / ε_j = 0   (linear model only)
 * with x_{N+1} the scrub inflow and y_0 the organic inflow. The Jacobian is block-tridiagonal with 2c×2c
 * blocks; the couplings to neighbouring stages are diagonal, so the block Thomas elimination needs one LU
 * of a 2c×2c block and one solve with c + 1 right-hand sides per stage: O(N·c³) per iteration. A linear
 * model converges in one step; the separation-factor model in a handful (damped, keeping amounts >= 0).
 */

import type { NormalisedCascade } from './cascadeSpec.js';
import { luFactor, luSolve } from './dense.js';
import { solvePhDependentCascade } from './phDependentSolver.js';
import { sweepCascade } from './speciesSweep.js';
import { equilibriumOrganic, type StageConstants, stageConstants } from './stageEquilibrium.js';

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
  let worst = 0;
  let merit = 0;
  // Product reflux: the scrub returns `reflux` with the loaded organic's composition.
  const top = (p.total - 1) * c;
  let yTop = 0;
  for (let i = 0; i < c; i++) yTop += y[top + i] as number;
  const share = p.reflux > 0 && yTop > 0 ? p.reflux / yTop : 0;
  for (let j = 0; j < p.total; j++) {
    const o = j * n2;
    equilibriumOrganic(k[j] as StageConstants, x, j * c, c, gBuf, 0);
    for (let i = 0; i < c; i++) {
      const xj = x[j * c + i] as number;
      const yj = y[j * c + i] as number;
      const xUp =
        j + 1 < p.total
          ? (x[(j + 1) * c + i] as number)
          : (p.scrubIn[i] as number) + share * (y[top + i] as number);
      const yDown = j > 0 ? (y[(j - 1) * c + i] as number) : (p.organicIn[i] as number);
      let feed = 0;
      if (j === p.feedStage) feed = p.feed[i] as number;
      const bal = xUp + yDown + feed - xj - yj;
      let eq: number;
      if (p.murphreePhase === 'organic') eq = yj - (1 - e) * yDown - e * (gBuf[i] as number);
      else eq = xj - (1 - e) * xUp - (e * yj) / ((k[j] as StageConstants).epsilon[i] as number);
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
  const rhs = new Float64Array(n2 * (c + 1));
  const jac = new Float64Array(c * c);
  const dz = new Float64Array(N * n2);
  const xTry = new Float64Array(N * c);
  const yTry = new Float64Array(N * c);
  const rTry = new Float64Array(N * n2);

  // Coefficients of the neighbour couplings (diagonal blocks): y_{j-1} in the balance (+1) and in the
  // equilibrium row (organic Murphree: −(1−E)); x_{j+1} in the balance (+1) and in the equilibrium row
  // (aqueous Murphree: −(1−E)).
  const aEq = aqueousMurphree ? 0 : -(1 - e);
  const cEq = aqueousMurphree ? -(1 - e) : 0;

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
        // ∂(reflux_i)/∂y_N,k = W (δ_ik / Y − y_i / Y²), entering the top stage's balance (and, with an
        // aqueous Murphree efficiency, its equilibrium rows through x_{N+1}).
        const top = j * c;
        let yTop = 0;
        for (let i = 0; i < c; i++) yTop += y[top + i] as number;
        if (yTop > 0) {
          for (let i = 0; i < c; i++) {
            const yi = y[top + i] as number;
            for (let kk = 0; kk < c; kk++) {
              const d = p.reflux * ((i === kk ? 1 / yTop : 0) - yi / (yTop * yTop));
              block[i * n2 + c + kk] = (block[i * n2 + c + kk] as number) + d;
              block[(c + i) * n2 + c + kk] = (block[(c + i) * n2 + c + kk] as number) + cEq * d;
            }
          }
        }
      }
      const o = j * n2;
      for (let q = 0; q < n2; q++) dz[o + q] = -(r[o + q] as number);
      if (j > 0) {
        // Subtract A_j · B'^{-1}_{j-1} · [C_{j-1} | r'_{j-1}]. Build the right-hand sides: column i (< c) is
        // C_{j-1}'s column for x_j,i (balance row i: 1, equilibrium row i: cEq); column c is r'_{j-1}.
        rhs.fill(0);
        const m = c + 1;
        for (let i = 0; i < c; i++) {
          rhs[i * m + i] = 1;
          rhs[(c + i) * m + i] = cEq;
        }
        const po = (j - 1) * n2;
        for (let q = 0; q < n2; q++) rhs[q * m + c] = dz[po + q] as number;
        luSolve(lu.subarray(po * n2, (po + n2) * n2), n2, piv.subarray(po, po + n2), rhs, m);
        // A_j picks the y-rows (c..2c-1) of the solution: balance row i gets +1·w_y,i; equilibrium row i aEq·w_y,i.
        for (let i = 0; i < c; i++) {
          const wRow = (c + i) * m;
          for (let col = 0; col < c; col++) {
            const w = rhs[wRow + col] as number;
            block[i * n2 + col] = (block[i * n2 + col] as number) - w;
            block[(c + i) * n2 + col] = (block[(c + i) * n2 + col] as number) - aEq * w;
          }
          const wr = rhs[wRow + c] as number;
          dz[o + i] = (dz[o + i] as number) - wr;
          dz[o + c + i] = (dz[o + c + i] as number) - aEq * wr;
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
          v[i] = (v[i] as number) - dxUp;
          v[c + i] = (v[c + i] as number) - cEq * dxUp;
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
 * exceeds the rare earths available, and no steady state of this model exists.
 */
function saturatedProfile(p: NormalisedCascade, k: readonly StageConstants[]): Float64Array | undefined {
  const c = p.species.length;
  const N = p.total;
  let feedTotal = 0;
  for (let i = 0; i < c; i++) feedTotal += p.feed[i] as number;
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
 * a trivial solution) to 1, each step starting from the last.
 */
export function solveCascade(p: NormalisedCascade): NewtonResult {
  if (p.models.some((m) => m.kind === 'phDependent')) return solvePhDependentCascade(p);
  const k = p.models.map((m, j) =>
    stageConstants(m, p.species, p.aqueousVolume[j] as number, p.organicVolume[j] as number),
  );
  if (p.reflux === 0 && k.every((kj) => kj.model.kind === 'distribution')) return solveSpeciesApart(p, k);
  if (k.every((kj) => kj.model.kind === 'distribution')) return newtonCore(p, k, undefined, p.maxIterations);
  const start = saturatedProfile(p, k);
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
  // Continuation in t (β_i^t): t = 0 makes every species alike; steps that fail are halved.
  const at = (t: number) =>
    k.map((kj) => (kj.model.kind === 'separationFactors' ? { ...kj, beta: kj.beta.map((b) => b ** t) } : kj));
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
