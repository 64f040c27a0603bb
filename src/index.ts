/**
 * reesim: process simulation of the rare-earth supply chain, from ore to metal, every species balanced.
 *
 * @packageDocumentation
 */

// ── Chemistry ─────────────────────────────────────────────────────────────────
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
export { type GroupConvention, type REGroup, reGroup, reGroupMembers } from './chemistry/groups.js';
export { metalFactor, OXYGEN_MASS, oxideFactor, oxideMassPerMole } from './chemistry/oxide.js';
export { REAGENT_MOLAR_MASS, type Reagent, reagentMass } from './chemistry/reagents.js';
export { isSpecies, SPECIES, SPECIES_COUNT, SPECIES_INDEX, type Species } from './chemistry/species.js';
// ── Errors ────────────────────────────────────────────────────────────────────
export { describeIssue, type ErrorCode, type Issue, ReesimError } from './core/errors.js';
// ── Provenance of built-in data ───────────────────────────────────────────────
export {
  type Basis,
  type Confidence,
  type Provenance,
  type Sourced,
  type SourceKey,
  sources,
} from './data/provenance.js';
// ── Flowsheets ────────────────────────────────────────────────────────────────
export type { FlowsheetKpis, ProductKpis, RadioactiveFate } from './flowsheet/kpis.js';
export { type AnyUnitDefinition, builtinUnits, unitKinds } from './flowsheet/registry.js';
export {
  type FlowsheetOptions,
  type FlowsheetResult,
  type RecycleResult,
  simulateFlowsheet,
} from './flowsheet/simulate.js';
export type { BlockSpec, FlowsheetSpec, RecycleSolver } from './flowsheet/spec.js';
// ── Streams ───────────────────────────────────────────────────────────────────
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
export {
  type BeneficiationMethod,
  type BeneficiationParams,
  beneficiate,
  beneficiationDefaults,
  beneficiationPresets,
  beneficiationUnit,
  type MethodDefaults,
} from './units/beneficiation.js';
export { type SplitterParams, splitStream, splitterUnit } from './units/splitter.js';
// ── Unit operations ───────────────────────────────────────────────────────────
export {
  type SpeciesFractions,
  UNIT_BALANCE_TOLERANCE,
  type UnitDefinition,
  type UnitReport,
  type UnitResult,
} from './units/unit.js';
