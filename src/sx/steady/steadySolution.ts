/**
 * What a steady solve returns, and what its strip section returns: the types shared by the solvers
 * (`solveCascade.ts`, `phDependentSolver.ts`, `strip.ts`), kept apart so none imports another for a type.
 */

/** What a strip section does to a loaded organic. */
export interface StripOutcome {
  /** Organic leaving the last strip stage (returns to stage 1), per species. */
  readonly stripped: Float64Array;
  /** Strip liquor (aqueous leaving the first strip stage): rare earths per species. */
  readonly liquor: Float64Array;
  /** Fraction of each species' loaded amount that stays in the organic (τ_i; 0 when nothing was loaded). */
  readonly retained: Float64Array;
  /** Stage outflows of the strip section, stage-major (strip stage 1 first). */
  readonly aqueous: Float64Array;
  readonly organic: Float64Array;
  /** mol H⁺ per unit time consumed (3 per mol stripped) and left free in the liquor. */
  readonly acidConsumed: number;
  readonly acidFree: number;
  /** What the strip stages' reactions produce per species (pH-dependent model only). */
  readonly generated?: Float64Array;
}

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
  /** π: the share of what the reflux is taken from (loaded organic, or strip liquor) kept as product. */
  readonly productShare?: number;
  /** Set when the model has no steady state for these flows: the parameter to change and what it must be. */
  readonly infeasible?: { readonly path: string; readonly expected: string };
  /**
   * Net amount of each species the stage reactions produce over the whole cascade (pH-dependent model
   * only: protons released, extractant bound, bisulfate dissociated); the balance adds it to the inputs.
   */
  readonly generated?: Float64Array;
  /** The strip section's outcome (with a strip section), and how many passes of the organic loop it took. */
  readonly strip?: StripOutcome & { readonly passes: number };
  /** Final log stage factors and ln π, to warm-start a nearby solve. */
  readonly factors?: { readonly u: Float64Array; readonly r: number };
}
