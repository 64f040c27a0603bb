/**
 * The steady state of a normalised cascade: which solver runs, and what it returns.
 *
 * - pH-dependent model: its own Newton solver (`phDependentSolver.ts`).
 * - Linear stages only (constant D): each species alone; with product reflux the reflux's share of the
 *   loaded organic is one scalar unknown, found exactly from two solves per species (`linearReflux`).
 * - Saturated or loading-limited stages: Newton on the stage factors (`factorNewton.ts`), by continuation in
 *   stage count (`continuation.ts`).
 */
import { zeros } from '../../core/scratch.js';
import { cascadeOf, type NormalisedCascade } from '../cascadeSpec.js';
import type { EquilibriumModel } from '../equilibrium/equilibrium.js';
import { solveByContinuation } from './continuation.js';
import type { FactorProblem } from './factorNewton.js';
import { evaluate, factorProblem, newton } from './factorNewton.js';
import { solvePhDependentCascade } from './phDependentSolver.js';
import {
  pointSources,
  type SpeciesLayout,
  sharedWork,
  solveAll,
  solveLinearStages,
  speciesLayout,
} from './speciesSolve.js';
import { type StageKernel, stageKernel } from './stageKernels.js';
import type { SteadySolution, StripOutcome } from './steadySolution.js';
import { stripLinear, stripPh } from './strip.js';
import { saturatedTotals } from './totals.js';

/** The kernels of every stage (an acid scrub lowers the top stage's capacity by acid/3 ÷ E). */
export function cascadeKernels(p: NormalisedCascade): StageKernel[] {
  // Stages of one section share their model and flows: one kernel for each run of identical stages.
  // Built by push, so every cascade's kernel array has the same elements kind (a `map` over a sub-cascade's
  // models gave another, and the solver's compiled loads deoptimised on it).
  let last: StageKernel | undefined;
  const k: StageKernel[] = [];
  for (let j = 0; j < p.total; j++) {
    const m = p.models[j] as EquilibriumModel;
    const a = p.aqueousVolume[j] as number;
    const o = p.organicVolume[j] as number;
    if (!(last && m === p.models[j - 1] && a === p.aqueousVolume[j - 1] && o === p.organicVolume[j - 1]))
      last = stageKernel(m, p.species, a, o);
    k.push(last);
  }
  if (p.acid > 0) {
    const top = k[p.total - 1] as StageKernel;
    k[p.total - 1] = { ...top, capacity: top.capacity - p.acid / (3 * p.murphree) };
  }
  return k;
}

/** The solution of a cascade without a steady state: why (path and what is needed), no amounts. */
function infeasibleSolution(
  p: NormalisedCascade,
  path: string,
  expected: string,
  iterations = 0,
): SteadySolution {
  const size = p.total * p.species.length;
  return {
    x: zeros(size),
    y: zeros(size),
    iterations,
    residual: Number.POSITIVE_INFINITY,
    converged: false,
    infeasible: { path, expected },
  };
}

/** A reflux at most this × tolerance × the total input is below what the solve can resolve (see solveNonlinear). */
const NEGLIGIBLE_REFLUX = 1e-6;

/** Total input of each species (feed, scrub, fresh organic). */
function inputs(p: NormalisedCascade): Float64Array {
  return Float64Array.from(
    p.species,
    (_, i) => (p.feed[i] as number) + (p.organicIn[i] as number) + (p.scrubIn[i] as number),
  );
}

/** Solves the cascade's stage equations. */
export function solveCascade(p: NormalisedCascade): SteadySolution {
  if (p.strip) return solveWithStrip(p);
  return solveCore(p, zeros(p.species.length));
}

/**
 * The extraction and scrub sections with the reflux's composition weighted by `retained` (a strip section
 * keeps τ_i of each species in the organic, so the liquor the reflux is taken from holds (1 − τ_i)·L_i).
 */
function solveCore(
  p: NormalisedCascade,
  retained: Float64Array,
  warm?: { readonly u: Float64Array; readonly r: number },
): SteadySolution {
  if (p.models.some((m) => m.kind === 'phDependent')) return solvePhDependentCascade(p);
  const kernels = cascadeKernels(p);
  if (kernels.every((k) => k.kind === 'linear')) return solveLinear(p, kernels, retained);
  return solveNonlinear(p, retained, warm);
}

