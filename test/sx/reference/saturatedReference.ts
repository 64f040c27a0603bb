// biome-ignore-all lint/style/noNonNullAssertion: dense numeric indexing; every index is in range by construction.
// Independent reference solver (a test oracle) for a counter-current solvent-extraction cascade with Xu's
// saturated organic, at steady state with equilibrium stages. It is written apart from src/sx/ on purpose:
// it shares no code with the production solver and uses a different method (Newton on the logarithms of
// the amounts, a dense Jacobian, continuation in the stage count), so agreement is evidence for both.
//
// Model. Stages j = 1..N, N = n + m; stage 1 is the raffinate end; stages 1..n extract, n+1..N scrub.
//   x_ij, y_ij  aqueous and organic amounts of species i leaving stage j (mol/h).
//   Balance     r_ij = A_ij + B_ij + F_ij − x_ij − y_ij = 0 with
//                 A_ij = x_i,j+1                  (j < N: aqueous from the stage above)
//                      = s_i + W·y_iN / S         (j = N: scrub, plus the reflux W with the loaded organic's
//                                                  composition; Σ_k y_kN = S, see below)
//                 B_ij = y_i,j−1 (j > 1), 0 (j = 1: barren organic)
//                 F_ij = f_i at j = n, else 0     (aqueous feed)
//   Equilibrium y_ij = S·β_i·x_ij / Σ_k β_k x_kj  (saturated organic: every stage's organic carries
//               S = loading × O in all, so Σ_i y_ij = S; β of the stage's section).
//   Outlets     raffinate = x_1; loaded organic L = y_N; product = L·(1 − W/S).
//
// Method. Unknowns u_ij = ln x_ij (y follows from the equilibrium, so amounts stay positive). Newton's
// method on the residuals scaled by each species' input (f_i + s_i), with the analytic dense Jacobian
//   ∂y_ij/∂u_lj = y_ij (δ_il − p_lj),  p_lj = y_lj / S   (only within stage j),
// solved by Gaussian elimination with partial pivoting, and a backtracking (Armijo) line search on ½‖r‖².
// The residuals are evaluated in double-double arithmetic (doubleDouble.ts). Sharp cuts with many stages
// make the Jacobian very ill-conditioned (row-scaled condition number ~1e8 at 8 + 8 stages and ~3e13 at
// 14 + 14 in the 6-element case: where the front between the key species sits is fixed only by the outlets'
// tiny impurities). With residuals in plain doubles their round-off noise drives Newton along that
// near-null direction, the step's curvature error feeds back into the residual, and from about 11 + 11 on
// the residual stalls above 1e-13 (5e-12 at 13 + 13, 4e-10 at 14 + 14). Residuals accurate to their own
// last digit remove the noise.
// Continuation in the stage count: solve the 1 + 1 cascade (1 + 0 without scrub), then add one stage at a
// time, alternately to each section, until (n, m); each solve starts from the previous solution with the
// new stage's guess a copy of the feed stage (extraction) or of the first scrub stage (scrub), i.e. next
// to the feed: the two ends keep the profiles that match their boundary streams, and the stages near the
// feed, where the composition changes least from stage to stage in a working design, absorb the new one.
import { add, type DD, dd, div, mul, product, sub, toNumber } from './doubleDouble.js';

/** Amounts per hour by species. */
export type Amounts = Readonly<Record<string, number>>;

export interface SaturatedCascadeInput {
  /** Stages per section: extraction n >= 1, scrub m >= 0. */
  readonly stages: { readonly extraction: number; readonly scrub: number };
  /** Aqueous feed, mol/h of each species; it enters the last extraction stage n. */
  readonly feed: Amounts;
  /** Separation factors (relative extractabilities), for both sections or per section. */
  readonly beta: Amounts | { readonly extraction: Amounts; readonly scrub: Amounts };
  /** Organic loading, mol per litre of organic. */
  readonly loading: number;
  /** Organic volume flow O, L/h; the organic carries S = loading × O mol/h out of every stage. */
  readonly organicVolume: number;
  /** Scrub aqueous entering stage N: fixed amounts, and the reflux W (mol/h) taken from the loaded organic. */
  readonly scrub?: { readonly flows?: Amounts; readonly reflux?: number };
  /** Largest |r_ij| / (f_i + s_i) accepted; default 1e-13. */
  readonly tolerance?: number;
}

export interface ContinuationStep {
  readonly extraction: number;
  readonly scrub: number;
  /** Newton iterations this solve took. */
  readonly iterations: number;
}

