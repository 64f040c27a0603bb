/**
 * The report of a scenario run, the same for every kind of scenario: key figures (KPIs), tables (each one
 * CSV file and one Markdown table) and the evidence the result carries about itself. The content of each
 * kind is what a process engineer reads first: see {@link scenarioReport}. Pure (no Node APIs).
 */
import { fail } from '../core/errors.js';
import { SCENARIO_KINDS, type ScenarioKind } from '../scenario/kinds.js';
import { cascadeReport, designReport } from './kinds/cascade.js';
import {
  assertFinite,
  balanceText,
  formatValue,
  type ReportParts,
  runCountsText,
  type ScenarioReport,
} from './kinds/common.js';
import { dynamicsReport } from './kinds/dynamics.js';
import { flowsheetReport } from './kinds/flowsheet.js';
import { parallelLinesReport } from './kinds/parallelLines.js';
import { monteCarloReport, sweepReport } from './kinds/study.js';
import { supplyChainReport } from './kinds/supplyChain.js';
import { trainReport } from './kinds/train.js';

export type { Evidence, Kpi, ReportTable, ScenarioReport } from './kinds/common.js';

const BUILDERS: Readonly<Record<ScenarioKind, (input: unknown, result: unknown) => ReportParts>> = {
  flowsheet: flowsheetReport,
  cascade: cascadeReport,
  design: designReport,
  train: trainReport,
  'cascade-dynamics': dynamicsReport,
  'supply-chain': supplyChainReport,
  'parallel-lines': parallelLinesReport,
  'monte-carlo': monteCarloReport,
  sweep: sweepReport,
};

/**
 * Builds the report of one scenario run from the scenario (`input`, as the model received it) and the
 * model's result.
 *
 * - `flowsheet`: KPIs per product (dry flow, grade, TREO recovery, principal element's purity and
 *   recovery), reagents (kg/h), energy (kW), Th and U to residues, recycle convergence; tables: the stream
 *   table (every stream, and every reagent stream a unit adds, kg/h per species, with its role: feed,
 *   added, product, residue, exit, internal; feeds + added = the exits), products, recoveries, reagents,
 *   blocks, recycles.
 * - `cascade`: stages, each species' product and raffinate purity and share to the product; tables: stage
 *   profile, outlets.
 * - `design`: Xu's flows, stage counts (verified, McCabe–Thiele, Xu's formulas, Fenske), flows, reagents,
 *   the verifying simulation's purities and recoveries against the targets; tables: design summary, stage
 *   profile and outlets of the verifying simulation.
 * - `train`: one row per cut, products, feed of each cut; reagents in kg/h.
 * - `cascade-dynamics`: per outlet (net organic product, raffinate, each side draw) the time to reach its
 *   spec purity and hold it to the end of the run, and the time until its impurity stays within
 *   ±`impurityWithin` of its steady impurity; the time until every outlet's flows are within the flow band
 *   (±`tolerance` × each outlet's steady total: a band on flows, not on purity); final and steady outlet
 *   purities; tables: start-up times, transient (outlets and hold-up per sample), final profile,
 *   inventory (at time 0 and at the end, in and out), steady outlets. Times are in the flows' time unit.
 *   An outlet carrying less than 1e-9 of the feed has no purity: its cells are empty and its KPI says
 *   `undefined (no flow)`. The first note says whether and when the outlet flows entered the band
 *   (`converged` covers only the steady-state solve of the final operating point); the next ones whether
 *   each spec was met.
 * - `supply-chain`: per year separated share by country and shortfall by element; tables: production,
 *   separated share, trade and demand by year, world production and shortfalls by month.
 * - `parallel-lines`: the base train, the organic ceiling of way (d), the lines meeting both targets and
 *   the cheapest in capital and in solvent at k× output; tables: one row per line (trains, stages, output,
 *   purities, mixer-settler volume, solvent inventory, capital index, reagents per tonne of oxide, or why
 *   it was not built), and the start-ups when simulated. Amounts in kmol/h.
 * - `monte-carlo` (`input`: the study): per output mean, P5, P50, P95, threshold probabilities; tables:
 *   summary, tornado (left out below 3 successful runs), runs, failures. `sweep`: output ranges; tables:
 *   points, failures. Outputs and parameters are named in words with their units where the model knows
 *   the path (`studyLabel`: "Product purity of A, mean" in %), the raw paths kept in the tables. A study
 *   with no successful run is not converged and its balance residual is not recorded; the evidence counts
 *   the runs that succeeded, failed and failed to converge.
 *
 * Percentages are numbers in % (unit `'%'`). Cascade, design and dynamics amounts are in the scenario's
 * own units (`amount/time`, `volume/time`; a note says so). Evidence comes from the result's own fields
 * (see {@link Evidence}).
 *
 * @throws ReesimError `UNKNOWN_KEY` for an unknown kind; `INVALID_TYPE` or `MISSING` when `result` is not
 *   a result of that kind; `NOT_FINITE` if the result holds NaN or ±Infinity
 * @example
 * ```ts
 * // Two stages, D = 4 at O/A = 1: A is extracted with E = 4, unextracted (E − 1)/(E³ − 1) = 3/63 (Kremser).
 * const spec = {
 *   stages: { extraction: 2 },
 *   feed: { flows: { A: 1, B: 1 }, volume: 1 },
 *   organic: { volume: 1 },
 *   equilibrium: distribution({ A: 4, B: 0.25 }),
 * };
 * const report = scenarioReport('cascade', spec, simulateCascade(spec));
 * report.kpis.find((k) => k.label === 'A to product')?.value; // 95.238
 * report.tables.map((t) => t.name); // ['stage-profile', 'outlets']
 * report.evidence.converged; // true
 * ```
 */
