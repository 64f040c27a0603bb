// Compile-time tests (checked by `npm run typecheck`, not run): an extension registry that leaves out a
// kind does not compile, so a new kind cannot be half added.
import { EQUILIBRIUM_MODELS, type EquilibriumRegistry } from '../../src/sx/equilibrium/registry.js';

export const complete: EquilibriumRegistry = { ...EQUILIBRIUM_MODELS };

// @ts-expect-error a registry without the phDependent entry is not an EquilibriumRegistry
export const missingPh: EquilibriumRegistry = {
  distribution: EQUILIBRIUM_MODELS.distribution,
  separationFactors: EQUILIBRIUM_MODELS.separationFactors,
};

export const wrongEntry: EquilibriumRegistry = {
  ...EQUILIBRIUM_MODELS,
  // @ts-expect-error the distribution entry must check distribution models, not pH-dependent ones
  distribution: EQUILIBRIUM_MODELS.phDependent,
};
