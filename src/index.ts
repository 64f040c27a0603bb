/**
 * reesim: process simulation of the rare-earth supply chain, from ore to metal, every species balanced.
 *
 * @packageDocumentation
 */

// ── Chemistry ────────────────────────────────────────────────────────────────
export {
  type PrecipitateCompound,
  type SaltFormula,
  saltFormula,
  saltMolarMass,
} from './chemistry/compounds.js';
export {
  ELEMENT_SYMBOLS,
  type ElementCategory,
  type ElementData,
  type ElementSymbol,
  elements,
  isElement,
  isRareEarth,
  type OxideFormula,
  RARE_EARTHS,
  type RareEarth,
} from './chemistry/elements.js';
export { ampereHoursPerKg, FARADAY, kgPerAmpereHour } from './chemistry/faraday.js';
export { type GroupConvention, type REGroup, reGroup, reGroupMembers } from './chemistry/groups.js';
export { metalFactor, OXYGEN_MASS, oxideFactor, oxideMassPerMole } from './chemistry/oxide.js';
export {
  EXEMPTION_BQ_PER_G,
  type ProductRadioactivity,
  parentActivity,
  productRadioactivity,
} from './chemistry/radioactivity.js';
export { REAGENT_MOLAR_MASS, type Reagent, reagentMass } from './chemistry/reagents.js';
export { isSpecies, SPECIES, SPECIES_COUNT, SPECIES_INDEX, type Species } from './chemistry/species.js';
// ── Errors and input checks ──────────────────────────────────────────────────
export { describeIssue, type ErrorCode, type Issue, ReesimError } from './core/errors.js';
// ── Built-in data and its provenance ─────────────────────────────────────────
export {
  DEPOSIT_IDS,
  DEPOSIT_TYPES,
  type Deposit,
  type DepositId,
  type DepositType,
  depositDistribution,
  deposits,
  getDeposit,
  type OreAssay,
  type ReoDistribution,
} from './data/deposits.js';
export {
  type Basis,
  type Confidence,
  type Provenance,
  type Sourced,
  type SourceKey,
  sources,
} from './data/provenance.js';
// ── Batch engine (Node only: worker threads) ─────────────────────────────────
export { createEngine, DEFAULT_GRACE_MS, type Engine, type EngineOptions } from './engine/engine.js';
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
export { type AnyUnitDefinition, builtinUnits, unitKinds } from './flowsheet/registry.js';
export {
  checkFlowsheet,
  type FlowsheetOptions,
  type FlowsheetResult,
  type RecycleResult,
  simulateFlowsheet,
} from './flowsheet/simulate.js';
export type { BlockSpec, FlowsheetSpec, RecycleSolver } from './flowsheet/spec.js';
export { type StreamTable, streamTable } from './flowsheet/streamTable.js';
// ── Reports and charts ───────────────────────────────────────────────────────
export {
  type CascadeProfileData,
  type CascadeProfileOptions,
  cascadeProfileChart,
  cascadePurityChart,
} from './report/charts/cascade.js';
export {
  type StartupTransientOptions,
  startupImpurityChart,
  startupTransientChart,
} from './report/charts/dynamics.js';
export {
  type McCabeThieleData,
  type McCabeThieleOptions,
  mccabeThieleChart,
} from './report/charts/mccabeThiele.js';
export { recoveryChart } from './report/charts/recovery.js';
export { type ChartSpec, type NamedChart, VEGA_LITE_SCHEMA } from './report/charts/spec.js';
export { histogramChart, type StudyChartOptions, sweepChart, tornadoChart } from './report/charts/study.js';
export {
  type SupplyChartOptions,
  separatedShareChart,
  supplyProductionChart,
} from './report/charts/supply.js';
export { trainStagesChart } from './report/charts/train.js';
export { chartsFor, MAX_CHARTED_OUTPUTS } from './report/charts.js';
export { toCsv } from './report/csv.js';
export { formatValue } from './report/kinds/common.js';
export { MAX_MARKDOWN_ROWS, type MarkdownReportArgs, markdownReport } from './report/markdown.js';
export {
  type Evidence,
  type Kpi,
  type ReportTable,
  type ScenarioReport,
  scenarioReport,
  summaryText,
} from './report/scenarioReport.js';
export { type RenderSvgOptions, renderSvg } from './report/svg.js';
export { formatNumber, formatPercent, textTable } from './report/text.js';
// ── Scenario files ───────────────────────────────────────────────────────────
export { SCENARIO_KINDS, type ScenarioKind } from './scenario/kinds.js';
export {
  atFile,
  filePath,
  type LoadedScenario,
  loadScenario,
  MAX_LISTED_ISSUES,
  resolveModelInput,
  type Scenario,
  type ScenarioHeader,
  type ScenarioStudyOptions,
  scenarioWarnings,
} from './scenario/load.js';
export {
  MAX_DEPTH,
  MAX_SCENARIO_CHARS,
  MAX_VALUES,
  type ParsedText,
  parseScenarioText,
  type ScenarioFormat,
} from './scenario/parse.js';
export { SCENARIO_FORMAT_VERSION, scenarioJsonSchema } from './scenario/schema.js';
// ── Streams ──────────────────────────────────────────────────────────────────
export { type Balance, balance, sumAmounts } from './stream/balance.js';
export { type PurityBasis, purity, reoDistribution, total, tre, treo } from './stream/composition.js';
export { mix } from './stream/mix.js';
export { fromOxides, type OxideComposition, toOxides } from './stream/oxides.js';
export { scale } from './stream/scale.js';
export { type PartitionOptions, partition, split } from './stream/split.js';
export {
  amount,
  type Composition,
  type Compound,
  composition,
  emptyStream,
  makeStream,
  STREAM_FORMS,
  type Stream,
  type StreamForm,
  type StreamOptions,
  streamFromVector,
} from './stream/stream.js';
// ── Studies ──────────────────────────────────────────────────────────────────
export {
  checkDistribution,
  DISTRIBUTION_KINDS,
  type DiscreteDistribution,
  type Distribution,
  draw,
  type LognormalDistribution,
  type NormalDistribution,
  type PertDistribution,
  sample,
  type TriangularDistribution,
  type UniformDistribution,
} from './study/distributions.js';
export {
  evaluateLine,
  type LineAssumptions,
  type LineMetrics,
  type LineStartup,
  type LineStartupRun,
  type ProductStartup,
} from './study/lineMetrics.js';
export {
  ASYNC_MODELS,
  type CascadeDynamicsScenario,
  concatRuns,
  evaluatePoint,
  evaluatePointAsync,
  MODEL_NAMES,
  type ModelName,
  models,
  type PointOutcome,
  type RunFailure,
  type RunTable,
  type SupplyChainRun,
} from './study/models.js';
export {
  checkMonteCarloStudy,
  MAX_RUNS,
  type MonteCarloBatchInput,
  type MonteCarloParameter,
  type MonteCarloStudy,
  monteCarloBatch,
  monteCarloBatchAsync,
  monteCarloBatches,
  type Threshold,
} from './study/monteCarlo.js';
export {
  type BaseLine,
  type BaseLineRequest,
  baseLine,
  betterExtractantTrain,
  designBaseLine,
  fixedOrganicTrain,
  type LineOption,
  type LineVariant,
  largerTrain,
  organicCeiling,
  parallelTrains,
  splitTrains,
  withStageMargin,
} from './study/parallelTrains.js';
export {
  checkNumericPath,
  checkPathList,
  getNumber,
  getPath,
  type PathSegment,
  parsePath,
  setPath,
  setPaths,
} from './study/paths.js';
export {
  drawPurity,
  type PurityDraw,
  type PurityRisk,
  type PurityUncertainty,
  purityRisk,
  wilsonInterval,
} from './study/purityRisk.js';
export {
  type MonteCarloSummary,
  type OutputSummary,
  type Proportion,
  proportion,
  summarise,
  type TornadoBar,
  tQuantile975,
  Z_975,
} from './study/summary.js';
export {
  checkSweepStudy,
  gridPoints,
  listPoints,
  MAX_POINTS,
  type SweepAxis,
  type SweepBatchInput,
  type SweepPoints,
  type SweepStudy,
  sweepBatch,
  sweepBatchAsync,
  sweepBatches,
} from './study/sweep.js';
// ── Supply chain ─────────────────────────────────────────────────────────────
export {
  type InventoryBreakdown,
  type MonthlySeries,
  type SupplyYear,
  summariseYears,
} from './supply/annual.js';
export { baseline2024 } from './supply/baseline/baseline2024.js';
export { COUNTRIES, type CountryCode } from './supply/baseline/countries.js';
export {
  MAGNET_DEMAND_2024,
  MAGNET_DEMAND_SHARES,
  MAGNET_ELEMENT_SHARES,
  MAGNET_REE_DEMAND_2023,
  MAGNET_REE_DEMAND_2024,
  MAGNET_REE_DEMAND_2030,
  MAGNET_REE_GROWTH,
} from './supply/baseline/demand.js';
export { LINKS_2024 } from './supply/baseline/links.js';
export { CHINA_H1_2024_MINING_QUOTA, MINES_2024, USGS_MINE_2024 } from './supply/baseline/mines.js';
export {
  CHINA_2024_SEPARATION_QUOTA,
  CHINA_H1_2024_SEPARATION_QUOTA,
  CHINA_NDPR_DOCUMENTED_2024,
  CHINA_NDPR_OXIDE_2024,
  CHINA_UNDOCUMENTED_ORE_2024,
  CRACKING_2024,
  CRACKING_RECOVERY,
  LYNAS_NDPR_2024,
  MAGNET_2024,
  MAGNET_RECOVERY,
  METAL_2024,
  METAL_RECOVERY,
  MOUNT_WELD_BEYOND_USGS,
  MOUNT_WELD_BEYOND_USGS_2024,
  MP_CONCENTRATE_TO_CHINA,
  PLANTS_2024,
  SEPARATION_2024,
  SEPARATION_RECOVERY,
  UNDOCUMENTED_2024,
} from './supply/baseline/plants.js';
export { CHINA_RECYCLED_2024, RECYCLING_2024 } from './supply/baseline/recycling.js';
export { type SeparationFromTrainOptions, separationFromTrain } from './supply/fromProcess.js';
export {
  type LinearProgram,
  type LpConstraint,
  type LpSolution,
  type LpSolver,
  type LpVariable,
  loadLpSolver,
} from './supply/lp.js';
export {
  DEVELOPMENTS_2025_DEFAULTS,
  type Developments2025Params,
  withDevelopments2025,
} from './supply/scenarios/developments2025.js';
export { type DiversificationParams, withDiversification } from './supply/scenarios/diversification.js';
export { type LicensingParams, withExportLicensing2025 } from './supply/scenarios/exportControls2025.js';
export {
  LYNAS_HEAVY_DEFAULTS,
  type LynasHeavyParams,
  withLynasHeavyRareEarths,
} from './supply/scenarios/lynasHeavy.js';
export {
  MP_DOMESTIC_DEFAULTS,
  type MpDomesticParams,
  withMpDomesticProcessing,
} from './supply/scenarios/mpDomestic.js';
export {
  MYANMAR_DISRUPTION_DEFAULTS,
  type MyanmarDisruptionParams,
  withMyanmarDisruption,
} from './supply/scenarios/myanmarDisruption.js';
export {
  PAKISTAN_US_DEFAULTS,
  type PakistanUsParams,
  withPakistanUsDeal,
} from './supply/scenarios/pakistanUs.js';
export {
  SERRA_VERDE_DEFAULTS,
  type SerraVerdeParams,
  withSerraVerde,
} from './supply/scenarios/serraVerde.js';
export {
  TURKEY_BEYLIKOVA_DEFAULTS,
  type TurkeyBeylikovaParams,
  withTurkeyBeylikova,
} from './supply/scenarios/turkeyBeylikova.js';
export {
  type CountrySeries,
  type SupplyChainResult,
  type SupplyRunOptions,
  simulateSupplyChain,
  WARM_UP_MONTHS,
} from './supply/simulate.js';
export type {
  ApprovalStep,
  Demand,
  Facility,
  FacilityKind,
  Month,
  Policy,
  SourcedValue,
  Stage,
  SupplyEvent,
  SupplyScenario,
  TradeLink,
} from './supply/types.js';
export { type SupplyWarning, type SupplyWarningCode, supplyWarnings } from './supply/warnings.js';
// ── Solvent extraction ───────────────────────────────────────────────────────
export {
  type CascadeDraw,
  type CascadeSpec,
  type CascadeStrip,
  DEFAULT_STRIP_DISTRIBUTION,
  type Flows,
  MAX_DRAWS,
  MAX_ITERATIONS,
  MAX_SPECIES,
  MAX_STAGES,
} from './sx/cascadeSpec.js';
export {
  checkSeparationFactor,
  fenskeStages,
  type KremserRaffinateParams,
  kremserRaffinate,
  kremserStages,
  kremserUnextracted,
  MAX_SEPARATION_FACTOR,
  type MurphreePhase,
  overallEfficiency,
} from './sx/design/closedForms.js';
export {
  type CascadeDesign,
  checkDesignRequest,
  type DesignHooks,
  type DesignRequest,
  designCascade,
} from './sx/design/designCascade.js';
export type { KeyPair } from './sx/design/keyPair.js';
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
} from './sx/design/mccabeThiele.js';
export {
  checkSeparationTrainRequest,
  designSeparationTrain,
  type SeparationTrain,
  type SeparationTrainRequest,
  type ThreeOutletReason,
  type ThreeOutletTrainCascade,
  type ThreeProducts,
  type TrainCascade,
  type TrainCascadeBase,
  type TrainHooks,
  type TrainOutput,
  type TrainProduct,
  type TrainProgress,
  type TrainThreeOutletCandidate,
  type TwoOutletTrainCascade,
} from './sx/design/separationTrain.js';
export {
  designThreeOutletCascade,
  type ThreeOutletDesign,
  type ThreeOutletGroups,
  type ThreeOutletRequest,
  type ThreeOutletRow,
  type ThreeOutletTargets,
} from './sx/design/threeOutlet.js';
export {
  compareThreeOutlet,
  type PairCascade,
  type PlanSize,
  type ThreeOutletComparison,
  type ThreeOutletComparisonRequest,
} from './sx/design/threeOutletCompare.js';
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
} from './sx/design/xu.js';
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
export { SPLIT_MAX_ITERATIONS } from './sx/dynamics/mixerSplit.js';
export {
  DEFAULT_LOADING,
  type DistributionModel,
  distribution,
  type EquilibriumModel,
  type SeparationFactorModel,
  separationFactors,
} from './sx/equilibrium/equilibrium.js';
export {
  type AdjacentPair,
  type ChainElement,
  type ExtractantData,
  type ExtractantSystem,
  extractants,
  relativeExtractability,
  type SeparationFactorOverrides,
  separationFactorModel,
} from './sx/equilibrium/extractants.js';
export {
  checkPhDependent,
  DEFAULT_PROTONS,
  type PhBisulfate,
  type PhConstant,
  type PhCorrelation,
  type PhDependentModel,
  type PhDependentParams,
  type PhExtractant,
  type PhMetal,
  phDependent,
  phDistributionRatio,
} from './sx/equilibrium/phDependent.js';
export type { CascadeChanges, SpeciesValues } from './sx/steady/cascadeChanges.js';
export {
  type PreparedCascade,
  type PreparedSolution,
  prepareCascade,
} from './sx/steady/prepareCascade.js';
export {
  type CascadeOutlet,
  type CascadeResult,
  type CascadeStripResult,
  type StageProfile,
  simulateCascade,
} from './sx/steady/simulateCascade.js';
// ── Unit operations ──────────────────────────────────────────────────────────
export {
  type AmmoniumSulfateLeachParams,
  ammoniumSulfateLeach,
  ammoniumSulfateLeachDefaults,
  ammoniumSulfateLeachUnit,
} from './units/ammoniumSulfateLeach.js';
export {
  type BeneficiationMethod,
  type BeneficiationParams,
  beneficiate,
  beneficiation,
  beneficiationDefaults,
  beneficiationPresets,
  beneficiationUnit,
  type MethodDefaults,
} from './units/beneficiation.js';
export {
  type CalcinationParams,
  calcination,
  calcinationDefaults,
  calcinationUnit,
  calcine,
} from './units/calcination.js';
export {
  type CalciothermicParams,
  calciothermicDefaults,
  calciothermicExcluded,
  calciothermicReduction,
  calciothermicReductionUnit,
  calciothermicSpeciesDefaults,
} from './units/calciothermicReduction.js';
export {
  type CausticDigestionOutlet,
  type CausticDigestionParams,
  causticDigestion,
  causticDigestionDefaults,
  causticDigestionUnit,
} from './units/causticDigestion.js';
export {
  type ElectrolysisParams,
  electrolysis,
  electrolysisDefaults,
  electrolysisNonDepositing,
  electrolysisSpeciesDefaults,
  electrolysisUnit,
  electrolysisValence,
  electrowin,
} from './units/electrolysis.js';
export {
  type GradeAssessment,
  type GradeSpec,
  type GradeThreshold,
  grade,
  gradeOf,
  gradeProduct,
  grading,
  gradingUnit,
  MAX_NINES,
  PURITY_GRADES,
  type PurityGrade,
} from './units/grading.js';
export {
  type HclCaseDefaults,
  type HclLeachMode,
  type HclLeachParams,
  hclLeach,
  hclLeachDefaults,
  hclLeachPresets,
  hclLeachUnit,
} from './units/hclLeach.js';
export {
  type LanthanothermicParams,
  lanthanothermicDefaults,
  lanthanothermicReduction,
  lanthanothermicReductionUnit,
  lanthanothermicVolatile,
} from './units/lanthanothermicReduction.js';
export type { LeachParams } from './units/leachCommon.js';
export {
  type GradeVariability,
  type MineParams,
  mine,
  mineDefaults,
  mineUnit,
} from './units/mine.js';
export {
  type PrecipitationDefaults,
  type PrecipitationParams,
  type PrecipitationReagent,
  precipitate,
  precipitation,
  precipitationDefaults,
  precipitationUnit,
} from './units/precipitation.js';
export {
  extractCut,
  type SolventExtractionParams,
  solventExtraction,
  solventExtractionUnit,
} from './units/solventExtraction.js';
export { type SplitterParams, splitStream, splitter, splitterUnit } from './units/splitter.js';
export {
  type BakeTemperature,
  type BakeTemperatureDefaults,
  type SulfuricAcidBakeParams,
  sulfuricAcidBake,
  sulfuricAcidBakeDefaults,
  sulfuricAcidBakeUnit,
} from './units/sulfuricAcidBake.js';
export {
  type SpeciesFractions,
  UNIT_BALANCE_TOLERANCE,
  type UnitDefinition,
  type UnitReport,
  type UnitResult,
} from './units/unit.js';
export {
  type RefiningMethod,
  type RefiningRoute,
  type VacuumRefiningParams,
  vacuumRefine,
  vacuumRefining,
  vacuumRefiningDefaults,
  vacuumRefiningRoutes,
  vacuumRefiningUnit,
} from './units/vacuumRefining.js';
