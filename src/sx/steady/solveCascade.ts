/**
 * The steady state of a normalised cascade: which solver runs, and what it returns.
 *
 * - pH-dependent model: its own Newton solver (`phDependentSolver.ts`).
 * - Linear stages only (constant D): each species alone; with product reflux the reflux's share of the
 *   loaded organic is one scalar unknown, found exactly from two solves per species (`linearReflux`).
 * - Saturated or loading-limited stages: Newton on the stage factors (`factorNewton.ts`), by continuation in
 *   stage count (`continuation.ts`).
 */
import type { NormalisedCascade } from '../cascadeSpec.js';
import { solveByContinuation } from './continuation.js';
import type { FactorProblem } from './factorNewton.js';
import { solvePhDependentCascade } from './phDependentSolver.js';
import { type SpeciesLayout, solveSpecies, speciesLayout, speciesWork } from './speciesSolve.js';
import { ratios, type StageKernel, stageKernel } from './stageKernels.js';
import { saturatedTotals } from './totals.js';

/** What a steady solve returns (amounts per stage are stage-major, N × c). */
export interface SteadySolution {
  readonly x: Float64Array;
  readonly y: Float64Array;
  /** Newton iterations (summed over continuation levels); 1 for a direct solve. */
  readonly iterations: number;
  /** Largest stage-equation residual left (relative), 0 for a direct linear solve. */
  readonly residual: number;
  readonly converged: boolean;
  /** Share of each species' loaded organic that is not returned as reflux (1 without reflux). */
  readonly keep?: Float64Array;
  /** Set when the model has no steady state for these flows: the parameter to change and what it must be. */
  readonly infeasible?: { readonly path: string; readonly expected: string };
  /**
   * Net amount of each species the stage reactions produce over the whole cascade (pH-dependent model
   * only: protons released, extractant bound, bisulfate dissociated); the balance adds it to the inputs.
   */
  readonly generated?: Float64Array;
}

/** Back-compatible name of {@link SteadySolution}. */
export type NewtonResult = SteadySolution;

/** The kernels of every stage (an acid scrub lowers the top stage's capacity by acid/3 ÷ E). */
export function cascadeKernels(p: NormalisedCascade): StageKernel[] {
  const k = p.models.map((m, j) =>
    stageKernel(m, p.species, p.aqueousVolume[j] as number, p.organicVolume[j] as number),
  );
  if (p.acid > 0) {
    const top = k[p.total - 1] as StageKernel;
    k[p.total - 1] = { ...top, capacity: top.capacity - p.acid / (3 * p.murphree) };
  }
  return k;
}

/** Total input of each species (feed, scrub, fresh organic). */
function inputs(p: NormalisedCascade): Float64Array {
  return Float64Array.from(
    p.species,
    (_, i) => (p.feed[i] as number) + (p.organicIn[i] as number) + (p.scrubIn[i] as number),
  );
}

/** Solves the cascade's stage equations. */
export function solveCascade(p: NormalisedCascade): SteadySolution {
  if (p.models.some((m) => m.kind === 'phDependent')) return solvePhDependentCascade(p);
  const kernels = cascadeKernels(p);
  if (kernels.every((k) => k.kind === 'linear')) return solveLinear(p, kernels);
  return solveNonlinear(p);
}