export interface SaturatedCascadeResult {
  /** Species order of the rows of x and y: the keys of β (of the extraction section). */
  readonly species: readonly string[];
  readonly raffinate: Record<string, number>;
  readonly product: Record<string, number>;
  /** x[j][i], y[j][i]: amounts of species[i] leaving stage j + 1 in the aqueous and the organic. */
  readonly x: number[][];
  readonly y: number[][];
  /** Largest stage-balance residual of the final cascade relative to the species' input. */
  readonly residual: number;
  /** Newton iterations over the whole continuation. */
  readonly iterations: number;
  readonly continuation: readonly ContinuationStep[];
}

/** The problem at one stage count, over the species with a positive input (the others are 0 everywhere). */
interface Problem {
  readonly C: number; // species
  readonly n: number; // extraction stages
  readonly N: number; // all stages
  readonly betaE: Float64Array;
  readonly betaS: Float64Array;
  readonly f: Float64Array; // feed
  readonly s: Float64Array; // fixed scrub amounts
  readonly input: Float64Array; // f + s, the residual scale
  readonly S: number; // organic load of every stage
  readonly W: number; // reflux
}

const MAX_ITERATIONS = 100;
/** A Newton correction of every ln x below this is negligible (see `newton`). */
const STEP_TOLERANCE = 1e-10;

/**
 * Amounts x, y (stage-major, index j·C + i) and scaled residuals r for log-amounts u. The point is the
 * doubles x = exp(u); y and r at that point are computed in double-double arithmetic and rounded once, so
 * r is accurate to its own last digit even where the balance cancels terms ~100× larger than r's scale.
 */
function evaluate(p: Problem, u: Float64Array): { x: Float64Array; y: Float64Array; r: Float64Array } {
  const { C, n, N } = p;
  const x = u.map(Math.exp);
  const yy: DD[] = new Array(x.length);
  for (let j = 0; j < N; j++) {
    const beta = j < n ? p.betaE : p.betaS;
    let sum = dd(0); // Σ_k β_k x_kj
    for (let k = 0; k < C; k++) sum = add(sum, product(beta[k]!, x[j * C + k]!));
    for (let i = 0; i < C; i++) yy[j * C + i] = div(mul(product(beta[i]!, x[j * C + i]!), dd(p.S)), sum);
  }
  const r = new Float64Array(x.length);
  for (let j = 0; j < N; j++) {
    for (let i = 0; i < C; i++) {
      const aqueousIn =
        j < N - 1
          ? dd(x[(j + 1) * C + i]!)
          : add(dd(p.s[i]!), div(mul(yy[(N - 1) * C + i]!, dd(p.W)), dd(p.S))); // s_i + W·y_iN / S
      const organicIn = j > 0 ? yy[(j - 1) * C + i]! : dd(0);
      const feedIn = dd(j === n - 1 ? p.f[i]! : 0);
      const out = add(dd(x[j * C + i]!), yy[j * C + i]!);
      r[j * C + i] = toNumber(sub(add(add(aqueousIn, organicIn), feedIn), out)) / p.input[i]!;
    }
  }
  return { x, y: Float64Array.from(yy, toNumber), r };
}

/** Dense Jacobian ∂r/∂u (rows and columns indexed j·C + i). */
function jacobian(p: Problem, x: Float64Array, y: Float64Array): Float64Array[] {
  const { C, N, S, W } = p;
  const J = Array.from({ length: N * C }, () => new Float64Array(N * C));
  // ∂y_ij/∂u_lk = δ_jk · y_ij (δ_il − y_lj / S)
  const dy = (j: number, i: number, l: number) => y[j * C + i]! * ((i === l ? 1 : 0) - y[j * C + l]! / S);
  for (let j = 0; j < N; j++) {
    for (let i = 0; i < C; i++) {
      const row = J[j * C + i]!;
      const scale = 1 / p.input[i]!;
      row[j * C + i]! -= x[j * C + i]! * scale; // −x_ij
      for (let l = 0; l < C; l++) row[j * C + l]! -= dy(j, i, l) * scale; // −y_ij
      if (j < N - 1)
        row[(j + 1) * C + i]! += x[(j + 1) * C + i]! * scale; // x_i,j+1
      else for (let l = 0; l < C; l++) row[j * C + l]! += (W / S) * dy(j, i, l) * scale; // reflux W·y_iN/S
      if (j > 0) for (let l = 0; l < C; l++) row[(j - 1) * C + l]! += dy(j - 1, i, l) * scale; // y_i,j−1
    }
  }
  return J;
}

const maxAbs = (v: Float64Array) => v.reduce((m, a) => Math.max(m, Math.abs(a)), 0);
const halfSquare = (v: Float64Array) => 0.5 * v.reduce((m, a) => m + a * a, 0);

/**
 * Solves A d = b by Gaussian elimination with partial pivoting (A and b are overwritten). The rows are
 * first scaled to a largest entry of 1: a trace species' balance in a far stage has entries many orders
 * of magnitude below a major one's, and unscaled pivoting then loses those rows' accuracy.
 */
