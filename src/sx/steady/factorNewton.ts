/**
 * Newton's method on the stage factors of a cascade (see `stageKernels.ts`): the "inside-out" steady solve.
 *
 * State: u_j = ln f_j for every stage with a factor, and (when the reflux's share of the loaded organic is
 * not known in advance) r = ln π, π = 1 − ρ the share of the loaded organic kept as product. For any state
 * every species is solved exactly (`speciesSolve.ts`), so the species balances always hold; what remains are
 * the stage factors' consistency equations F_j (and the reflux equation), which Newton drives to zero.
 *
 * The Newton step comes from the whole linearised cascade in logarithmic variables: per stage the log
 * amounts ln x_ij (and ln y_ij with a Murphree efficiency or entrainment), the log factor and, at the top,
 * ln π; species rows are the (exactly satisfied) balances and equilibria, scaled by the flows they balance;
 * the other rows are the consistency equations. Logarithms make trace species as well scaled as major ones.
 * The system is block tridiagonal (`blockSystem.ts`).
 *
 * **The split equation.** When every stage is saturated the products' totals are known in advance, and a
 * cascade whose net product equals one group of species' feed (a "knife-edge" split, the usual design) has
 * one nearly singular mode: where the composition front sits, which only the balance of two exponentially
 * small impurities decides. The top stage's consistency row is then replaced by the same condition written
 * on those impurities, ln Σ_A R_i − ln(δ_A + Σ_B P_i) = 0 (A: species that leave mostly in the product, B:
 * the others, R raffinate, P product, δ_A = A's input less the product total), which is equivalent given
 * the species balances and linear in the front's position; when the top row already holds to the tolerance
 * and the others nearly do (HOLD_BELOW), the same row instead holds that ratio fixed, which pins the front
 * without moving it. The split equation is driven from the first iteration, not only near convergence:
 * the top row is met by the product total long before the impurities that place the front balance, so
 * steps on it hardly move the front (driven only once the other rows were below 1e-3, Newton on knife-edge
 * cascades with a front to move crawled; measured on the seeded CI family, test/sx/steadyFuzz.test.ts:
 * 4 → 1 NOT_CONVERGED, solve time 50 → 40 s; example 03's 28 hardest Monte Carlo runs 2.4 → 0.3 s).
 */
import { zeros } from '../../core/scratch.js';
import type { NormalisedCascade } from '../cascadeSpec.js';
import { blockSystem, blockWork, push, resetSystem, solveBlockSystem } from './blockSystem.js';
import { type SpeciesLayout, solveAll, speciesWork } from './speciesSolve.js';
import {
  consistency,
  consistencySlope,
  impliedFactor,
  LANGMUIR_FLOOR,
  ratioSlope,
  ratios,
  type StageKernel,
} from './stageKernels.js';

/** What the solve needs besides the cascade. */
export interface FactorProblem {
  readonly p: NormalisedCascade;
  readonly layout: SpeciesLayout;
  readonly kernels: readonly StageKernel[];
  /** Strip retention of each species (reflux weights w_i = 1 − τ_i); all 0 without a strip section. */
  readonly retained: Float64Array;
  /** Reflux amount per unit time (0: none). */
  readonly reflux: number;
  /**
   * Known share of the loaded organic kept as product (every stage saturated: from the totals), or
   * undefined when it is an unknown of the solve.
   */
  readonly keptShare?: number;
  /** Product total when known (every stage saturated, no draws): enables the split equation. */
  readonly productTotal?: number;
  /** Total input of each species (feed, scrub, fresh organic). */
  readonly input: Float64Array;
  /** Aqueous totals per stage when known in advance (every stage saturated): the first guess's totals. */
  readonly aqueousTotals?: Float64Array;
  readonly tolerance: number;
}

/**
 * A problem built from its fields, always by this one literal (optional fields present, undefined when
 * unknown), so every problem has the same V8 shape and the solver's loads stay monomorphic (see
 * `cascadeOf`: problems built by spreading with optional fields left out had up to 8 shapes).
 */
export function factorProblem(f: FactorProblem): FactorProblem {
  return {
    p: f.p,
    layout: f.layout,
    kernels: f.kernels,
    retained: f.retained,
    reflux: f.reflux,
    keptShare: f.keptShare,
    productTotal: f.productTotal,
    input: f.input,
    aqueousTotals: f.aqueousTotals,
    tolerance: f.tolerance,
  };
}

/** A state of the solve and what it implies. */
export interface FactorState {
  /** ln f per stage (0 for linear stages). */
  readonly u: Float64Array;
  /** ln π (the product share of the loaded organic). */
  r: number;
  /** Aqueous and organic outflows per stage and species (stage-major), ratios K. */
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly K: Float64Array;
  /** Consistency residuals per stage (0 for linear stages) and of the reflux equation. */
  readonly F: Float64Array;
  Fr: number;
  /** max |F| over every equation. */
  residual: number;
}

/** Whether stage j has a factor. */
function hasFactor(k: StageKernel): boolean {
  return k.kind !== 'linear';
}

/** Is π an unknown of the solve? */
function refluxUnknown(P: FactorProblem): boolean {
  return P.reflux > 0 && P.keptShare === undefined;
}

/** A state with factors `u` and ln π `r`; species solved, residuals evaluated. */
export function evaluate(P: FactorProblem, u: Float64Array, r: number, reuse?: FactorState): FactorState {
  const N = P.p.total;
  const c = P.p.species.length;
  const s: FactorState = reuse
    ? { ...reuse, u, r, Fr: 0, residual: 0 }
    : {
        u,
        r,
        x: zeros(N * c),
        y: zeros(N * c),
        K: zeros(N * c),
        F: zeros(N),
        Fr: 0,
        residual: 0,
      };
  refresh(P, s);
  return s;
}