export function scenarioReport(kind: ScenarioKind, input: unknown, result: unknown): ScenarioReport {
  if (typeof kind !== 'string' || !Object.hasOwn(BUILDERS, kind))
    fail('UNKNOWN_KEY', 'kind', kind, `a scenario kind (${SCENARIO_KINDS.join(', ')})`);
  const parts = BUILDERS[kind](input, result);
  assertFinite(parts);
  return { kind, ...parts };
}

const MAX_KPIS = 16;
const MAX_NOTES = 4;

/** Options of {@link summaryText}. */
export interface SummaryTextOptions {
  /** Where what the summary leaves out can be read, after "N more" (default `'in the report'`). */
  readonly rest?: string;
}

/**
 * A short plain-text summary for the console (at most 30 lines): a line of evidence (converged, balance
 * residual or "not recorded", iterations, what "converged" covers; for a study, how many runs succeeded,
 * failed and failed to converge), the first 4 warnings, the first 16 KPIs
 * aligned, and the first 4 notes; the rest is in the full report (`options.rest` says where the reader
 * finds it: by default `in the report`; the CLI, when no report was asked for, says how to write one).
 *
 * @example
 * ```ts
 * const text = summaryText({
 *   kind: 'cascade',
 *   kpis: [{ label: 'A to product', value: 95.238095, unit: '%' }],
 *   tables: [],
 *   evidence: { converged: true, balanceResidual: 0, iterations: 1, notes: [] },
 * });
 * text.split('\n')[0]; // 'cascade: converged, balance residual 0, iterations 1'
 * text.split('\n')[2]; // '  A to product  95.2381 %'
 * ```
 */
export function summaryText(report: ScenarioReport, options: SummaryTextOptions = {}): string {
  const e = report.evidence;
  const rest = options.rest ?? 'in the report';
  const lines = [
    `${report.kind}: ${e.converged ? 'converged' : 'NOT converged'}, balance residual ${balanceText(e)}` +
      (e.iterations === undefined ? '' : `, iterations ${e.iterations}`) +
      (e.runs
        ? `; ${e.runs.noun}: ${runCountsText(e.runs)}`
        : e.scope
          ? `; "converged" refers to ${e.scope.replace(/\s*\n\s*/g, ' ')}`
          : ''),
  ];
  const warnings = e.warnings ?? [];
  if (warnings.length > 0) {
    lines.push(`Warnings (${warnings.length}):`);
    for (const w of warnings.slice(0, MAX_NOTES)) lines.push(`  - ${w.replace(/\s*\n\s*/g, ' ')}`);
    const more = warnings.length - MAX_NOTES;
    if (more > 0) lines.push(`  (${more} more ${rest})`);
  }
  const shown = report.kpis.slice(0, MAX_KPIS);
  if (shown.length > 0) {
    lines.push('Key figures:');
    let width = 0;
    for (const k of shown) width = Math.max(width, k.label.length);
    for (const k of shown) {
      lines.push(`  ${k.label.padEnd(width)}  ${formatValue(k.value)}${k.unit ? ` ${k.unit}` : ''}`);
    }
    const more = report.kpis.length - shown.length;
    if (more > 0) lines.push(`  (${more} more ${rest})`);
  }
  if (e.notes.length > 0) {
    lines.push('Notes:');
    for (const n of e.notes.slice(0, MAX_NOTES)) lines.push(`  - ${n.replace(/\s*\n\s*/g, ' ')}`);
    const more = e.notes.length - MAX_NOTES;
    if (more > 0) lines.push(`  (${more} more ${rest})`);
  }
  return lines.join('\n');
}