/** Linear stages: one solve per species, or (with reflux) the exact scalar solve of the reflux share. */
function solveLinear(p: NormalisedCascade, kernels: readonly StageKernel[]): SteadySolution {
  const N = p.total;
  const c = p.species.length;
  const layout = speciesLayout(p);
  const K = new Float64Array(N * c);
  for (let j = 0; j < N; j++) ratios(kernels[j] as StageKernel, 0, K, j * c);
  const x = new Float64Array(N * c);
  const y = new Float64Array(N * c);
  const w = speciesWork(N);
  if (p.reflux === 0) {
    for (let i = 0; i < c; i++) solveSpecies(layout, i, K, 1, x, y, w);
    return { x, y, iterations: 1, residual: 0, converged: true };
  }
  const rho = linearRefluxShare(p, layout, K, x, y, w);
  if (rho === undefined) {
    return {
      x,
      y,
      iterations: 0,
      residual: Number.POSITIVE_INFINITY,
      converged: false,
      infeasible: {
        path: 'cascade.scrub.reflux',
        expected:
          'a reflux the loaded organic can carry (with these distribution ratios the loaded organic grows without bound before it carries this much)',
      },
    };
  }
  const keep = new Float64Array(c).fill(1 - rho);
  for (let i = 0; i < c; i++) solveSpecies(layout, i, K, 1 - rho, x, y, w);
  let loaded = 0;
  for (let i = 0; i < c; i++) loaded += loadedOf(p, x, y, i);
  const residual = Math.abs(rho * loaded - p.reflux) / p.reflux;
  return { x, y, iterations: 1, residual, converged: residual <= p.tolerance, keep };
}

function loadedOf(p: NormalisedCascade, x: Float64Array, y: Float64Array, i: number): number {
  const q = (p.total - 1) * p.species.length + i;
  return (1 - p.entrainOrganic) * (y[q] as number) + p.entrainAqueous * (x[q] as number);
}

/**
 * The reflux share ρ (of the loaded organic) for linear stages: each species' loaded amount is
 * L_i(ρ) = L⁰_i / (1 − ρ·h_i), with L⁰_i its loaded amount without reflux and h_i the share of a unit of
 * species i added to the top stage's aqueous that reaches the loaded organic (both from one solve each);
 * W = ρ·Σ L_i(ρ) is increasing in ρ, so Newton on this scalar function from ρ = 0 converges to the unique
 * root below min(1, 1/max h). Undefined when there is none (W beyond every loaded organic).
 */