/** Work arrays and the linearisation of a problem, made once per problem. */
interface Workspace {
  readonly species: ReturnType<typeof speciesWork>;
  readonly keep: Float64Array;
  lin?: ReturnType<typeof linearisation>;
}

/**
 * Where a problem keeps its workspace: a non-enumerable property (a problem spread into a new one, as the
 * total-reflux problem is, does not share it). Not a module-level WeakMap: V8's minor GC keeps a WeakMap's
 * values alive, so every solve's workspace (with its problem) survived the scavenges and was promoted.
 * Measured on 26 + 26-stage Monte Carlo runs: 39 % of the young generation survived each scavenge, which
 * took 5-13 ms on a worker and ran on the other core's time (the 2-thread runs lost ~20 % to it).
 */
const WORKSPACE = Symbol('workspace');

function workspace(P: FactorProblem): Workspace {
  const holder = P as FactorProblem & { [WORKSPACE]?: Workspace };
  let w = holder[WORKSPACE];
  if (!w) {
    w = { species: speciesWork(P.p.total, P.p.species.length), keep: zeros(P.p.species.length) };
    Object.defineProperty(holder, WORKSPACE, { value: w });
  }
  return w;
}

/** Recomputes the species and residuals of `s` from its u and r. */
export function refresh(P: FactorProblem, s: FactorState): void {
  const { p, layout, kernels } = P;
  const N = p.total;
  const c = p.species.length;
  for (let j = 0; j < N; j++) ratios(kernels[j] as StageKernel, s.u[j] as number, s.K, j * c);
  const pi = P.keptShare ?? (P.reflux > 0 ? Math.exp(s.r) : 1);
  const ws = workspace(P);
  for (let i = 0; i < c; i++) {
    const tau = P.retained[i] as number;
    ws.keep[i] = P.reflux > 0 ? pi + tau * (1 - pi) : 1;
  }
  solveAll(layout, s.K, ws.keep, s.x, s.y, ws.species);
  let worst = 0;
  for (let j = 0; j < N; j++) {
    const k = kernels[j] as StageKernel;
    const F = hasFactor(k) ? consistency(k, s.u[j] as number, s.x, j * c) : 0;
    s.F[j] = F;
    worst = Math.max(worst, Math.abs(F));
  }
  s.Fr = 0;
  if (refluxUnknown(P)) {
    s.Fr = refluxResidual(P, s);
    worst = Math.max(worst, Math.abs(s.Fr));
  }
  s.residual = Number.isFinite(worst) ? worst : Number.POSITIVE_INFINITY;
}

/** Loaded-organic amount of species i: (1 − e_o)·y_N + e_a·x_N. */
function loadedAmount(P: FactorProblem, s: FactorState, i: number): number {
  const { p } = P;
  const c = p.species.length;
  const top = (p.total - 1) * c + i;
  return (1 - p.entrainOrganic) * (s.y[top] as number) + p.entrainAqueous * (s.x[top] as number);
}

/** ln(ρ·Σ w_i L_i / W) with ρ = 1 − π: the reflux equation in logarithmic form. */
function refluxResidual(P: FactorProblem, s: FactorState): number {
  const c = P.p.species.length;
  const rho = -Math.expm1(s.r);
  let wl = 0;
  for (let i = 0; i < c; i++) wl += (1 - (P.retained[i] as number)) * loadedAmount(P, s, i);
  return Math.log(Math.max(rho * wl, 1e-300) / P.reflux);
}

/** A first state: every stage's factor from the feed's composition spread over the stage (exact totals when known). */
export function initialState(P: FactorProblem, aqueousTotals = P.aqueousTotals): FactorState {
  const { p, kernels } = P;
  const N = p.total;
  const c = p.species.length;
  const u = zeros(N);
  let inTotal = 0;
  for (let i = 0; i < c; i++) inTotal += P.input[i] as number;
  const guess = zeros(c);
  for (let j = 0; j < N; j++) {
    const total = aqueousTotals ? (aqueousTotals[j] as number) : inTotal;
    for (let i = 0; i < c; i++)
      guess[i] = (total * Math.max(P.input[i] as number, 1e-12 * inTotal)) / inTotal;
    const k = kernels[j] as StageKernel;
    u[j] = hasFactor(k) ? (impliedFactor(k, guess, 0) ?? 0) : 0;
  }
  const r = P.keptShare === undefined && P.reflux > 0 ? Math.log(0.5) : 0;
  return evaluate(P, u, r);
}

/** Outcome of {@link newton}. */
export interface NewtonOutcome {
  readonly state: FactorState;
  readonly iterations: number;
  readonly converged: boolean;
}

/** A step in the log factors (and ln π when the reflux share is unknown). */
type Step = { du: Float64Array; dr: number };

/** The first trial length of a step: the whole step, or shorter so that no log factor moves by more than MAX_STEP. */
function firstLength(P: FactorProblem, d: Step): number {
  let biggest = refluxUnknown(P) ? Math.abs(d.dr) : 0;
  for (let j = 0; j < d.du.length; j++) biggest = Math.max(biggest, Math.abs(d.du[j] as number));
  return biggest > MAX_STEP ? MAX_STEP / biggest : 1;
}

/** The state a length `a` along step `d` from `s` (`reuse`: buffers of a discarded state). */
function advance(P: FactorProblem, s: FactorState, d: Step, a: number, reuse?: FactorState): FactorState {
  const u = reuse ? reuse.u : zeros(d.du.length);
  for (let j = 0; j < u.length; j++) u[j] = (s.u[j] as number) + a * (d.du[j] as number);
  return evaluate(P, u, refluxUnknown(P) ? s.r + a * d.dr : s.r, reuse);
}

