/**
 * The built-in unit operations by kind, as flowsheets name them.
 */
import { ammoniumSulfateLeachUnit } from '../units/ammoniumSulfateLeach.js';
import { beneficiationUnit } from '../units/beneficiation.js';
import { calcinationUnit } from '../units/calcination.js';
import { calciothermicReductionUnit } from '../units/calciothermicReduction.js';
import { causticDigestionUnit } from '../units/causticDigestion.js';
import { electrolysisUnit } from '../units/electrolysis.js';
import { gradingUnit } from '../units/grading.js';
import { hclLeachUnit } from '../units/hclLeach.js';
import { lanthanothermicReductionUnit } from '../units/lanthanothermicReduction.js';
import { mineUnit } from '../units/mine.js';
import { precipitationUnit } from '../units/precipitation.js';
import { solventExtractionUnit } from '../units/solventExtraction.js';
import { splitterUnit } from '../units/splitter.js';
import { sulfuricAcidBakeUnit } from '../units/sulfuricAcidBake.js';
import type { UnitDefinition } from '../units/unit.js';
import { vacuumRefiningUnit } from '../units/vacuumRefining.js';

/** A unit definition of any parameter type. */
export type AnyUnitDefinition = UnitDefinition<never, string>;

const BUILTIN: readonly AnyUnitDefinition[] = [
  mineUnit,
  beneficiationUnit,
  sulfuricAcidBakeUnit,
  causticDigestionUnit,
  hclLeachUnit,
  ammoniumSulfateLeachUnit,
  precipitationUnit,
  calcinationUnit,
  electrolysisUnit,
  calciothermicReductionUnit,
  lanthanothermicReductionUnit,
  vacuumRefiningUnit,
  gradingUnit,
  splitterUnit,
  solventExtractionUnit,
];

/** Built-in unit definitions keyed by kind. */
export const builtinUnits: Readonly<Record<string, AnyUnitDefinition>> = Object.fromEntries(
  BUILTIN.map((u) => [u.kind, u]),
);

/**
 * The kinds of unit a flowsheet may use without registering its own.
 *
 * @example
 * ```ts
 * unitKinds().includes('electrolysis'); // true
 * ```
 */
export function unitKinds(): string[] {
  return Object.keys(builtinUnits).sort();
}