/**
 * A cascade with a strip section: the organic loop (loaded organic → strip → stage 1) is closed by
 * iterating on the organic entering stage 1, accelerated per species by Wegstein's method (the map is
 * nearly linear, with slope about the fraction the strip leaves in the organic); each pass warm-starts the
 * extraction–scrub solve from the last.
 */
function solveWithStrip(p: NormalisedCascade): SteadySolution {
  const c = p.species.length;
  const N = p.total;
  // The organic's own content (the pH model's extractant) circulates; the loop replaces its composition.
  let organicIn: Float64Array = Float64Array.from(p.organicIn);
  let retained: Float64Array = zeros(c);
  let prevIn: Float64Array | undefined;
  let prevOut: Float64Array | undefined;
  let sol: SteadySolution | undefined;
  let strip: StripOutcome | undefined;
  let iterations = 0;
  let passes = 0;
  for (; passes < 200; passes++) {
    const q = cascadeOf({ ...p, organicIn });
    sol = solveCore(q, retained, sol?.factors);
    iterations += sol.iterations;
    if (sol.infeasible || !sol.converged) break;
    const solved = sol;
    const loaded = Float64Array.from(p.species, (_, i) => loadedOf(p, solved.x, solved.y, i));
    strip = p.strip?.distribution
      ? stripLinear(p, loaded, p.organicVolume[N - 1] as number)
      : stripPh(p, loaded, p.organicVolume[N - 1] as number);
    const next = strip.stripped;
    let total = 0;
    let change = 0;
    for (let i = 0; i < c; i++) {
      total += loaded[i] as number;
      change = Math.max(change, Math.abs((next[i] as number) - (organicIn[i] as number)));
    }
    retained = strip.retained;
    if (change <= 1e-14 * total) break;
    // Wegstein per species: x ← q·x + (1 − q)·g(x), q = s/(s − 1) from the secant slope s, q in [−5, 0].
    const accelerated = zeros(c);
    for (let i = 0; i < c; i++) {
      const x = organicIn[i] as number;
      const g = next[i] as number;
      let v = g;
      if (prevIn && prevOut) {
        const dx = x - (prevIn[i] as number);
        const dg = g - (prevOut[i] as number);
        if (dx !== 0) {
          const slope = dg / dx;
          const qw = Math.min(0, Math.max(-5, slope / (slope - 1)));
          if (Number.isFinite(qw)) v = qw * x + (1 - qw) * g;
        }
      }
      accelerated[i] = v > 0 ? v : g;
    }
    prevIn = organicIn;
    prevOut = next;
    organicIn = accelerated;
  }
  if (!sol || !strip || sol.infeasible || !sol.converged) return sol as SteadySolution;
  if (!(strip.acidFree > 0)) {
    return {
      ...sol,
      converged: false,
      infeasible: {
        path: 'cascade.strip.acid.amount',
        expected: `more than ${strip.acidConsumed.toPrecision(4)} mol H+ (3 per mol of rare earths the strip takes)`,
      },
    };
  }
  // The pH model's reactions in the strip (protons consumed, extractant freed) add to the extraction's.
  const generated =
    sol.generated && strip.generated
      ? Float64Array.from(sol.generated, (g, i) => g + (strip?.generated?.[i] ?? 0))
      : sol.generated;
  return {
    ...sol,
    iterations,
    strip: { ...strip, passes: passes + 1 },
    ...(generated ? { generated } : {}),
  };
}