/** A quick attempt's most iterations (measured: designed cascades converge from a flat start in 4-12). */
const ABANDON_AFTER = 15;

/**
 * Cascades up to this many stages get a patient quick attempt (see {@link stalled}); longer ones are given
 * up as soon as a step after the first has not halved the residual, because each of their whole-cascade
 * iterations costs more than the continuation's first levels together. Measured (vitest bench, loaded
 * machine): the patient rule halves the design of Pr/Nd 26 + 26 (24.5 → 10.6 ms) but made the 6-element
 * 2,000 + 2,000 cut 4× slower (65 → 284 ms).
 */
const PATIENT_UP_TO = 300;

/**
 * Patient: no new lowest residual in the last 3 iterations (designed cascades pass through a damped phase
 * whose residual rises once: Pr/Nd 26 + 26 0.78, 0.077, 0.11, 0.078, ..., 0.046, then quadratic). Impatient:
 * a step after the first has not halved the residual.
 */
function stalled(history: readonly number[], patient: boolean): boolean {
  const n = history.length;
  if (!patient) return n >= 3 && !((history[n - 1] as number) < (history[n - 2] as number) / 2);
  if (n < 4) return false;
  let best = Number.POSITIVE_INFINITY;
  for (let k = 0; k < n - 3; k++) best = Math.min(best, history[k] as number);
  return !(Math.min(history[n - 1] as number, history[n - 2] as number, history[n - 3] as number) < best);
}

/**
 * Iterations past the limit that an attempt still converging quadratically may take (a continuation level's,
 * see {@link finishing}). Newton moving a knife-edge front crawls for most of a continuation level's 60 iterations and then
 * converges in a few (a 66 + 108-stage, 2-species knife edge: residual 4.6e-3 at iteration 58, 1.7e-3, 5e-6 at
 * the limit); stopping there wasted the whole attempt.
 */
const FINISH_EXTRA = 8;

/** Whether an attempt `extra` iterations past its limit goes on: its last step cut the residual tenfold. */
function finishing(history: readonly number[], extra: number): boolean {
  const n = history.length;
  return extra < FINISH_EXTRA && n >= 2 && (history[n - 1] as number) < 0.1 * (history[n - 2] as number);
}

/** Largest change of a log factor (or ln π) in one Newton step. */
const MAX_STEP = 3;

/**
 * Newton iterations from `start` until every residual is within the tolerance, the iteration limit is
 * reached or no step reduces the residual (a backtracking line search on ½ΣF²). `abandonSlow`: a quick
 * attempt (see {@link stalled}); `finish`: past the limit while converging quadratically (see {@link finishing}).
 */
export function newton(
  P: FactorProblem,
  start: FactorState,
  maxIterations: number,
  options: { readonly abandonSlow?: boolean; readonly finish?: boolean } = {},
): NewtonOutcome {
  const N = P.p.total;
  let s = start;
  let iterations = 0;
  const ws = workspace(P);
  ws.lin ??= linearisation(P);
  const lin = ws.lin;
  const history: number[] = [s.residual];
  // Buffers of a rejected or superseded state, reused by the next trial.
  let spare: FactorState | undefined;
  while (
    !(s.residual <= P.tolerance) &&
    (iterations < maxIterations || (options.finish && finishing(history, iterations - maxIterations)))
  ) {
    // A quick attempt gives up when it has stalled (see stalled()) or after 15 iterations: the caller has
    // a more robust way. Measured: designed cascades converge from a flat start in 7-10 (Pr/Nd 26 + 26:
    // 10); over-staged ones stall at once.
    if (options.abandonSlow && (iterations >= ABANDON_AFTER || stalled(history, N <= PATIENT_UP_TO))) break;
    let plan: SplitPlan | undefined = splitPlan(P, s);
    let step = floored(P, s, lin.step(s, plan));
    if (!step) break;
    // The merit is that of the equations being solved: with the split equation driven, its residual
    // replaces the top stage's (they are equivalent at the solution, but the split equation is the one the
    // step linearises, and moving a front changes the top row's residual non-monotonically).
    const meritOf = (t: FactorState): number => {
      if (plan?.mode !== 'drive') return merit(t);
      const g = splitValue(P, t, plan);
      if (g === undefined) return Number.POSITIVE_INFINITY;
      const top = t.F[N - 1] as number;
      return merit(t) - top * top + g * g;
    };
    let merit0 = meritOf(s);
    // Backtracking from the first trial length; the accepted state and its length, or undefined.
    const search = (d: Step, reuse: boolean) => {
      let a = firstLength(P, d);
      for (let tries = 0; tries < 30; tries++) {
        const t = advance(P, s, d, a, reuse ? spare : undefined);
        if (t.residual <= P.tolerance || meritOf(t) < merit0 * (1 - 1e-4 * a)) return { t, a };
        if (reuse) spare = t;
        a /= 2;
      }
      return undefined;
    };
    let found = search(step, true);
    // A step cut to a sliver (or to nothing) is mostly along the Jacobian's weakest direction (a front that
    // moves almost freely): the step without that component, when it does better.
    if (!found || found.a < 0.01 * firstLength(P, step)) {
      const better = floored(P, s, lin.projected());
      const other = better ? search(better, !found) : undefined;
      if (other && (!found || meritOf(other.t) < meritOf(found.t))) found = other;
    }
    if (!found && plan) {
      // Nor did it help: near the round-off floor the split equation and the top stage's row no longer agree
      // to the tolerance; solve the stage rows as they are.
      plan = undefined;
      merit0 = meritOf(s);
      const plain = floored(P, s, lin.step(s, plan));
      if (plain) {
        step = plain;
        found = search(plain, true);
        const better = found ? undefined : floored(P, s, lin.projected());
        if (better) found = search(better, true);
      }
    }
    const accepted = found?.t;
    iterations++;
    if (!accepted) break;
    spare = s === start ? undefined : s;
    s = accepted;
    history.push(s.residual);
  }
  return { state: s, iterations, converged: s.residual <= P.tolerance };
}