function linearRefluxShare(
  p: NormalisedCascade,
  layout: SpeciesLayout,
  K: Float64Array,
  x: Float64Array,
  y: Float64Array,
  w: ReturnType<typeof speciesWork>,
): number | undefined {
  const c = p.species.length;
  const N = p.total;
  const L0 = new Float64Array(c);
  const h = new Float64Array(c);
  for (let i = 0; i < c; i++) {
    solveSpecies(layout, i, K, 1, x, y, w);
    L0[i] = loadedOf(p, x, y, i);
  }
  // Unit injection into the top aqueous of a cascade with no other sources: a layout without sources.
  const unit: SpeciesLayout = {
    ...layout,
    sourceAqueous: new Float64Array(N * c),
    sourceOrganic: new Float64Array(N * c),
  };
  for (let i = 0; i < c; i++) (unit.sourceAqueous as Float64Array)[(N - 1) * c + i] = 1;
  for (let i = 0; i < c; i++) {
    solveSpecies(unit, i, K, 1, x, y, w);
    h[i] = Math.min(1, loadedOf(p, x, y, i));
  }
  let hMax = 0;
  for (let i = 0; i < c; i++) hMax = Math.max(hMax, h[i] as number);
  const upper = hMax > 0 ? Math.min(1, 1 / hMax) : 1;
  const W = p.reflux;
  const f = (rho: number) => {
    let v = 0;
    let dv = 0;
    for (let i = 0; i < c; i++) {
      const d = 1 - rho * (h[i] as number);
      const li = (L0[i] as number) / d;
      v += li;
      dv += (li * (h[i] as number)) / d;
    }
    return { value: rho * v - W, slope: v + rho * dv };
  };
  // The function is convex and increasing on [0, upper): Newton from 0 approaches the root from below.
  let rho = 0;
  for (let it = 0; it < 200; it++) {
    const { value, slope } = f(rho);
    if (!Number.isFinite(value)) return undefined;
    const next = rho - value / slope;
    if (!(next < upper)) return undefined;
    if (Math.abs(next - rho) <= 1e-15 * Math.max(1e-300, next)) return next;
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
  const problem: FactorProblem = { ...base, keptShare: 0 };
  const out = solveByContinuation(
    p,
    (q) => {
      const b = problemOf(q);
      return b ? { ...b, keptShare: 0 } : undefined;
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

/** Saturated and loading-limited stages: Newton on the stage factors by continuation in stage count. */
function solveNonlinear(p: NormalisedCascade): SteadySolution {
  const totalsFull = saturatedTotals(p, cascadeKernels(p), p.reflux);
  if (totalsFull && totalsFull.dryStage >= 0) {
    const N = p.total;
    const c = p.species.length;
    return {
      x: new Float64Array(N * c),
      y: new Float64Array(N * c),
      iterations: 0,
      residual: Number.POSITIVE_INFINITY,
      converged: false,
      infeasible: {
        path: 'cascade.organic.volume',
        expected:
          `a volume whose loading capacity does not exceed the rare earths that reach each stage (stage ${totalsFull.dryStage + 1} ` +
          `would be left with ${(totalsFull.aqueous[totalsFull.dryStage] as number).toPrecision(4)} in the aqueous: the saturated organic would have to take more than the aqueous brings)`,
      },
    };
  }
  if (totalsFull && p.reflux > 0 && !(p.reflux < totalsFull.loaded)) {
    const N = p.total;
    const c = p.species.length;
    return {
      x: new Float64Array(N * c),
      y: new Float64Array(N * c),
      iterations: 0,
      residual: Number.POSITIVE_INFINITY,
      converged: false,
      infeasible: {
        path: 'cascade.scrub.reflux',
        expected: `a reflux below the loaded organic's ${totalsFull.loaded} (it is part of it)`,
      },
    };
  }
  const input = inputs(p);
  const problemOf = (q: NormalisedCascade): FactorProblem | undefined => {
    const kernels = cascadeKernels(q);
    const totals = saturatedTotals(q, kernels, q.reflux);
    if (totals && (totals.dryStage >= 0 || (q.reflux > 0 && !(q.reflux < totals.loaded)))) return undefined;
    const keptShare =
      totals && q.reflux > 0 ? (totals.loaded - q.reflux) / totals.loaded : totals ? 1 : undefined;
    return {
      p: q,
      layout: speciesLayout(q),
      kernels,
      retained: new Float64Array(q.species.length),
      reflux: q.reflux,
      ...(keptShare === undefined ? {} : { keptShare }),
      ...(totals && q.draws.length === 0 ? { productTotal: totals.loaded - q.reflux } : {}),
      ...(totals ? { aqueousTotals: totals.aqueous } : {}),
      input,
      tolerance: q.tolerance,
    };
  };
  const out = solveByContinuation(p, problemOf, Math.min(p.maxIterations, 60));
  if (!out.converged && p.reflux > 0 && !totalsFull) {
    // Is there a steady state at all? The most the loaded organic can return is what it carries when none
    // of it leaves as product (total reflux of the organic): solve that cascade; a reflux beyond it has none.
    const most = maximumReflux(p, problemOf);
    if (most !== undefined && !(p.reflux < most)) {
      const N = p.total;
      const c = p.species.length;
      return {
        x: new Float64Array(N * c),
        y: new Float64Array(N * c),
        iterations: out.iterations,
        residual: Number.POSITIVE_INFINITY,
        converged: false,
        infeasible: {
          path: 'cascade.scrub.reflux',
          expected: `a reflux the loaded organic can carry: below ${most.toPrecision(4)}, what it carries when all of it returns (less is extracted at the top than the reflux brings)`,
        },
      };
    }
  }
  const pi = out.problem.keptShare ?? (p.reflux > 0 ? Math.exp(out.state.r) : 1);
  const keep = new Float64Array(p.species.length).fill(p.reflux > 0 ? pi : 1);
  return {
    x: out.state.x,
    y: out.state.y,
    iterations: out.iterations,
    residual: out.state.residual,
    converged: out.converged,
    keep,
  };
}