/** Linear stages: one solve per species, or (with reflux) the exact scalar solve of the reflux share. */
function solveLinear(
  p: NormalisedCascade,
  kernels: readonly StageKernel[],
  retained: Float64Array,
): SteadySolution {
  const N = p.total;
  const c = p.species.length;
  const layout = speciesLayout(p);
  const rows = kernels.map((k) => k.kappa);
  const x = zeros(N * c);
  const y = zeros(N * c);
  const w = sharedWork(N, c);
  const ones = zeros(c).fill(1);
  // Equilibrium stages without entrainment: each species swept with the section's ratios; otherwise the
  // general solve on the stage-major ratios.
  let K: Float64Array | undefined;
  const solve = (L: SpeciesLayout, keep: Float64Array) => {
    if (L.scalar) return solveLinearStages(L, rows, keep, x, y, w);
    if (!K) {
      K = zeros(N * c);
      for (let j = 0; j < N; j++) K.set(rows[j] as Float64Array, j * c);
    }
    solveAll(L, K, keep, x, y, w);
  };
  if (p.reflux === 0) {
    solve(layout, ones);
    return { x, y, iterations: 1, residual: 0, converged: true };
  }
  const rho = linearRefluxShare(p, layout, solve, x, y, retained, ones);
  if (rho === undefined) {
    return infeasibleSolution(
      p,
      'cascade.scrub.reflux',
      'a reflux the loaded organic can carry (with these distribution ratios the loaded organic grows without bound before it carries this much)',
    );
  }
  // keep_i = 1 − ρ·w_i with w_i = 1 − τ_i: the share of the loaded organic not returned as reflux.
  const keep = Float64Array.from(retained, (tau) => 1 - rho * (1 - tau));
  solve(layout, keep);
  let weighted = 0;
  for (let i = 0; i < c; i++) weighted += (1 - (retained[i] as number)) * loadedOf(p, x, y, i);
  const residual = Math.abs(rho * weighted - p.reflux) / p.reflux;
  return {
    x,
    y,
    iterations: 1,
    residual,
    converged: residual <= p.tolerance,
    keep,
    productShare: 1 - rho,
  };
}

function loadedOf(p: NormalisedCascade, x: Float64Array, y: Float64Array, i: number): number {
  const q = (p.total - 1) * p.species.length + i;
  return (1 - p.entrainOrganic) * (y[q] as number) + p.entrainAqueous * (x[q] as number);
}

/**
 * The reflux share ρ (of the loaded organic) for linear stages: each species' loaded amount is
 * L_i(ρ) = L⁰_i / (1 − ρ·h_i), with L⁰_i its loaded amount without reflux and h_i the share of a unit of
 * species i added to the top stage's aqueous that reaches the loaded organic (both from one solve each);
 * W = ρ·Σ L_i(ρ) is increasing and convex in ρ, so a bracketed Newton finds the unique root below
 * min(1, 1/max h). Undefined when there is none (W beyond every loaded organic).
 */
function linearRefluxShare(
  p: NormalisedCascade,
  layout: SpeciesLayout,
  solve: (L: SpeciesLayout, keep: Float64Array) => void,
  x: Float64Array,
  y: Float64Array,
  retained: Float64Array,
  ones: Float64Array,
): number | undefined {
  const c = p.species.length;
  const N = p.total;
  const L0 = zeros(c);
  const h = zeros(c);
  // With reflux weights w_i (strip: 1 − τ_i) the reflux of species i is ρ·w_i·L_i: L_i = L⁰_i/(1 − ρ·w_i·h_i)
  // and W = ρ·Σ w_i L_i.
  const wt = Float64Array.from(retained, (tau) => 1 - tau);
  solve(layout, ones);
  for (let i = 0; i < c; i++) L0[i] = loadedOf(p, x, y, i);
  // Unit injection into the top aqueous of a cascade with no other sources: a layout without sources.
  const unit: SpeciesLayout = {
    ...layout,
    ...pointSources(N, c, [{ stage: N - 1, aqueous: ones }]),
  };
  solve(unit, ones);
  for (let i = 0; i < c; i++) h[i] = Math.min(1, loadedOf(p, x, y, i)) * (wt[i] as number);
  let hMax = 0;
  for (let i = 0; i < c; i++) hMax = Math.max(hMax, h[i] as number);
  const upper = hMax > 0 ? Math.min(1, 1 / hMax) : 1;
  const W = p.reflux;
  const f = (rho: number) => {
    let v = 0;
    let dv = 0;
    for (let i = 0; i < c; i++) {
      const d = 1 - rho * (h[i] as number);
      const li = ((wt[i] as number) * (L0[i] as number)) / d;
      v += li;
      dv += (li * (h[i] as number)) / d;
    }
    return { value: rho * v - W, slope: v + rho * dv };
  };
  // The function is convex and increasing on [0, upper), −W at 0. With upper = 1 (no species returns all of
  // itself) it stays finite: no root below 1 means the reflux takes more than the loaded organic can carry.
  if (upper >= 1) {
    const end = f(1);
    if (!(end.value > 0)) return undefined;
  }
  // Newton safeguarded by the bracket [lo, hi] (bisection when a step leaves it): from a point left of the
  // root the first step overshoots to the right, and from there Newton descends monotonically.
  let lo = 0;
  let hi = upper;
  let rho = 0;
  for (let it = 0; it < 300; it++) {
    const { value, slope } = f(rho);
    if (!Number.isFinite(value)) hi = rho;
    else if (value > 0) hi = rho;
    else lo = rho;
    if (value === 0) return rho;
    let next = Number.isFinite(value) ? rho - value / slope : Number.NaN;
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    if (Math.abs(next - rho) <= 1e-15 * Math.max(1e-300, next) || hi - lo <= 1e-16 * hi) return next;
    rho = next;
  }
  return rho;
}