/**
 * Pseudo-transient continuation (Kelley and Keyes 1998, "Convergence analysis of pseudo-transient
 * continuation", SIAM J. Numer. Anal. 35: 508-523) from `start`: steps of the shifted system with the shift
 * following the residual (switched evolution relaxation: shift ← shift·F_new/F_old), so it shrinks to 0 and
 * the iteration becomes Newton's as the residual falls. Used where Newton's line search stalls: long
 * sections at a low Murphree efficiency, whose Jacobian is nearly singular along a slowly moving front.
 */
export function pseudoTransient(P: FactorProblem, start: FactorState, maxIterations: number): NewtonOutcome {
  const ws = workspace(P);
  ws.lin ??= linearisation(P);
  const lin = ws.lin;
  let s = start;
  let best = start;
  let shift = 1;
  let iterations = 0;
  while (!(s.residual <= P.tolerance) && iterations < maxIterations && shift < 1e12) {
    iterations++;
    const d = floored(P, s, lin.step(s, splitPlan(P, s), shift));
    if (!d) {
      shift *= 10;
      continue;
    }
    const t = advance(P, s, d, firstLength(P, d));
    if (!(t.residual <= 10 * s.residual)) {
      shift *= 4;
      continue;
    }
    shift *= t.residual / s.residual;
    s = t;
    if (s.residual < best.residual) best = s;
    if (shift < 1e-3) {
      // Close enough for Newton's own iteration (quadratic from here).
      const rest = newton(P, s, maxIterations - iterations);
      iterations += rest.iterations;
      if (rest.converged || rest.state.residual < best.residual) best = rest.state;
      break;
    }
  }
  return { state: best, iterations, converged: best.residual <= P.tolerance };
}

/** A step with each loading-limited factor kept at or above its floor (see LANGMUIR_FLOOR). */
function floored(P: FactorProblem, s: FactorState, d: Step | undefined): Step | undefined {
  if (!d) return d;
  const { kernels } = P;
  for (let j = 0; j < d.du.length; j++) {
    if ((kernels[j] as StageKernel).kind !== 'langmuir') continue;
    const room = LANGMUIR_FLOOR - (s.u[j] as number);
    if ((d.du[j] as number) < room) d.du[j] = Math.min(0, room);
  }
  return d;
}

function merit(s: FactorState): number {
  let m = s.Fr * s.Fr;
  for (let j = 0; j < s.F.length; j++) {
    const f = s.F[j] as number;
    m += f * f;
  }
  return Number.isFinite(m) ? m : Number.POSITIVE_INFINITY;
}

/** The linearised system of `P` (reused across iterations). */
function linearisation(P: FactorProblem) {
  const { p, layout, kernels } = P;
  const N = p.total;
  const c = p.species.length;
  const rUnknown = refluxUnknown(P);
  const general = !layout.scalar;
  const perSpecies = general ? 2 : 1;
  // Unknowns per stage: the species' log amounts (x; and y when general), the log factor, and ln π at the top.
  const sizes = Array.from(
    { length: N },
    (_, j) =>
      perSpecies * c + (hasFactor(kernels[j] as StageKernel) ? 1 : 0) + (j === N - 1 && rUnknown ? 1 : 0),
  );
  const sys = blockSystem(sizes);
  const work = blockWork(sys);
  const sol = zeros(sys.offset[N] as number);
  const dxBuf = zeros(c);
  // The step's and the projected step's log-factor changes: one buffer each, overwritten by the next call
  // (a caller keeps a step only until it asks for the next one of the same kind).
  const stepDu = zeros(N);
  const projectedDu = zeros(N);
  const uCol = perSpecies * c; // the factor's column in a block (when it has one)
  const rCol = () => perSpecies * c + (hasFactor(kernels[N - 1] as StageKernel) ? 1 : 0);

  /**
   * The Newton step at `s`; with `shift` > 0 a pseudo-transient step: every consistency row's own-factor
   * derivative is scaled by 1 + `shift` (a diagonal, scale-free version of the implicit Euler step of
   * du/dt = −F), which keeps the step short and well conditioned far from the solution.
   */
  const step = (s: FactorState, plan?: SplitPlan, shift = 0): Step | undefined => {
    resetSystem(sys);
    if (general) assembleGeneral(P, s, sys, dxBuf, plan);
    else assembleScalar(P, s, sys, dxBuf, plan);
    if (shift > 0) {
      for (let j = 0; j < N; j++) {
        if (!hasFactor(kernels[j] as StageKernel) || (plan && j === N - 1)) continue;
        const n = sys.size[j] as number;
        const at = (sys.denseOffset[j] as number) + uCol * n + uCol;
        const v = sys.B[at] as number;
        sys.B[at] = v * (1 + shift);
      }
    }
    if (!solveBlockSystem(sys, work, sol)) return undefined;
    return factorChanges(stepDu);
  };
  /** The log-factor changes (into `du`) and the change of ln π in the solution `sol`. */
  const factorChanges = (du: Float64Array): Step => {
    for (let j = 0; j < N; j++)
      du[j] = hasFactor(kernels[j] as StageKernel) ? (sol[(sys.offset[j] as number) + uCol] as number) : 0;
    const dr = rUnknown ? (sol[(sys.offset[N - 1] as number) + rCol()] as number) : 0;
    return { du, dr };
  };
  /**
   * The last step less its component along the Jacobian's weakest direction (one inverse iteration from
   * the step itself: v = J⁻¹·step): where J is nearly singular (a concentration front that can move almost
   * freely, with the split equation unavailable because the traces that would pin it are below the
   * floating-point range), the step is mostly that direction, which changes no residual to first order but
   * spoils every line search; without it, what is left is the minimum-norm correction.
   */
  const projected = (): Step | undefined => {
    const n = sys.offset[N] as number;
    const stepSol = Float64Array.from(sol.subarray(0, n));
    sys.rhs.set(stepSol);
    if (!solveBlockSystem(sys, work, sol)) return undefined;
    let vv = 0;
    let sv = 0;
    for (let q = 0; q < n; q++) {
      const v = sol[q] as number;
      vv += v * v;
      sv += (stepSol[q] as number) * v;
    }
    if (!(vv > 0)) return undefined;
    const f = sv / vv;
    for (let q = 0; q < n; q++) sol[q] = (stepSol[q] as number) - f * (sol[q] as number);
    return factorChanges(projectedDu);
  };
  return { step, projected };
}

