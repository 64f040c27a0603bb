/**
 * A stage's equilibrium in the form the steady and dynamic solvers use (see `steady/stageKernels.ts`):
 * each model's registry entry builds it for a stage's volume flows.
 */

/** A stage's equilibrium constants for one solve. */
export interface StageKernel {
  /** `linear`: K = κ; `saturated`: K = λ·κ with κ = β; `langmuir`: K = κ/(1 + φ) with κ = ε. */
  readonly kind: 'linear' | 'saturated' | 'langmuir';
  /** κ_i per species (β_i or ε_i). */
  readonly kappa: Float64Array;
  /**
   * Saturated: the organic's capacity S = loading·O (less acid/3 ÷ E at an acid-scrubbed top stage);
   * Langmuir: Q = capacity·O; linear: 0.
   */
  readonly capacity: number;
}