function solveLinear(A: Float64Array[], b: Float64Array): Float64Array {
  const size = b.length;
  for (let r = 0; r < size; r++) {
    const scale = maxAbs(A[r]!);
    if (!(scale > 0)) throw new Error('reference cascade: singular Jacobian');
    for (let k = 0; k < size; k++) A[r]![k]! /= scale;
    b[r]! /= scale;
  }
  for (let c = 0; c < size; c++) {
    let pivot = c;
    for (let r = c + 1; r < size; r++) if (Math.abs(A[r]![c]!) > Math.abs(A[pivot]![c]!)) pivot = r;
    if (!(Math.abs(A[pivot]![c]!) > 0)) throw new Error('reference cascade: singular Jacobian');
    [A[c], A[pivot]] = [A[pivot]!, A[c]!];
    [b[c], b[pivot]] = [b[pivot]!, b[c]!];
    const top = A[c]!;
    for (let r = c + 1; r < size; r++) {
      const row = A[r]!;
      const factor = row[c]! / top[c]!;
      if (factor === 0) continue;
      for (let k = c; k < size; k++) row[k]! -= factor * top[k]!;
      b[r]! -= factor * b[c]!;
    }
  }
  const d = new Float64Array(size);
  for (let r = size - 1; r >= 0; r--) {
    let acc = b[r]!;
    for (let k = r + 1; k < size; k++) acc -= A[r]![k]! * d[k]!;
    d[r] = acc / A[r]![r]!;
  }
  return d;
}

/**
 * Newton with backtracking from u; returns the solution and the Newton steps it took, or throws.
 *
 * Stopping rule: the scaled residual is at most `tolerance`, and the next correction is either negligible
 * (every |Δ ln x| ≤ 1e-10) or no longer shrinking (≥ 1/10 of the previous one). The second case is the
 * round-off floor: the doubles nearest the solution satisfy the balances only to a few ulps, and in an
 * ill-conditioned cascade that leftover maps to corrections of trace amounts well above 1e-10 (relative)
 * that no further step removes. Trace amounts are then exact to the residual's absolute level, not to
 * 1e-10 of themselves.
 */
function newton(p: Problem, u0: Float64Array, tolerance: number): { u: Float64Array; iterations: number } {
  let u = u0;
  let { x, y, r } = evaluate(p, u);
  let previousStep = Number.POSITIVE_INFINITY;
  for (let iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
    const d = solveLinear(
      jacobian(p, x, y),
      r.map((a) => -a),
    );
    const step = maxAbs(d);
    const small = maxAbs(r) <= tolerance;
    if (small && (step <= STEP_TOLERANCE || step > 0.1 * previousStep)) {
      // Converged. Keep the last correction too if it lowers the residual further (it usually does).
      const polished = u.map((a, k) => a + d[k]!);
      return { u: maxAbs(evaluate(p, polished).r) < maxAbs(r) ? polished : u, iterations: iteration };
    }
    previousStep = step;
    // Line search on φ = ½‖r‖²: along the Newton direction φ′(0) = −2φ, so Armijo asks φ(λ) ≤ (1 − 2cλ)φ.
    const phi = halfSquare(r);
    let lambda = 1;
    for (;;) {
      const trial = u.map((a, k) => a + lambda * d[k]!);
      const t = evaluate(p, trial);
      const phiTrial = halfSquare(t.r);
      if (Number.isFinite(phiTrial) && phiTrial <= (1 - 2e-4 * lambda) * phi) {
        ({ x, y, r } = t);
        u = trial;
        break;
      }
      lambda /= 2;
      if (lambda < 1e-10) {
        // No decrease possible: fine only at the round-off floor, below the tolerance already.
        if (small) return { u, iterations: iteration };
        throw new Error(
          `reference cascade (${p.n} + ${p.N - p.n}): line search failed at iteration ${iteration + 1}, residual ${maxAbs(r)}`,
        );
      }
    }
  }
  throw new Error(
    `reference cascade (${p.n} + ${p.N - p.n}): no convergence in ${MAX_ITERATIONS} iterations, residual ${maxAbs(r)}`,
  );
}

/** Copies the block of stage k (0-based) into a new stage right after it: one stage more. */
function duplicateStage(u: Float64Array, C: number, k: number): Float64Array {
  const out = new Float64Array(u.length + C);
  out.set(u.subarray(0, (k + 1) * C), 0);
  out.set(u.subarray(k * C), (k + 1) * C);
  return out;
}

/**
 * Starting profile for the smallest cascade: every stage's aqueous carries the total the overall balance
 * gives it (T_N = W + Σs; T_j = T_j+1 + [feed stage]·Σf − [j = 1]·S), split as the inputs are.
 */