/** Stage j's consistency row (`row` of its block): ∂F/∂ln x on x's columns, ∂F/∂ln f on `uc`, −F. */
function consistencyRow(
  s: FactorState,
  sys: ReturnType<typeof blockSystem>,
  j: number,
  k: StageKernel,
  row: number,
  uc: number,
  dx: Float64Array,
): void {
  const c = k.kappa.length;
  const n = sys.size[j] as number;
  const d = sys.denseOffset[j] as number;
  consistency(k, s.u[j] as number, s.x, j * c, dx, 0);
  for (let i = 0; i < c; i++) sys.B[d + row * n + i] = dx[i] as number;
  sys.B[d + row * n + uc] = consistencySlope(k);
  sys.rhs[(sys.offset[j] as number) + row] = -(s.F[j] as number);
}

/**
 * Assembles the scalar layout (equilibrium stages, no entrainment; y = K·x): per stage the rows are the
 * species balances (scaled by the flows they balance), the factor's consistency row and, at the top, the
 * reflux row; the unknowns ln x_i, ln f, ln π.
 */
function assembleScalar(
  P: FactorProblem,
  s: FactorState,
  sys: ReturnType<typeof blockSystem>,
  dx: Float64Array,
  plan: SplitPlan | undefined,
): void {
  const { p, layout, kernels } = P;
  const N = p.total;
  const c = p.species.length;
  const { passDown, passUp, sourceRow, sourceAqueous, sourceOrganic } = layout;
  const rUnknown = refluxUnknown(P);
  const pi = P.keptShare ?? (P.reflux > 0 ? Math.exp(s.r) : 1);
  const x = s.x;
  const K = s.K;
  for (let j = 0; j < N; j++) {
    const n = sys.size[j] as number;
    const d = sys.denseOffset[j] as number;
    const B = sys.B;
    const kj = kernels[j] as StageKernel;
    const factor = hasFactor(kj);
    const slope = ratioSlope(kj, s.u[j] as number);
    const top = j === N - 1;
    const uc = c;
    const rc = c + (factor ? 1 : 0);
    sys.A.start[j] = sys.A.count;
    sys.C.start[j] = sys.C.count;
    const kPrev = j > 0 ? (kernels[j - 1] as StageKernel) : undefined;
    const slopePrev = kPrev ? ratioSlope(kPrev, s.u[j - 1] as number) : 0;
    for (let i = 0; i < c; i++) {
      const q = j * c + i;
      const xi = x[q] as number;
      const ki = K[q] as number;
      const tau = P.retained[i] as number;
      const keep = top && P.reflux > 0 ? pi + tau * (1 - pi) : 1;
      // Terms of the balance (all non-negative flows): from above, from below, sources, out.
      const fromAbove = j < N - 1 ? (passDown[j + 1] as number) * (x[q + c] as number) : 0;
      const fromBelow = j > 0 ? (passUp[j - 1] as number) * (K[q - c] as number) * (x[q - c] as number) : 0;
      const out = (1 + ki * (top ? keep : 1)) * xi;
      const reflux = top ? ki * (1 - keep) * xi : 0;
      const row = sourceRow[j] as number;
      const src =
        row < 0 ? 0 : (sourceAqueous[row * c + i] as number) + (sourceOrganic[row * c + i] as number);
      const scale = fromAbove + fromBelow + src + out + reflux;
      if (!(scale > 1e-290)) {
        // A species absent from this stage: its log amount is not a variable here.
        B[d + i * n + i] = 1;
        continue;
      }
      const inv = 1 / scale;
      if (j < N - 1) push(sys.C, i, i, fromAbove * inv);
      if (j > 0) {
        push(sys.A, i, i, fromBelow * inv);
        if (kPrev && hasFactor(kPrev)) push(sys.A, i, c, fromBelow * slopePrev * inv);
      }
      // Own terms: −(1 + K·keep)·x; d/d ln x = −(1 + K·keep)x, d/d ln f = −K·keep·x·slope.
      const kk = top ? keep : 1;
      B[d + i * n + i] = -(1 + ki * kk) * xi * inv;
      if (factor) B[d + i * n + uc] = -ki * kk * xi * slope * inv;
      if (top && rUnknown) {
        // keep = π + τ(1 − π): d keep / d ln π = π(1 − τ).
        B[d + i * n + rc] = -ki * xi * pi * (1 - tau) * inv;
      }
    }
    if (factor) consistencyRow(s, sys, j, kj, c, uc, dx);
    if (top && rUnknown) {
      // ρ·Σ w_i L_i − W = 0 scaled by W; L_i = K_i x_i at the top.
      // ln(ρ·Σ w_i L_i / W) with L_i = K_i x_i at the top and ρ = 1 − π.
      const row = rc;
      const rho = -Math.expm1(s.r);
      let wl = 0;
      for (let i = 0; i < c; i++)
        wl += (1 - (P.retained[i] as number)) * (K[j * c + i] as number) * (x[j * c + i] as number);
      const inv = wl > 1e-300 ? 1 / wl : 0;
      for (let i = 0; i < c; i++) {
        const li = (K[j * c + i] as number) * (x[j * c + i] as number);
        B[d + row * n + i] = (1 - (P.retained[i] as number)) * li * inv;
      }
      if (factor) B[d + row * n + uc] = slope;
      B[d + row * n + rc] = -pi / rho;
      sys.rhs[(sys.offset[j] as number) + row] = -s.Fr;
    }
  }
  sys.A.start[N] = sys.A.count;
  sys.C.start[N] = sys.C.count;
  splitRow(P, s, sys, plan);
}

