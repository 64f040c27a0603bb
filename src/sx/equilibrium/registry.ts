/**
 * The equilibrium models a cascade can use, one entry per kind: how a model object is checked, which
 * species it names and under which key they sit (for error paths). A model is its own file plus one entry
 * here; a kind of {@link EquilibriumModel} without an entry does not compile (test/types/registries.ts).
 */
import { fail } from '../../core/errors.js';
import { knownKeys, positive } from '../../core/validate.js';
import { checkFlows } from '../flows.js';
import type { DistributionModel, EquilibriumModel, SeparationFactorModel } from './equilibrium.js';
import type { StageKernel } from './kernel.js';
import { checkPhDependent, phDependentSpecies } from './phDependent.js';

/** What the cascade needs to know of one kind of equilibrium model. */
export interface EquilibriumModelEntry<M extends EquilibriumModel> {
  /** The key of the model's per-species parameters (`D`, `beta`, `metals`), for error paths. */
  readonly parameters: string;
  /** The species the model has parameters for. */
  species(model: M): string[];
  /** Checks a model object of this kind (its `kind` already read) at `path`. */
  check(path: string, value: Readonly<Record<string, unknown>>): M;
  /**
   * The kernel of a stage with aqueous and organic volume flows `aqueous`, `organic` (κ per species in
   * `species` order, and the organic's capacity), or undefined for a model with a solver of its own.
   */
  readonly kernel:
    | ((model: M, species: readonly string[], aqueous: number, organic: number) => StageKernel)
    | undefined;
}

/** One entry per kind of {@link EquilibriumModel}. */
export type EquilibriumRegistry = {
  readonly [K in EquilibriumModel['kind']]: EquilibriumModelEntry<Extract<EquilibriumModel, { kind: K }>>;
};

/** Every per-species parameter present, finite and > 0. */
function positiveParameters(path: string, value: unknown): void {
  for (const [name, x] of Object.entries(checkFlows(path, value))) {
    if (!(x > 0)) fail('OUT_OF_RANGE', `${path}.${name}`, x, 'a number > 0');
  }
}

/** The built-in models. */
export const EQUILIBRIUM_MODELS: EquilibriumRegistry = {
  distribution: {
    parameters: 'D',
    species: (m) => Object.keys(m.D),
    check: (path, m) => {
      knownKeys(path, m, ['kind', 'D', 'capacity']);
      checkFlows(`${path}.D`, m.D);
      if (m.capacity !== undefined) {
        const q = positive(`${path}.capacity`, m.capacity);
        if (q > 1e12) fail('OUT_OF_RANGE', `${path}.capacity`, q, 'a capacity in (0, 1e12]');
      }
      positiveParameters(`${path}.D`, m.D);
      return m as unknown as DistributionModel;
    },
    // Linear (constant D): κ = D·O/A; with a capacity, Langmuir with Q = capacity·O.
    kernel: (m, species, aqueous, organic) => {
      const kappa = new Float64Array(species.length);
      species.forEach((s, i) => {
        kappa[i] = ((m.D[s] as number) * organic) / aqueous;
      });
      if (m.capacity === undefined) return { kind: 'linear', kappa, capacity: 0 };
      return { kind: 'langmuir', kappa, capacity: m.capacity * organic };
    },
  },
  separationFactors: {
    parameters: 'beta',
    species: (m) => Object.keys(m.beta),
    check: (path, m) => {
      knownKeys(path, m, ['kind', 'beta', 'loading']);
      checkFlows(`${path}.beta`, m.beta);
      positive(`${path}.loading`, m.loading);
      positiveParameters(`${path}.beta`, m.beta);
      return m as unknown as SeparationFactorModel;
    },
    // Xu's saturated organic: κ = β, capacity S = loading·O.
    kernel: (m, species, _aqueous, organic) => {
      const kappa = new Float64Array(species.length);
      species.forEach((s, i) => {
        kappa[i] = m.beta[s] as number;
      });
      return { kind: 'saturated', kappa, capacity: m.loading * organic };
    },
  },
  phDependent: {
    parameters: 'metals',
    species: phDependentSpecies,
    check: checkPhDependent,
    kernel: undefined, // its own Newton solver (steady/phDependentSolver.ts)
  },
};
