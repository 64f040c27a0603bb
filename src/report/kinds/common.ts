/**
 * Shared pieces of the scenario reports: the report types, number formatting for Markdown and the console,
 * safe ratios, and the stage-profile and outlet tables that cascades, designs and dynamics have in common.
 */
import { fail } from '../../core/errors.js';
import { isRecord } from '../../core/validate.js';
import type { ScenarioKind } from '../../scenario/kinds.js';
import type { CascadeOutlet, StageProfile } from '../../sx/steady/simulateCascade.js';

/**
 * A table of a report: the rows of one CSV file and one Markdown table. Every number is finite; columns
 * carry their units, e.g. `'Nd (kg/h)'`.
 */
export interface ReportTable {
  /** File stem of its CSV file, kebab-case, e.g. `stream-table`. */
  readonly name: string;
  /** Heading, e.g. `'Stream table (kg/h, element basis)'`. */
  readonly title: string;
  /** Column names with units. */
  readonly columns: readonly string[];
  /** One cell per column in each row. */
  readonly rows: readonly (readonly (string | number)[])[];
}

/** A key figure of a run: a label, a finite number or a word, and the number's unit. */
export interface Kpi {
  readonly label: string;
  readonly value: number | string;
  /** Unit of `value`, e.g. `'%'`, `'kg/h'`; absent for words and dimensionless counts. */
  readonly unit?: string;
}

/**
 * What a run's result says about its own reliability, read from its own fields.
 *
 * `converged`: every numerical solve the run made converged (recycles, cascade Newton solves, LPs
 * optimal; for studies: no run failed with NOT_CONVERGED: runs whose inputs the model rejected made no
 * solve, and the notes count them). It does not say whether targets were met: the notes do.
 * `scope` says what `converged` covers for the kind (for a dynamic run: the steady-state solve of the final
 * operating point, not whether the run settled; the first note says that).
 * `balanceResidual`: the result's largest relative species-balance error; 0 where the result has none
 * recorded, in which case `balanceRecorded` is false, the reports print "not recorded" and the notes say why.
 */
export interface Evidence {
  readonly converged: boolean;
  /** What `converged` covers, in words (e.g. `'the recycle loops'`); reports print it beside the flag. */
  readonly scope?: string;
  readonly balanceResidual: number;
  /** False when the result records no balance residual (`balanceResidual` is then 0); default true. */
  readonly balanceRecorded?: boolean;
  /** Iterations, steps or solves, when the result counts them. */
  readonly iterations?: number;
  /**
   * For studies: how many runs (or sweep points) succeeded and failed, and how many of the failures did not
   * converge; reports then say these counts (`Runs converged: 198 of 200 succeeded, 2 failed (none failed
   * to converge)`) in place of `Converged (scope): yes`, which reads as if every run had.
   */
  readonly runs?: {
    /** What a run is called: `runs` (Monte Carlo) or `points` (sweep). */
    readonly noun: string;
    readonly succeeded: number;
    readonly failed: number;
    /** Failures with the code NOT_CONVERGED (the rest were rejected for their inputs and made no solve). */
    readonly notConverged: number;
  };
  /** Failed runs, unconverged parts, LP statuses, targets met or missed, in words. */
  readonly notes: readonly string[];
  /**
   * Parts of the input that can do nothing (a facility no route feeds, a demand nothing reaches, a policy
   * that touches no route), each `path: what and why`; reports list every one ahead of the notes.
   */
  readonly warnings?: readonly string[];
}

/** A study's counts in words: `198 of 200 succeeded, 2 failed (none failed to converge)`. */
export function runCountsText(r: NonNullable<Evidence['runs']>): string {
  const failed =
    r.failed === 0
      ? 'none failed'
      : `${r.failed} failed (${r.notConverged === 0 ? 'none' : r.notConverged} failed to converge)`;
  return `${r.succeeded} of ${r.succeeded + r.failed} succeeded, ${failed}`;
}

/** The report of one scenario run: key figures, tables and evidence (see `scenarioReport`). */
export interface ScenarioReport {
  readonly kind: ScenarioKind;
  readonly kpis: readonly Kpi[];
  readonly tables: readonly ReportTable[];
  readonly evidence: Evidence;
}

/** The parts of a report a kind's builder returns (the dispatcher adds the kind). */
export type ReportParts = Omit<ScenarioReport, 'kind'>;

/** a / b, or 0 when b is not positive (an empty stream has no purity and no recovery). */
export function share(a: number, b: number): number {
  return b > 0 ? a / b : 0;
}

/** A fraction as a percentage number (for cells and KPIs whose unit is `%`). */
export function percent(x: number): number {
  return 100 * x;
}

/** Sum of the values of a record or an array. */
export function sum(values: Readonly<Record<string, number>> | readonly number[]): number {
  let s = 0;
  for (const x of Array.isArray(values) ? values : Object.values(values)) s += x as number;
  return s;
}

/** 'yes' or 'no'. */
export function yesNo(b: boolean): string {
  return b ? 'yes' : 'no';
}