/**
 * The general layout (Murphree efficiency below 1 or entrainment): unknowns ln x_i, ln y_i per stage, rows
 * the species balances and equilibria (scaled), then the factor's and (top) the reflux's rows.
 */
function assembleGeneral(
  P: FactorProblem,
  s: FactorState,
  sys: ReturnType<typeof blockSystem>,
  dx: Float64Array,
  plan: SplitPlan | undefined,
): void {
  const { p, layout, kernels } = P;
  const N = p.total;
  const c = p.species.length;
  const { passDown, passUp, sourceRow, sourceAqueous, sourceOrganic } = layout;
  const E = layout.murphree;
  const ea = layout.entrainAqueous;
  const eo = layout.entrainOrganic;
  const aqM = layout.aqueousMurphree;
  const rUnknown = refluxUnknown(P);
  const pi = P.keptShare ?? (P.reflux > 0 ? Math.exp(s.r) : 1);
  const { x, y, K } = s;
  const B = sys.B;
  for (let j = 0; j < N; j++) {
    const n = sys.size[j] as number;
    const d = sys.denseOffset[j] as number;
    const kj = kernels[j] as StageKernel;
    const factor = hasFactor(kj);
    const slope = ratioSlope(kj, s.u[j] as number);
    const top = j === N - 1;
    const uc = 2 * c;
    const rc = 2 * c + (factor ? 1 : 0);
    sys.A.start[j] = sys.A.count;
    sys.C.start[j] = sys.C.count;
    for (let i = 0; i < c; i++) {
      const q = j * c + i;
      const xi = x[q] as number;
      const yi = y[q] as number;
      const ki = K[q] as number;
      const tau = P.retained[i] as number;
      const keep = top && P.reflux > 0 ? pi + tau * (1 - pi) : 1;
      const share = 1 - keep; // of the loaded outlet returned into the top aqueous
      // Inflow terms (amounts): aqueous from above / entrained up from below; organic from below /
      // entrained down from above.
      const aAbove = j < N - 1 ? (passDown[j + 1] as number) * (1 - ea) * (x[q + c] as number) : 0;
      const aBelow = j > 0 ? (passUp[j - 1] as number) * ea * (x[q - c] as number) : 0;
      const oBelow = j > 0 ? (passUp[j - 1] as number) * (1 - eo) * (y[q - c] as number) : 0;
      const oAbove = j < N - 1 ? (passDown[j + 1] as number) * eo * (y[q + c] as number) : 0;
      const rx = top ? share * ea * xi : 0;
      const ry = top ? share * (1 - eo) * yi : 0;
      const row = sourceRow[j] as number;
      const sa = row < 0 ? 0 : (sourceAqueous[row * c + i] as number);
      const so = row < 0 ? 0 : (sourceOrganic[row * c + i] as number);
      const a = aAbove + aBelow + sa + rx + ry;
      const o = oBelow + oAbove + so;
      // Balance row i: a + o − x − y.
      const balScale = a + o + xi + yi;
      // Equilibrium row c + i: organic Murphree y − (1−E)·o − E·K·x; aqueous Murphree x − (1−E)·a − E·y/K.
      const eqScale = aqM ? xi + (1 - E) * a + (E * yi) / ki : yi + (1 - E) * o + E * ki * xi;
      const xc = i;
      const yc = c + i;
      // A species whose own amounts, or whose equilibrium row, are below the floating-point range here has
      // no meaningful log amounts at this stage: they are not variables (identity rows; its flows are the
      // species solve's, and its weight in the stage's consistency is nil).
      if (!(balScale > 1e-290) || !(xi + yi > 1e-290) || !(eqScale > 1e-290)) {
        B[d + i * n + xc] = 1;
        B[d + (c + i) * n + yc] = 1;
        continue;
      }
      const bi = 1 / balScale;
      const ei = 1 / eqScale;
      // Neighbour couplings.
      if (j < N - 1) {
        push(sys.C, i, xc, aAbove * bi);
        push(sys.C, i, yc, oAbove * bi);
        if (aqM) push(sys.C, c + i, xc, -(1 - E) * aAbove * ei);
        else push(sys.C, c + i, yc, -(1 - E) * oAbove * ei);
      }
      if (j > 0) {
        push(sys.A, i, xc, aBelow * bi);
        push(sys.A, i, yc, oBelow * bi);
        if (aqM) push(sys.A, c + i, xc, -(1 - E) * aBelow * ei);
        else push(sys.A, c + i, yc, -(1 - E) * oBelow * ei);
      }
      // Own stage: balance −x − y (+ reflux terms at the top).
      B[d + i * n + xc] = (-xi + rx) * bi;
      B[d + i * n + yc] = (-yi + ry) * bi;
      if (top && rUnknown) {
        // share = 1 − keep = (1 − π)(1 − τ): d share / d ln π = −π(1 − τ).
        const ds = -pi * (1 - tau);
        const rTerm = ds * (ea * xi + (1 - eo) * yi);
        B[d + i * n + rc] = rTerm * bi;
        if (aqM) B[d + (c + i) * n + rc] = -(1 - E) * rTerm * ei;
      }
      if (!aqM) {
        B[d + (c + i) * n + yc] = (B[d + (c + i) * n + yc] as number) + yi * ei;
        B[d + (c + i) * n + xc] = (B[d + (c + i) * n + xc] as number) - E * ki * xi * ei;
        if (factor) B[d + (c + i) * n + uc] = -E * ki * xi * slope * ei;
      } else {
        B[d + (c + i) * n + xc] = (B[d + (c + i) * n + xc] as number) + xi * ei - (1 - E) * rx * ei;
        B[d + (c + i) * n + yc] =
          (B[d + (c + i) * n + yc] as number) - ((E * yi) / ki) * ei - (1 - E) * ry * ei;
      }
    }
    // The factor's consistency uses the equilibrium organic of the mixed part, i.e. K·x (x's columns).
    if (factor) consistencyRow(s, sys, j, kj, 2 * c, uc, dx);
    if (top && rUnknown) {
      const row = rc;
      const rho = -Math.expm1(s.r);
      let wl = 0;
      for (let i = 0; i < c; i++) {
        const q = j * c + i;
        wl += (1 - (P.retained[i] as number)) * (ea * (x[q] as number) + (1 - eo) * (y[q] as number));
      }
      const inv = wl > 1e-300 ? 1 / wl : 0;
      for (let i = 0; i < c; i++) {
        const q = j * c + i;
        const wi = 1 - (P.retained[i] as number);
        B[d + row * n + i] = wi * ea * (x[q] as number) * inv;
        B[d + row * n + c + i] = wi * (1 - eo) * (y[q] as number) * inv;
      }
      B[d + row * n + rc] = -pi / rho;
      sys.rhs[(sys.offset[j] as number) + row] = -s.Fr;
    }
  }
  sys.A.start[N] = sys.A.count;
  sys.C.start[N] = sys.C.count;
  splitRow(P, s, sys, plan);
}