function initialGuess(p: Problem): Float64Array {
  const totalIn = p.input.reduce((a, b) => a + b, 0);
  const u = new Float64Array(p.N * p.C);
  let T = p.W + p.s.reduce((a, b) => a + b, 0);
  for (let j = p.N - 1; j >= 0; j--) {
    if (j === p.n - 1) T += p.f.reduce((a, b) => a + b, 0);
    if (j === 0) T -= p.S;
    if (!(T > 0)) throw new Error(`reference cascade: no aqueous leaves stage ${j + 1} (infeasible flows)`);
    for (let i = 0; i < p.C; i++) u[j * p.C + i] = Math.log((T * p.input[i]!) / totalIn);
  }
  return u;
}

/**
 * Solves the saturated-organic cascade (see the header for the equations and the method).
 * @throws Error for bad input, infeasible flows (no aqueous out of some stage, W > S) or no convergence
 */
export function referenceSaturatedCascade(input: SaturatedCascadeInput): SaturatedCascadeResult {
  const { extraction: nTarget, scrub: mTarget } = input.stages;
  if (!Number.isInteger(nTarget) || nTarget < 1 || !Number.isInteger(mTarget) || mTarget < 0)
    throw new Error('reference cascade: stages must be integers, extraction >= 1, scrub >= 0');
  const perSection = typeof input.beta.extraction === 'object';
  const betaE = (perSection ? input.beta.extraction : input.beta) as Amounts;
  const betaS = (perSection ? input.beta.scrub : input.beta) as Amounts;
  const all = Object.keys(betaE);
  const flowsIn = input.scrub?.flows ?? {};
  for (const name of [...Object.keys(input.feed), ...Object.keys(flowsIn), ...Object.keys(betaS)])
    if (!all.includes(name)) throw new Error(`reference cascade: species ${name} has no β`);
  for (const [name, a] of [...Object.entries(input.feed), ...Object.entries(flowsIn)])
    if (!(a >= 0 && a < Number.POSITIVE_INFINITY))
      throw new Error(`reference cascade: bad amount of ${name}`);
  const W = input.scrub?.reflux ?? 0;
  const S = input.loading * input.organicVolume;
  if (!(S > 0) || !(W >= 0) || W > S) throw new Error('reference cascade: need S > 0 and 0 <= W <= S');
  // Species with no input are absent everywhere; the unknowns are the others.
  const active = all.filter((k) => (input.feed[k] ?? 0) + (flowsIn[k] ?? 0) > 0);
  const vec = (rec: Amounts) => Float64Array.from(active, (k) => rec[k] ?? 0);
  for (const k of active)
    if (!(betaE[k]! > 0 && betaS[k]! > 0)) throw new Error(`reference cascade: β of ${k} must be > 0`);
  const f = vec(input.feed);
  const s = vec(flowsIn);
  const base = {
    C: active.length,
    betaE: vec(betaE),
    betaS: vec(betaS),
    f,
    s,
    input: f.map((a, i) => a + s[i]!),
    S,
    W,
  };
  const tolerance = input.tolerance ?? 1e-13;

  // Continuation: 1 + 1 (or 1 + 0), then one stage at a time, alternately, up to (nTarget, mTarget).
  let n = 1;
  let m = Math.min(1, mTarget);
  let problem: Problem = { ...base, n, N: n + m };
  let { u, iterations } = newton(problem, initialGuess(problem), tolerance);
  const continuation: ContinuationStep[] = [{ extraction: n, scrub: m, iterations }];
  let total = iterations;
  while (n < nTarget || m < mTarget) {
    for (const section of ['extraction', 'scrub'] as const) {
      if (section === 'extraction' ? n >= nTarget : m >= mTarget) continue;
      // New extraction stage: a copy of the feed stage n, inserted below it (the feed moves up to n + 1).
      // New scrub stage: a copy of the first scrub stage n + 1, inserted above it.
      u = duplicateStage(u, base.C, section === 'extraction' ? n - 1 : n);
      if (section === 'extraction') n++;
      else m++;
      problem = { ...base, n, N: n + m };
      ({ u, iterations } = newton(problem, u, tolerance));
      continuation.push({ extraction: n, scrub: m, iterations });
      total += iterations;
    }
  }

  const { x, y, r } = evaluate(problem, u);
  const C = base.C;
  const N = n + m;
  const rows = (v: Float64Array) =>
    Array.from({ length: N }, (_, j) =>
      all.map((k) => (active.includes(k) ? v[j * C + active.indexOf(k)]! : 0)),
    );
  const xs = rows(x);
  const ys = rows(y);
  const raffinate: Record<string, number> = {};
  const product: Record<string, number> = {};
  all.forEach((k, i) => {
    raffinate[k] = xs[0]![i]!;
    product[k] = ys[N - 1]![i]! * (1 - W / S);
  });
  return {
    species: all,
    raffinate,
    product,
    x: xs,
    y: ys,
    residual: maxAbs(r),
    iterations: total,
    continuation,
  };
}
