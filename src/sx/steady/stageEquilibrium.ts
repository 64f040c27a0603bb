/**
 * The equilibrium of one stage as the Newton solver needs it: the organic amounts in equilibrium with the
 * stage's aqueous amounts, y* = g(x), and their Jacobian G = ∂g/∂x.
 *
 * Models: linear (ε_i x_i), capacity-limited distribution (competitive Langmuir ε_i x_i / (1 + Σεx/Q)) and
 * Xu's saturated organic (S β_i x_i / Σβx).
 */
import { fail } from '../../core/errors.js';
import type { NormalisedCascade } from '../cascadeSpec.js';
import type { EquilibriumModel } from '../equilibrium/equilibrium.js';

/** Per-stage constants of a model, precomputed once per solve. */
export interface StageConstants {
  readonly model: EquilibriumModel;
  /** Distribution model: extraction factor ε_i = D_i · O / A of each species. */
  readonly epsilon: Float64Array;
  /** Separation-factor model: β_i, and the organic's total capacity S = loading · O (amount per unit time). */
  readonly beta: Float64Array;
  /**
   * Amount per unit time the stage's organic can carry: loading · O (separation-factor model) or
   * capacity · O (distribution model with a capacity; 0 for a linear distribution model: no limit).
   */
  readonly capacity: number;
}

/** Whether the stage's equilibrium is linear (y* = ε x): a distribution model without a capacity. */
export function isLinear(k: StageConstants): boolean {
  return k.model.kind === 'distribution' && !(k.capacity > 0);
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
    return {
      model,
      epsilon,
      beta,
      capacity: model.capacity === undefined ? 0 : model.capacity * organicVolume,
    };
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
  if (k.model.kind === 'distribution' && !(k.capacity > 0)) {
    for (let i = 0; i < c; i++) y[yo + i] = (k.epsilon[i] as number) * Math.max(0, x[xo + i] as number);
    if (jac) {
      jac.fill(0);
      for (let i = 0; i < c; i++) jac[i * c + i] = k.epsilon[i] as number;
    }
    return;
  }
  if (k.model.kind === 'distribution') {
    // y_i = ε_i x_i / d, d = 1 + u/Q, u = Σ ε_k x_k;  ∂y_i/∂x_k = ε_i δ_ik / d − ε_i x_i ε_k / (Q d²)
    const q = k.capacity;
    let u = 0;
    for (let i = 0; i < c; i++) u += (k.epsilon[i] as number) * Math.max(0, x[xo + i] as number);
    const d = 1 + u / q;
    for (let i = 0; i < c; i++) y[yo + i] = ((k.epsilon[i] as number) * Math.max(0, x[xo + i] as number)) / d;
    if (jac) {
      for (let i = 0; i < c; i++) {
        const ei = k.epsilon[i] as number;
        const xi = Math.max(0, x[xo + i] as number);
        for (let kk = 0; kk < c; kk++) {
          jac[i * c + kk] = (i === kk ? ei / d : 0) - (ei * xi * (k.epsilon[kk] as number)) / (q * d * d);
        }
      }
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

/**
 * The stage constants of every stage of a cascade. An acid scrub strips acid/3 of rare earths from the
 * organic in the last stage: with organic Murphree efficiency E the mixed fraction E of that organic loses
 * it, so the last stage's equilibrium capacity is S_N − acid/(3E) (the organic leaving carries
 * (1 − E)·inflow + E·S_N − acid/3 in all).
 */
export function cascadeConstants(p: NormalisedCascade): StageConstants[] {
  const k = p.models.map((m, j) =>
    stageConstants(m, p.species, p.aqueousVolume[j] as number, p.organicVolume[j] as number),
  );
  if (p.acid > 0) {
    const top = k[p.total - 1] as StageConstants;
    k[p.total - 1] = { ...top, capacity: top.capacity - p.acid / (3 * p.murphree) };
  }
  return k;
}