/** How the split equation enters a Newton step (see the module's comment). */
export interface SplitPlan {
  /** `drive`: the equation's residual is driven to zero; `hold`: its value is kept (the front is pinned). */
  readonly mode: 'hold' | 'drive';
  /** 1 for the species that leave mostly in the product (group A), 0 for the others (B). */
  readonly isA: Uint8Array;
  /** A's input less the product total. */
  readonly deltaA: number;
}

/** Raffinate amount of species i: (1 − e_a)·x_1 + e_o·y_1. */
function raffinateAmount(P: FactorProblem, s: FactorState, i: number): number {
  const { p } = P;
  return (1 - p.entrainAqueous) * (s.x[i] as number) + p.entrainOrganic * (s.y[i] as number);
}

/** Product amount of species i: keep·((1 − e_o)·y_N + e_a·x_N). */
function productAmount(P: FactorProblem, s: FactorState, i: number): number {
  const { p } = P;
  const top = (p.total - 1) * p.species.length + i;
  const pi = P.keptShare ?? (P.reflux > 0 ? Math.exp(s.r) : 1);
  const tau = P.retained[i] as number;
  const keep = P.reflux > 0 ? pi + tau * (1 - pi) : 1;
  return keep * ((1 - p.entrainOrganic) * (s.y[top] as number) + p.entrainAqueous * (s.x[top] as number));
}

/** The split equation's value ln(num) − ln(den) at `s` with the plan's groups; undefined if not defined. */
function splitValue(P: FactorProblem, s: FactorState, plan: SplitPlan): number | undefined {
  const c = P.p.species.length;
  let sumRA = 0;
  let sumPB = 0;
  for (let i = 0; i < c; i++) {
    if (plan.isA[i]) sumRA += raffinateAmount(P, s, i);
    else sumPB += productAmount(P, s, i);
  }
  const num = plan.deltaA >= 0 ? sumRA : sumPB;
  const den = plan.deltaA >= 0 ? plan.deltaA + sumPB : -plan.deltaA + sumRA;
  if (!(num > 1e-300 && den > 1e-300)) return undefined;
  return Math.log(num) - Math.log(den);
}

/**
 * The largest residual of the other stages at which a satisfied top row holds the split ratio fixed. Holding
 * it while they are still far off pins the front where the first steps left it (a 155 + 500-stage,
 * 17-species knife edge then stalled at stage residuals of 1e-3 to 0.1).
 */
const HOLD_BELOW = 1e-6;

/** Relative round-off of δ_A (A's input less the loaded total less the reflux): ten ulps of the sum of their sizes. */
const DELTA_NOISE = 10 * Number.EPSILON;