/**
 * The loaded organic's total when all of it returns with the scrub (no organic product): the largest reflux
 * the cascade can sustain (the reflux each π > 0 sustains, (1 − π)·L(π), rises continuously from 0 at π = 1
 * to this at π = 0). Undefined when that cascade does not solve.
 */
function maximumReflux(
  p: NormalisedCascade,
  problemOf: (q: NormalisedCascade) => FactorProblem | undefined,
): number | undefined {
  const base = problemOf(p);
  if (!base) return undefined;
  // π = 0 known: the top stage returns its whole organic (a reflux "share" of 1, amount unspecified).
  const problem = factorProblem({ ...base, keptShare: 0 });
  const out = solveByContinuation(
    p,
    (q) => {
      const b = problemOf(q);
      return b ? factorProblem({ ...b, keptShare: 0 }) : undefined;
    },
    Math.min(p.maxIterations, 60),
  );
  if (!out.converged) return undefined;
  void problem;
  const c = p.species.length;
  const top = (p.total - 1) * c;
  let loaded = 0;
  for (let i = 0; i < c; i++)
    loaded +=
      (1 - p.entrainOrganic) * (out.state.y[top + i] as number) +
      p.entrainAqueous * (out.state.x[top + i] as number);
  return loaded;
}

/**
 * Whether a reflux leaves a product the solve can resolve: below the loaded organic by more than 1e-12 of
 * it. The loaded total comes from a stage-by-stage recursion a few ulps from S; a reflux within that of it
 * would be solved as a product of round-off (measured: 5.6e-17 mol/h from 0.5 mol/h loaded).
 */
function refluxBelow(reflux: number, loaded: number): boolean {
  return reflux < loaded * (1 - 1e-12);
}

