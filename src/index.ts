/**
 * reesim: process simulation of the rare-earth supply chain, from ore to metal, every species balanced.
 *
 * This entry holds what answers the top-level questions: the six models (`simulateCascade`, `designCascade`,
 * `designSeparationTrain`, `simulateCascadeDynamics`, `simulateFlowsheet`, `simulateSupplyChain`) with the
 * 2024 baseline and its scenario builders, the studies that run them many times (`monteCarlo`, `sweep`,
 * `runBatches`), scenario files (`loadScenario`, `runScenario`), `ReesimError`, and the types these take and
 * return. The building blocks are in subpath entries, one per concern: `reesim/chemistry`,
 * `reesim/streams`, `reesim/units`, `reesim/sx`, `reesim/supply`, `reesim/study` and `reesim/report`.
 *
 * @module reesim
 */

// ── Errors ───────────────────────────────────────────────────────────────────
export { describeIssue, type ErrorCode, type Issue, ReesimError } from './core/errors.js';
export { createEngine, DEFAULT_GRACE_MS, type Engine, type EngineOptions } from './engine/engine.js';
// ── Running studies and scenarios (Node only: worker threads) ────────────────
export {
  DEFAULT_BATCH_SIZE,
  type MonteCarloResult,
  monteCarlo,
  type StudyOptions,
} from './engine/monteCarlo.js';
export { runBatches } from './engine/runBatches.js';
export { type RunScenarioOptions, runScenario } from './engine/runScenario.js';
export { mergeShards, SHARD_INDEX_VARIABLES, shardFromEnv } from './engine/shards.js';
export { type SweepResult, sweep } from './engine/sweep.js';
export type {
  Backend,
  BatchError,
  BatchOutcome,
  BatchPlan,
  BatchResult,
  Finish,
  RunBatchesOptions,
  Shard,
  Task,
  TaskContext,
} from './engine/types.js';
// ── Flowsheets ───────────────────────────────────────────────────────────────
export type { FlowsheetKpis, ProductKpis, RadioactiveFate } from './flowsheet/kpis.js';
export {
  type FlowsheetOptions,
  type FlowsheetResult,
  type RecycleResult,
  simulateFlowsheet,
} from './flowsheet/simulate.js';
export type { BlockSpec, FlowsheetSpec, RecycleSolver } from './flowsheet/spec.js';
export { type StreamTable, streamTable } from './flowsheet/streamTable.js';
// ── Scenario files ───────────────────────────────────────────────────────────
export { SCENARIO_KINDS, type ScenarioKind } from './scenario/kinds.js';
export {
  type LoadedScenario,
  loadScenario,
  type Scenario,
  type ScenarioHeader,
  type ScenarioStudyOptions,
  scenarioWarnings,
} from './scenario/load.js';
export type { ScenarioFormat } from './scenario/parse.js';
export { SCENARIO_FORMAT_VERSION, scenarioJsonSchema } from './scenario/schema.js';
// ── Study inputs and results ─────────────────────────────────────────────────
export type { Distribution } from './study/distributions.js';
export {
  type CascadeDynamicsScenario,
  MODEL_NAMES,
  type ModelName,
  type RunFailure,
  type RunTable,
  type SupplyChainRun,
} from './study/models.js';
export type { MonteCarloParameter, MonteCarloStudy, Threshold } from './study/monteCarlo.js';
export type { MonteCarloSummary, OutputSummary } from './study/summary.js';
export { gridPoints, listPoints, type SweepAxis, type SweepPoints, type SweepStudy } from './study/sweep.js';
// ── Supply chain ─────────────────────────────────────────────────────────────
export type { SupplyYear } from './supply/annual.js';
export { baseline2024 } from './supply/baseline/baseline2024.js';
export { type Developments2025Params, withDevelopments2025 } from './supply/scenarios/developments2025.js';
export { type DiversificationParams, withDiversification } from './supply/scenarios/diversification.js';
export { type LicensingParams, withExportLicensing2025 } from './supply/scenarios/exportControls2025.js';
export { type LynasHeavyParams, withLynasHeavyRareEarths } from './supply/scenarios/lynasHeavy.js';
export { type MpDomesticParams, withMpDomesticProcessing } from './supply/scenarios/mpDomestic.js';
export { type MyanmarDisruptionParams, withMyanmarDisruption } from './supply/scenarios/myanmarDisruption.js';
export { type PakistanUsParams, withPakistanUsDeal } from './supply/scenarios/pakistanUs.js';
export { type SerraVerdeParams, withSerraVerde } from './supply/scenarios/serraVerde.js';
export { type TurkeyBeylikovaParams, withTurkeyBeylikova } from './supply/scenarios/turkeyBeylikova.js';
export {
  type CountrySeries,
  type SupplyChainResult,
  type SupplyRunHooks,
  type SupplyRunOptions,
  simulateSupplyChain,
} from './supply/simulate.js';
export type { Demand, Facility, Policy, SupplyEvent, SupplyScenario, TradeLink } from './supply/types.js';
// ── Solvent extraction ───────────────────────────────────────────────────────
export type { CascadeDraw, CascadeSpec, CascadeStrip, Flows } from './sx/cascadeSpec.js';
export {
  type CascadeDesign,
  type DesignFlowUnits,
  type DesignHooks,
  type DesignRequest,
  designCascade,
} from './sx/design/designCascade.js';
export {
  designSeparationTrain,
  type SeparationTrain,
  type SeparationTrainRequest,
  type TrainCascade,
  type TrainHooks,
  type TrainProduct,
} from './sx/design/separationTrain.js';
export {
  type CascadeDynamicsOptions,
  type CascadeDynamicsResult,
  type CascadeEvent,
  type CascadeSample,
  type CascadeStartup,
  type DynamicsHooks,
  type OutletSpecs,
  type OutletTimes,
  type PhaseHoldup,
  type PurityTarget,
  simulateCascadeDynamics,
} from './sx/dynamics/dynamics.js';
export {
  type DistributionModel,
  distribution,
  type EquilibriumModel,
  type SeparationFactorModel,
  separationFactors,
} from './sx/equilibrium/equilibrium.js';
export { type ExtractantSystem, separationFactorModel } from './sx/equilibrium/extractants.js';
export type { PhDependentModel } from './sx/equilibrium/phDependent.js';
export {
  type CascadeOutlet,
  type CascadeResult,
  type CascadeStripResult,
  type StageProfile,
  simulateCascade,
} from './sx/steady/simulateCascade.js';
// ── Deprecated unit names (for one version; the units are in reesim/units) ──
export { beneficiate } from './units/beneficiation.js';
export { calcine } from './units/calcination.js';
export { electrowin } from './units/electrolysis.js';
export { grade } from './units/grading.js';
export { precipitate } from './units/precipitation.js';
export { extractCut } from './units/solventExtraction.js';
export { splitStream } from './units/splitter.js';
export { vacuumRefine } from './units/vacuumRefining.js';