/** Whether and how the split equation replaces the top row at `s`. */
export function splitPlan(P: FactorProblem, s: FactorState): SplitPlan | undefined {
  const { p, kernels } = P;
  const N = p.total;
  const c = p.species.length;
  if (P.productTotal === undefined || p.draws.length > 0) return undefined;
  if (!kernels.every((k) => k.kind === 'saturated')) return undefined;
  let others = 0;
  for (let j = 0; j < N - 1; j++) others = Math.max(others, Math.abs(s.F[j] as number));
  const hold = Math.abs(s.F[N - 1] as number) <= 0.1 * P.tolerance && others < HOLD_BELOW;
  const isA = new Uint8Array(c);
  let countA = 0;
  let inputA = 0;
  for (let i = 0; i < c; i++) {
    if (productAmount(P, s, i) > raffinateAmount(P, s, i)) {
      isA[i] = 1;
      countA++;
      inputA += P.input[i] as number;
    }
  }
  if (countA === 0 || countA === c) return undefined;
  const plan: SplitPlan = { mode: hold ? 'hold' : 'drive', isA, deltaA: inputA - P.productTotal };
  if (splitValue(P, s, plan) === undefined) return undefined;
  if (!hold) {
    // Driving the split moves the front until the stray amounts (A in the raffinate, B in the product) close
    // the product total's balance. When they are far below what the tolerance resolves of that total, the
    // product total's own residual decides nothing about them (any front position within round-off is a
    // solution): do not drive; the top row is solved as it is (see the projected step in newton).
    let strayA = 0;
    let strayB = 0;
    for (let i = 0; i < c; i++) {
      if (isA[i]) strayA += raffinateAmount(P, s, i);
      else strayB += productAmount(P, s, i);
    }
    // Nor when they are within the round-off of δ_A itself: the product total is loaded − reflux, which
    // cancels when the reflux is most of the loaded organic (a 6-species knife edge with W = 50 × the
    // product: δ_A 3e-20 of noise against a stray of 2.4e-19; driven, Newton left a converged top row for
    // residuals of 2.6).
    const noise = DELTA_NOISE * (inputA + P.productTotal + 2 * P.reflux);
    if (Math.max(strayA, strayB) < Math.max(noise, 1e-3 * P.tolerance * P.productTotal)) return undefined;
  }
  return plan;
}

function splitRow(
  P: FactorProblem,
  s: FactorState,
  sys: ReturnType<typeof blockSystem>,
  plan: SplitPlan | undefined,
): void {
  if (!plan) return;
  const { p, layout } = P;
  const N = p.total;
  const c = p.species.length;
  const top = N - 1;
  const hold = plan.mode === 'hold';
  let sumRA = 0;
  let sumPB = 0;
  for (let i = 0; i < c; i++) {
    if (plan.isA[i]) sumRA += raffinateAmount(P, s, i);
    else sumPB += productAmount(P, s, i);
  }
  const deltaA = plan.deltaA;
  const num = deltaA >= 0 ? sumRA : sumPB;
  const den = deltaA >= 0 ? deltaA + sumPB : -deltaA + sumRA;
  const g = Math.log(num) - Math.log(den);
  const n = sys.size[top] as number;
  const d = sys.denseOffset[top] as number;
  const general = !layout.scalar;
  const row = (general ? 2 : 1) * c; // the top stage's consistency row
  for (let q = 0; q < n; q++) sys.B[d + row * n + q] = 0;
  sys.spikeRow = row;
  sys.spike.fill(0);
  // Coefficients on d(Σ_A R) and d(Σ_B P).
  const onR = deltaA >= 0 ? 1 / num : -1 / den;
  const onP = deltaA >= 0 ? -1 / den : 1 / num;
  const ea = p.entrainAqueous;
  const eo = p.entrainOrganic;
  const uc = (general ? 2 : 1) * c;
  for (let i = 0; i < c; i++) {
    if (plan.isA[i]) {
      // R_i = (1 − e_a)x_0 + e_o y_0 (scalar: x_0): d R / d ln x_0 and d ln y_0.
      const x0 = s.x[i] as number;
      const y0 = s.y[i] as number;
      if (general) {
        sys.spike[i] = (sys.spike[i] as number) + onR * (1 - ea) * x0;
        sys.spike[c + i] = (sys.spike[c + i] as number) + onR * eo * y0;
      } else sys.spike[i] = (sys.spike[i] as number) + onR * x0;
    } else {
      const q = top * c + i;
      const tau = P.retained[i] as number;
      const kept = P.keptShare ?? (P.reflux > 0 ? Math.exp(s.r) : 1);
      const keep = P.reflux > 0 ? kept + tau * (1 - kept) : 1;
      if (refluxUnknown(P)) {
        // d P_i / d ln π = π(1 − τ)·L_i (the product is keep·L_i, keep = π + τ(1 − π)).
        const rc = uc + 1;
        const li = productAmount(P, s, i);
        sys.B[d + row * n + rc] = (sys.B[d + row * n + rc] as number) + (onP * kept * (1 - tau) * li) / keep;
      }
      if (general) {
        sys.B[d + row * n + i] = (sys.B[d + row * n + i] as number) + onP * keep * ea * (s.x[q] as number);
        sys.B[d + row * n + c + i] =
          (sys.B[d + row * n + c + i] as number) + onP * keep * (1 - eo) * (s.y[q] as number);
      } else {
        const pi_ = keep * (s.K[q] as number) * (s.x[q] as number);
        sys.B[d + row * n + i] = (sys.B[d + row * n + i] as number) + onP * pi_;
        sys.B[d + row * n + uc] = (sys.B[d + row * n + uc] as number) + onP * pi_; // saturated slope 1
      }
    }
  }
  sys.rhs[(sys.offset[top] as number) + row] = hold ? 0 : -Math.max(-30, Math.min(30, g));
}
