/**
 * The built-in unit operations by kind, as flowsheets name them.
 */
import { beneficiationUnit } from '../units/beneficiation.js';
import { splitterUnit } from '../units/splitter.js';
import type { UnitDefinition } from '../units/unit.js';

/** A unit definition of any parameter type. */
export type AnyUnitDefinition = UnitDefinition<never, string>;

const BUILTIN: readonly AnyUnitDefinition[] = [beneficiationUnit, splitterUnit];

/** Built-in unit definitions keyed by kind. */
export const builtinUnits: Readonly<Record<string, AnyUnitDefinition>> = Object.fromEntries(
  BUILTIN.map((u) => [u.kind, u]),
);

/** The kinds of unit a flowsheet may use without registering its own. */
export function unitKinds(): string[] {
  return Object.keys(builtinUnits).sort();
}
