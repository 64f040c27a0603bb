/**
 * `reesim/sx`: solvent extraction's building blocks beside the models in `reesim`: the pH-dependent
 * equilibrium model and the extractant data, the closed forms (Fenske, Kremser, Murphree), McCabe-Thiele
 * constructions, Xu's design equations, three-outlet cascades, the separation train's parts, prepared
 * cascades for repeated solves, and the solvers' limits.
 *
 * @module reesim/sx
 */

// ── Cascade limits and defaults ──────────────────────────────────────────────
export {
  DEFAULT_STRIP_DISTRIBUTION,
  MAX_DRAWS,
  MAX_ITERATIONS,
  MAX_SPECIES,
  MAX_STAGES,
} from '../sx/cascadeSpec.js';
// ── Design: closed forms, McCabe-Thiele, Xu, three outlets, trains ───────────
export {
  fenskeStages,
  type KremserRaffinateParams,
  kremserRaffinate,
  kremserStages,
  kremserUnextracted,
  MAX_SEPARATION_FACTOR,
  type MurphreePhase,
  overallEfficiency,
} from '../sx/design/closedForms.js';
export type { KeyPair } from '../sx/design/keyPair.js';
export {
  type Curve,
  equilibriumCurve,
  type McCabeThieleDesign,
  type OperatingLine,
  type OperatingLines,
  operatingLines,
  type StageSteps,
  type StageStepsOptions,
  stageSteps,
} from '../sx/design/mccabeThiele.js';
export type {
  ThreeOutletReason,
  ThreeOutletTrainCascade,
  ThreeProducts,
  TrainCascadeBase,
  TrainOutput,
  TrainProgress,
  TrainThreeOutletCandidate,
  TwoOutletTrainCascade,
} from '../sx/design/separationTrain.js';
export {
  designThreeOutletCascade,
  type ThreeOutletDesign,
  type ThreeOutletGroups,
  type ThreeOutletRequest,
  type ThreeOutletRow,
  type ThreeOutletTargets,
} from '../sx/design/threeOutlet.js';
export {
  compareThreeOutlet,
  type PairCascade,
  type PlanSize,
  type ThreeOutletComparison,
  type ThreeOutletComparisonRequest,
} from '../sx/design/threeOutletCompare.js';
export {
  type ControlSection,
  controlCriterion,
  type MinimumFlowsOptions,
  minimumFlows,
  optimumReflux,
  refluxRule,
  type XuDesign,
  type XuDesignSpec,
  xuDesign,
} from '../sx/design/xu.js';
// ── Dynamics ─────────────────────────────────────────────────────────────────
export { SPLIT_MAX_ITERATIONS } from '../sx/dynamics/mixerSplit.js';
// ── Equilibrium models and extractant data ───────────────────────────────────
export { DEFAULT_LOADING } from '../sx/equilibrium/equilibrium.js';
export {
  type AdjacentPair,
  type ChainElement,
  type ExtractantData,
  extractants,
  relativeExtractability,
  type SeparationFactorOverrides,
} from '../sx/equilibrium/extractants.js';
export {
  DEFAULT_PROTONS,
  type PhBisulfate,
  type PhConstant,
  type PhCorrelation,
  type PhDependentParams,
  type PhExtractant,
  type PhMetal,
  phDependent,
  phDistributionRatio,
} from '../sx/equilibrium/phDependent.js';
// ── Feed units ───────────────────────────────────────────────────────────────
export { FEED_UNITS, type FeedUnit, molPerHour } from '../sx/flowUnits.js';
// ── Steady state: prepared cascades ──────────────────────────────────────────
export type { CascadeChanges, SpeciesValues } from '../sx/steady/cascadeChanges.js';
export { type PreparedCascade, type PreparedSolution, prepareCascade } from '../sx/steady/prepareCascade.js';
