// Compile-time tests (checked by `npm run typecheck`, not run): an extension registry that leaves out a
// kind does not compile, so a new kind cannot be half added.
import { builtinTasks } from '../../src/engine/tasks.js';
import type { Task } from '../../src/engine/types.js';
import type { ScenarioKind } from '../../src/scenario/kinds.js';
import { MODEL_REGISTRY, type ModelRegistry } from '../../src/study/models.js';
import { POLICY_KINDS, type PolicyRegistry } from '../../src/supply/policy/registry.js';
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

// Supply policies: every kind of `Policy` has an entry, and every entry states each part of its effect.
export const policies: PolicyRegistry = { ...POLICY_KINDS };

// @ts-expect-error a registry without the stockpile entry is not a PolicyRegistry
export const missingStockpile: PolicyRegistry = {
  exportControl: POLICY_KINDS.exportControl,
  domesticProcessing: POLICY_KINDS.domesticProcessing,
};

export const effectMissingAPart: PolicyRegistry = {
  ...POLICY_KINDS,
  domesticProcessing: {
    keys: ['kind'],
    // @ts-expect-error an effect must say whether it keeps a stockpile (`stockpile: undefined` when not)
    resolve: () => ({ routes: undefined, licensed: () => 0, licenceDelayMonths: 0 }),
  },
};

export const wrongPolicyEntry: PolicyRegistry = {
  ...POLICY_KINDS,
  // @ts-expect-error the stockpile entry must resolve stockpile policies, not export controls
  stockpile: POLICY_KINDS.exportControl,
};

// Models: every name of MODEL_NAMES has an entry (which the engine's tasks and `runScenario` read).
const { 'supply-chain': _supply, ...withoutSupply } = MODEL_REGISTRY;
export const allModels: ModelRegistry = { ...withoutSupply, 'supply-chain': _supply };
// @ts-expect-error a model registry without the supply-chain entry is not a ModelRegistry
export const missingModel: ModelRegistry = withoutSupply;

// The engine's built-in tasks cover every scenario kind.
const { sweep: _sweep, ...tasksWithoutSweep } = builtinTasks;
// @ts-expect-error the built-in tasks without the sweep study do not cover every scenario kind
export const missingTask: Readonly<Record<ScenarioKind, Task>> = tasksWithoutSweep;
