/**
 * `reesim/units`: the unit operations, each a pure function `(inlets, params) => { outlets, report }`
 * with its parameter types, defaults and presets, and the registry of unit definitions that flowsheets
 * (`simulateFlowsheet` in `reesim`) run.
 *
 * @module reesim/units
 */

// ── The flowsheet's unit registry ────────────────────────────────────────────
export { type AnyUnitDefinition, builtinUnits, unitKinds } from '../flowsheet/registry.js';
// ── Unit operations ──────────────────────────────────────────────────────────
export {
  type AmmoniumSulfateLeachParams,
  ammoniumSulfateLeach,
  ammoniumSulfateLeachDefaults,
  ammoniumSulfateLeachUnit,
} from '../units/ammoniumSulfateLeach.js';
export {
  type BeneficiationMethod,
  type BeneficiationParams,
  beneficiation,
  beneficiationDefaults,
  beneficiationPresets,
  beneficiationUnit,
  type MethodDefaults,
} from '../units/beneficiation.js';
export {
  type CalcinationParams,
  calcination,
  calcinationDefaults,
  calcinationUnit,
} from '../units/calcination.js';
export {
  type CalciothermicParams,
  calciothermicDefaults,
  calciothermicExcluded,
  calciothermicReduction,
  calciothermicReductionUnit,
  calciothermicSpeciesDefaults,
} from '../units/calciothermicReduction.js';
export {
  type CausticDigestionOutlet,
  type CausticDigestionParams,
  causticDigestion,
  causticDigestionDefaults,
  causticDigestionUnit,
} from '../units/causticDigestion.js';
export {
  type ElectrolysisParams,
  electrolysis,
  electrolysisDefaults,
  electrolysisNonDepositing,
  electrolysisSpeciesDefaults,
  electrolysisUnit,
  electrolysisValence,
} from '../units/electrolysis.js';
export {
  type GradeAssessment,
  type GradeSpec,
  type GradeThreshold,
  gradeOf,
  gradeProduct,
  grading,
  gradingUnit,
  MAX_NINES,
  PURITY_GRADES,
  type PurityGrade,
} from '../units/grading.js';
export {
  type HclCaseDefaults,
  type HclLeachMode,
  type HclLeachParams,
  hclLeach,
  hclLeachDefaults,
  hclLeachPresets,
  hclLeachUnit,
} from '../units/hclLeach.js';
export {
  type LanthanothermicParams,
  lanthanothermicDefaults,
  lanthanothermicReduction,
  lanthanothermicReductionUnit,
  lanthanothermicVolatile,
} from '../units/lanthanothermicReduction.js';
export type { LeachParams } from '../units/leachCommon.js';
export { type GradeVariability, type MineParams, mine, mineDefaults, mineUnit } from '../units/mine.js';
export {
  type PrecipitationDefaults,
  type PrecipitationParams,
  type PrecipitationReagent,
  precipitation,
  precipitationDefaults,
  precipitationUnit,
} from '../units/precipitation.js';
export {
  type SolventExtractionParams,
  solventExtraction,
  solventExtractionUnit,
} from '../units/solventExtraction.js';
export { type SplitterParams, splitter, splitterUnit } from '../units/splitter.js';
export {
  type BakeTemperature,
  type BakeTemperatureDefaults,
  type SulfuricAcidBakeParams,
  sulfuricAcidBake,
  sulfuricAcidBakeDefaults,
  sulfuricAcidBakeUnit,
} from '../units/sulfuricAcidBake.js';
export {
  type SpeciesFractions,
  UNIT_BALANCE_TOLERANCE,
  type UnitDefinition,
  type UnitReport,
  type UnitResult,
} from '../units/unit.js';
export {
  type RefiningMethod,
  type RefiningRoute,
  type VacuumRefiningParams,
  vacuumRefining,
  vacuumRefiningDefaults,
  vacuumRefiningRoutes,
  vacuumRefiningUnit,
} from '../units/vacuumRefining.js';
