/**
 * The equilibrium of one stage as the steady solver sees it: the organic amounts in equilibrium with the
 * stage's aqueous amounts are y*_i = K_i·x_i, with distribution ratios (in amounts) K_i = κ_i·g(f) that
 * depend on the stage's composition only through one scalar, the stage factor f:
 *
 *   linear (constant D)              K_i = ε_i = D_i·O/A                     no factor
 *   saturated (Xu, separation factor) K_i = λ·β_i,   λ = S / Σ_k β_k x_k      f = λ,  S = loading·O
 *   loading-limited (Langmuir)        K_i = ε_i/(1 + φ), φ = Σ_k ε_k x_k / Q  f = φ,  Q = capacity·O
 *
 * Given every stage's factor, each species' stage equations are linear and independent of the others
 * (solved exactly by `speciesSolve.ts`); the factors are what the Newton iteration looks for. Each kernel
 * gives K from its factor, the factor's consistency residual (the stage equation that defines it, relative
 * to its own scale) with its derivatives, and the factor implied by a set of amounts (a first guess).
 * Newton works in u = ln f.
 */
import type { EquilibriumModel } from '../equilibrium/equilibrium.js';
import type { StageKernel } from '../equilibrium/kernel.js';
import { EQUILIBRIUM_MODELS, type EquilibriumModelEntry } from '../equilibrium/registry.js';

export type { StageKernel } from '../equilibrium/kernel.js';

/** ln f → K_i into `out` (length c). */
export function ratios(k: StageKernel, u: number, out: Float64Array, offset = 0): void {
  const c = k.kappa.length;
  if (k.kind === 'linear') {
    for (let i = 0; i < c; i++) out[offset + i] = k.kappa[i] as number;
  } else if (k.kind === 'saturated') {
    const lambda = Math.exp(u);
    for (let i = 0; i < c; i++) out[offset + i] = lambda * (k.kappa[i] as number);
  } else {
    const g = 1 / (1 + Math.exp(u));
    for (let i = 0; i < c; i++) out[offset + i] = (k.kappa[i] as number) * g;
  }
}

/** d ln K_i / d ln f (the same for every species). */
export function ratioSlope(k: StageKernel, u: number): number {
  if (k.kind === 'saturated') return 1;
  if (k.kind === 'langmuir') {
    const phi = Math.exp(u);
    return -phi / (1 + phi);
  }
  return 0;
}

/**
 * The factor's consistency residual given the stage's aqueous amounts x (offset `xo`), in logarithmic form
 * (linear in ln f, so a factor far off is corrected in one Newton step; near the solution it is the
 * relative error): saturated F = ln(λ·Σβx / S); Langmuir F = ln(Σεx / (φQ)); 0 for a linear stage. `dx`
 * receives ∂F/∂ln x_i (each species' share of Σκx); ∂F/∂ln f is {@link consistencySlope}. Returns a
 * number, not an object: the solver calls it per stage and iteration, and each object was garbage.
 */
export function consistency(
  k: StageKernel,
  u: number,
  x: Float64Array,
  xo: number,
  dx?: Float64Array,
  dxo = 0,
): number {
  const c = k.kappa.length;
  let sum = 0;
  for (let i = 0; i < c; i++) sum += (k.kappa[i] as number) * (x[xo + i] as number);
  if (k.kind === 'linear') return 0;
  // An empty stage has no defined factor: keep the residual finite (it is then driven by its neighbours).
  const floor = Math.max(sum, 1e-300);
  if (dx) for (let i = 0; i < c; i++) dx[dxo + i] = ((k.kappa[i] as number) * (x[xo + i] as number)) / floor;
  if (k.kind === 'saturated') return u + Math.log(floor / k.capacity);
  // Loading far below capacity: K = ε/(1 + φ) is ε to the last bit once φ < e^LANGMUIR_FLOOR, so the factor
  // is held there (a stripped stage would otherwise send ln φ towards −∞, a few units per Newton step).
  return Math.log(Math.max(floor / k.capacity, Math.exp(LANGMUIR_FLOOR))) - u;
}

/** ∂F/∂ln f of {@link consistency}: +1 saturated, −1 loading-limited (and 1 for a linear stage's nil row). */
export function consistencySlope(k: StageKernel): number {
  return k.kind === 'langmuir' ? -1 : 1;
}

/** Smallest ln φ of a loading-limited stage (φ = e^−40 ≈ 4e-18: below round-off of 1 + φ). */
export const LANGMUIR_FLOOR = -40;

/** The factor (as ln f) the amounts x imply; `undefined` when they cannot (nothing in the stage). */
export function impliedFactor(k: StageKernel, x: Float64Array, xo: number): number | undefined {
  const c = k.kappa.length;
  let sum = 0;
  for (let i = 0; i < c; i++) sum += (k.kappa[i] as number) * Math.max(0, x[xo + i] as number);
  if (!(sum > 0) || !Number.isFinite(sum)) return undefined;
  if (k.kind === 'saturated') return Math.log(k.capacity / sum);
  if (k.kind === 'langmuir') return Math.max(LANGMUIR_FLOOR, Math.log(sum / k.capacity));
  return 0;
}

/**
 * The kernel of a stage of `model` with aqueous and organic volume flows `aqueous`, `organic` (the pH
 * model has its own solver and no kernel).
 */
export function stageKernel(
  model: EquilibriumModel,
  species: readonly string[],
  aqueous: number,
  organic: number,
): StageKernel {
  const kernel = (EQUILIBRIUM_MODELS[model.kind] as EquilibriumModelEntry<EquilibriumModel>).kernel;
  if (!kernel) throw new Error(`no stage kernel for ${model.kind}`);
  return kernel(model, species, aqueous, organic);
}