/** Saturated and loading-limited stages: Newton on the stage factors by continuation in stage count. */
function solveNonlinear(
  p: NormalisedCascade,
  retained: Float64Array,
  warm?: { readonly u: Float64Array; readonly r: number },
): SteadySolution {
  const input = inputs(p);
  const inputTotal = input.reduce((a, b) => a + b, 0);
  if (p.reflux > 0 && p.reflux <= NEGLIGIBLE_REFLUX * p.tolerance * inputTotal) {
    // A reflux far below what the tolerance can see (e.g. 1e-300 mol/h): the stage flows are those without
    // it to within its own size; it is still taken from the product (the balance then closes to its size).
    const without = solveNonlinear(cascadeOf({ ...p, reflux: 0 }), retained, warm);
    if (without.infeasible) return without;
    const c = p.species.length;
    let carried = 0;
    for (let i = 0; i < c; i++)
      carried += (1 - (retained[i] as number)) * loadedOf(p, without.x, without.y, i);
    const rho = carried > 0 ? Math.min(1, p.reflux / carried) : 0;
    return {
      ...without,
      keep: Float64Array.from(retained, (tau) => 1 - rho * (1 - tau)),
      productShare: 1 - rho,
    };
  }
  const kernelsFull = cascadeKernels(p);
  const totalsFull = saturatedTotals(p, kernelsFull, p.reflux);
  if (totalsFull && totalsFull.dryStage >= 0) {
    return infeasibleSolution(
      p,
      'cascade.organic.volume',
      `a volume whose loading capacity does not exceed the rare earths that reach each stage (stage ${totalsFull.dryStage + 1} ` +
        `would be left with ${(totalsFull.aqueous[totalsFull.dryStage] as number).toPrecision(4)} in the aqueous: the saturated organic would have to take more than the aqueous brings)`,
    );
  }
  if (totalsFull && p.reflux > 0 && !refluxBelow(p.reflux, totalsFull.loaded)) {
    return infeasibleSolution(
      p,
      'cascade.scrub.reflux',
      `a reflux below the loaded organic's ${totalsFull.loaded} (it is part of it) by more than 1e-12 of it`,
    );
  }
  const made = new WeakMap<NormalisedCascade, FactorProblem | undefined>(); // each level's problem dies with its level
  const problemOf = (q: NormalisedCascade): FactorProblem | undefined => {
    if (made.has(q)) return made.get(q);
    const P = makeProblem(q);
    made.set(q, P);
    return P;
  };
  const makeProblem = (q: NormalisedCascade): FactorProblem | undefined => {
    const kernels = q === p ? kernelsFull : cascadeKernels(q);
    const totals = q === p ? totalsFull : saturatedTotals(q, kernels, q.reflux);
    if (totals && (totals.dryStage >= 0 || (q.reflux > 0 && !refluxBelow(q.reflux, totals.loaded))))
      return undefined;
    // The reflux's share of the loaded organic is known in advance only when the reflux has the loaded
    // organic's composition (no strip retention) and the loaded total is known (every stage saturated).
    const plain = retained.every((t) => t === 0);
    const keptShare =
      totals && plain ? (q.reflux > 0 ? (totals.loaded - q.reflux) / totals.loaded : 1) : undefined;
    return factorProblem({
      p: q,
      layout: speciesLayout(q),
      kernels,
      retained,
      reflux: q.reflux,
      keptShare,
      productTotal: totals && q.draws.length === 0 ? totals.loaded - q.reflux : undefined,
      aqueousTotals: totals?.aqueous,
      input,
      tolerance: q.tolerance,
    });
  };
  let out: ReturnType<typeof solveByContinuation> | undefined;
  if (warm) {
    // A nearby solve (the organic loop of a strip section): Newton from its factors first.
    const P = problemOf(p);
    if (P) {
      const attempt = newton(
        P,
        evaluate(P, Float64Array.from(warm.u), warm.r),
        Math.min(p.maxIterations, 30),
      );
      if (attempt.converged)
        out = {
          state: attempt.state,
          problem: P,
          converged: true,
          iterations: attempt.iterations,
          levels: 1,
        };
    }
  }
  out ??= solveByContinuation(p, problemOf, p.maxIterations);
  if (!out.converged && p.reflux > 0 && !totalsFull) {
    // Is there a steady state at all? The most the loaded organic can return is what it carries when none
    // of it leaves as product (total reflux of the organic): solve that cascade; a reflux beyond it has none.
    const most = maximumReflux(p, problemOf);
    if (most !== undefined && !(p.reflux < most)) {
      return infeasibleSolution(
        p,
        'cascade.scrub.reflux',
        `a reflux the loaded organic can carry: below ${most.toPrecision(4)}, what it carries when all of it returns (less is extracted at the top than the reflux brings)`,
        out.iterations,
      );
    }
  }
  const pi = out.problem.keptShare ?? (p.reflux > 0 ? Math.exp(out.state.r) : 1);
  const keep = Float64Array.from(retained, (tau) => (p.reflux > 0 ? pi + tau * (1 - pi) : 1));
  return {
    x: out.state.x,
    y: out.state.y,
    iterations: out.iterations,
    residual: out.state.residual,
    converged: out.converged,
    keep,
    productShare: p.reflux > 0 ? pi : 1,
    factors: { u: out.state.u, r: out.state.r },
  };
}