/** A KPI, leaving out an undefined unit. */
export function kpi(label: string, value: number | string, unit?: string): Kpi {
  return unit === undefined ? { label, value } : { label, value, unit };
}

/** Checks that `result` is an object holding every one of `fields` (a wrong result for the kind fails here). */
export function expectFields(kind: string, result: unknown, fields: readonly string[]): void {
  if (!isRecord(result)) fail('INVALID_TYPE', 'result', result, `the result of a ${kind} run (an object)`);
  for (const f of fields) {
    if (!(f in result)) fail('MISSING', `result.${f}`, undefined, `a field of a ${kind} result`);
  }
}

/** A value of a plain object by key, or undefined (for reading optional parts of a scenario input). */
export function field(value: unknown, key: string): unknown {
  return isRecord(value) && Object.hasOwn(value, key) ? value[key] : undefined;
}

/** The strings of a list, or [] when it is not a list. */
export function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((x): x is string => typeof x === 'string') : [];
}

/** The balance residual as reports print it: the number, or "not recorded" when the result has none. */
export function balanceText(e: Evidence): string {
  return e.balanceRecorded === false ? 'not recorded' : formatValue(e.balanceResidual);
}

/**
 * Formats a cell or KPI value for Markdown and the console: integers as they are; 6 significant digits
 * otherwise, with more where 6 would round a non-integer to an integer (99.99999 % must not read 100 %);
 * exponent form below 1e-4 and from 1e12.
 *
 * @example
 * ```ts
 * formatValue(12.3456789); // '12.3457'
 * formatValue(99.9999876); // '99.99999'
 * formatValue(2.5e-7); // '2.5e-7'
 * formatValue('Nd'); // 'Nd'
 * ```
 */
export function formatValue(x: number | string): string {
  if (typeof x === 'string') return x;
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (Number.isInteger(x) && a < 1e15) return String(x);
  if (a < 1e-4 || a >= 1e12) return trimMantissa(x.toExponential(4));
  if (a >= 1e5) return x.toFixed(1);
  let text = x.toPrecision(6);
  for (let p = 7; p <= 12 && Number.isInteger(Number(text)); p++) text = x.toPrecision(p);
  return trimZeros(text);
}

function trimZeros(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

function trimMantissa(text: string): string {
  const [m = '', e = ''] = text.split('e');
  return `${trimZeros(m)}e${e.replace(/^\+/, '')}`;
}

/**
 * Throws NOT_FINITE naming the first NaN or ±Infinity in a report (a result that broke its promise of
 * finite numbers must not turn into a report that looks sound).
 */
export function assertFinite(report: ReportParts): void {
  report.kpis.forEach((k, i) => {
    if (typeof k.value === 'number' && !Number.isFinite(k.value))
      fail('NOT_FINITE', `report.kpis[${i}] (${k.label})`, k.value, 'a finite number');
  });
  for (const t of report.tables) {
    t.rows.forEach((row, r) => {
      row.forEach((cell, c) => {
        if (typeof cell === 'number' && !Number.isFinite(cell))
          fail('NOT_FINITE', `report.tables.${t.name}.rows[${r}][${c}]`, cell, 'a finite number');
      });
    });
  }
  if (!Number.isFinite(report.evidence.balanceResidual))
    fail('NOT_FINITE', 'report.evidence.balanceResidual', report.evidence.balanceResidual, 'a finite number');
  if (report.evidence.iterations !== undefined && !Number.isFinite(report.evidence.iterations))
    fail('NOT_FINITE', 'report.evidence.iterations', report.evidence.iterations, 'a finite number');
}

/**
 * Stage profile of a cascade: per stage (1 = raffinate end) its section and the amount of each species
 * leaving it in each phase.
 */
export function profileTable(
  name: string,
  title: string,
  species: readonly string[],
  profile: readonly StageProfile[],
  unit: string,
): ReportTable {
  return {
    name,
    title,
    columns: [
      'Stage',
      'Section',
      ...species.map((s) => `${s} aqueous (${unit})`),
      ...species.map((s) => `${s} organic (${unit})`),
    ],
    rows: profile.map((p) => [
      p.stage,
      p.section,
      ...species.map((s) => p.aqueous[s] ?? 0),
      ...species.map((s) => p.organic[s] ?? 0),
    ]),
  };
}

/** Outlets of a cascade: per outlet its volume flow, each species' amount and share, and the total. */
export function outletsTable(
  name: string,
  title: string,
  species: readonly string[],
  outlets: readonly (readonly [string, CascadeOutlet])[],
  unit: string,
  volumeUnit: string,
): ReportTable {
  return {
    name,
    title,
    columns: [
      'Outlet',
      `Volume (${volumeUnit})`,
      ...species.map((s) => `${s} (${unit})`),
      `Total (${unit})`,
      ...species.map((s) => `${s} purity (%)`),
    ],
    rows: outlets.map(([label, o]) => [
      label,
      o.volume,
      ...species.map((s) => o.flows[s] ?? 0),
      sum(o.flows),
      ...species.map((s) => percent(o.purity[s] ?? 0)),
    ]),
  };
}
