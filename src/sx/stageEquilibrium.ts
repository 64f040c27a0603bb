/**
 * The equilibrium of one stage as the Newton solver needs it: the organic amounts in equilibrium with the
 * stage's aqueous amounts, y* = g(x), and their Jacobian G = ∂g/∂x.
 */
import { fail } from '../core/errors.js';
import type { EquilibriumModel } from './equilibrium.js';

/** Per-stage constants of a model, precomputed once per solve. */
export interface StageConstants {
  readonly model: EquilibriumModel;
  /** Distribution model: extraction factor ε_i = D_i · O / A of each species. */
  readonly epsilon: Float64Array;
  /** Separation-factor model: β_i, and the organic's total capacity S = loading · O (amount per unit time). */
  readonly beta: Float64Array;
  readonly capacity: number;
}

/** Precomputes a stage's constants. */
export function stageConstants(
  model: EquilibriumModel,
  species: readonly string[],
  aqueousVolume: number,
  organicVolume: number,
): StageConstants {
  const c = species.length;
  const epsilon = new Float64Array(c);
  const beta = new Float64Array(c);
  if (model.kind === 'distribution') {
    species.forEach((s, i) => {
      epsilon[i] = ((model.D[s] as number) * organicVolume) / aqueousVolume;
    });
    return { model, epsilon, beta, capacity: 0 };
  }
  if (model.kind === 'phDependent') {
    // Its stage equations carry the pH and the extractant: solved by phDependentSolver.ts, never here.
    fail(
      'NOT_SUPPORTED',
      'cascade.equilibrium',
      model.kind,
      'a distribution or separation-factor model here',
    );
  }
  species.forEach((s, i) => {
    beta[i] = model.beta[s] as number;
  });
  return { model, epsilon, beta, capacity: model.loading * organicVolume };
}

/**
 * Writes y* = g(x) into `y` (offset `yo`) and, when `jac` is given, G = ∂g/∂x (c×c row-major) into it.
 * `x` is read from offset `xo`. Aqueous amounts are floored at 0 (Newton keeps them non-negative).
 */
export function equilibriumOrganic(
  k: StageConstants,
  x: Float64Array,
  xo: number,
  c: number,
  y: Float64Array,
  yo: number,
  jac?: Float64Array,
): void {
  if (k.model.kind === 'distribution') {
    for (let i = 0; i < c; i++) y[yo + i] = (k.epsilon[i] as number) * Math.max(0, x[xo + i] as number);
    if (jac) {
      jac.fill(0);
      for (let i = 0; i < c; i++) jac[i * c + i] = k.epsilon[i] as number;
    }
    return;
  }
  // y_i = S β_i x_i / Σ β_k x_k ;  ∂y_i/∂x_k = S β_i (δ_ik / B − x_i β_k / B²),  B = Σ β_k x_k
  let b = 0;
  for (let i = 0; i < c; i++) b += (k.beta[i] as number) * Math.max(0, x[xo + i] as number);
  const s = k.capacity;
  if (!(b > 0)) {
    for (let i = 0; i < c; i++) y[yo + i] = 0;
    if (jac) {
      jac.fill(0);
      for (let i = 0; i < c; i++) jac[i * c + i] = 1; // g is not differentiable at x = 0: any non-singular guess
    }
    return;
  }
  for (let i = 0; i < c; i++) y[yo + i] = (s * (k.beta[i] as number) * Math.max(0, x[xo + i] as number)) / b;
  if (jac) {
    for (let i = 0; i < c; i++) {
      const bi = k.beta[i] as number;
      const xi = Math.max(0, x[xo + i] as number);
      for (let kk = 0; kk < c; kk++) {
        jac[i * c + kk] = s * bi * ((i === kk ? 1 / b : 0) - (xi * (k.beta[kk] as number)) / (b * b));
      }
    }
  }
}
