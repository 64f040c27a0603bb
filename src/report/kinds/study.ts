/**
 * Reports of studies ({@link MonteCarloResult}, {@link SweepResult}): the run table with named columns,
 * the failures, and for Monte Carlo the summary per output and the tornado table. Outputs and parameters
 * are named in words with their units where the model knows the path (`studyLabel`), a fraction shown in
 * %; every table keeps the raw path (a `Path` column, or `[path]` in a column name) for programs reading
 * the CSV files. A study records only the outputs it was asked for: its balance residual is the largest
 * over the runs of an output that is one (a path ending in `balanceError`, `balanceResidual` or
 * `balance.residual`), else it is not known and the notes say so.
 */
import type { RunTable } from '../../study/models.js';
import type { MonteCarloResult, Threshold } from '../../study/monteCarlo.js';
import type { SweepResult } from '../../study/sweep.js';
import { studyOutput } from '../charts/study.js';
import { type StudyLabel, studyLabel } from '../labels/studyLabel.js';
import {
  expectFields,
  field,
  formatValue,
  type Kpi,
  kpi,
  percent,
  type ReportParts,
  type ReportTable,
  stringList,
} from './common.js';

interface Columns {
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
}

/** Column names: the result's own, else the study's parameter paths and outputs. */
function columnsOf(input: unknown, result: RunTable & { columns?: Columns }): Columns {
  if (result.columns) return result.columns;
  const parameters = field(input, 'parameters');
  const inputs = Array.isArray(parameters)
    ? parameters.map((p, i) => (typeof p === 'string' ? p : String(field(p, 'path') ?? `parameter ${i}`)))
    : [];
  return { inputs, outputs: stringList(field(input, 'outputs')) };
}

/** How a study's columns read: each parameter and each output in words, with its unit and scale. */
interface Readings {
  readonly inputs: readonly StudyLabel[];
  readonly outputs: readonly StudyLabel[];
}

/** The readings of a study's columns; an output's values decide whether an unknown path is a fraction. */
function readingsOf(study: unknown, t: RunTable, c: Columns): Readings {
  return {
    inputs: c.inputs.map((p) => studyLabel(study, p, 'parameter')),
    outputs: c.outputs.map((o, j) => studyOutput(study, o, column(t, j))),
  };
}

/** Column `j` of the outputs of the succeeded runs. */
function column(t: RunTable, j: number): number[] {
  return t.outputs.map((row) => row[j] ?? 0);
}

/**
 * A column name with its unit, keeping the path for programs: `Product purity of A (%) [product.purity.A]`;
 * a path no rule knows is the name (`x.y`, `x.share (%)`).
 */
function columnName(l: StudyLabel, path: string): string {
  const unit = l.unit === undefined ? '' : ` (${l.unit})`;
  return l.known ? `${l.label}${unit} [${path}]` : `${path}${unit}`;
}

/** A unit for a Unit column: `-` for a known dimensionless number, `result units` for an unknown path. */
function unitCell(l: StudyLabel): string {
  return l.unit ?? (l.known ? '-' : 'result units');
}

function runTable(
  name: string,
  title: string,
  first: string,
  t: RunTable,
  c: Columns,
  r: Readings,
): ReportTable {
  return {
    name,
    title,
    columns: [
      first,
      ...c.inputs.map((p, i) => columnName(r.inputs[i] as StudyLabel, p)),
      ...c.outputs.map((o, j) => columnName(r.outputs[j] as StudyLabel, o)),
    ],
    rows: t.runs.map((run, k) => [
      run,
      ...(t.inputs[k] ?? []),
      ...(t.outputs[k] ?? []).map((v, j) => v * (r.outputs[j]?.scale ?? 1)),
    ]),
  };
}

function failureTable(first: string, t: RunTable, c: Columns, r: Readings): ReportTable {
  return {
    name: 'failures',
    title: 'Runs that failed: the error and the inputs that caused it',
    columns: [first, 'Code', 'Message', ...c.inputs.map((p, i) => columnName(r.inputs[i] as StudyLabel, p))],
    rows: t.failures.map((f) => [f.run, f.code, f.message, ...f.inputs]),
  };
}

const BALANCE = /(^|\.)(balanceError|balanceResidual|balance\.residual)$/;

/**
 * Least succeeded runs for a rank correlation to mean anything: with fewer, the tornado table and chart are
 * left out.
 */
export const MIN_RUNS_FOR_TORNADO = 3;

/** Largest balance residual over the succeeded runs, from an output column that holds one. */
function studyEvidence(t: RunTable, c: Columns, what: string): ReportParts['evidence'] {
  const cols = c.outputs.flatMap((o, j) => (BALANCE.test(o) ? [j] : []));
  let residual = 0;
  for (const row of t.outputs) for (const j of cols) residual = Math.max(residual, row[j] ?? 0);
  const succeeded = t.outputs.length;
  const failed = t.failures.length;
  // The counts are in `runs` (reports print them on the converged line), not repeated in a note.
  const notes: string[] = [];
  const codes = [...new Set(t.failures.map((f) => f.code))];
  if (codes.length > 0) notes.push(`Failure codes: ${codes.join(', ')}.`);
  const recorded = succeeded > 0 && cols.length > 0;
  if (succeeded === 0)
    notes.push(
      `No ${what.replace(/s$/, '')} succeeded: nothing converged, and no balance residual was recorded ` +
        '(the 0 in the data means "not recorded").',
    );
  else
    notes.push(
      recorded
        ? `Balance residual: largest over the succeeded ${what} of ${cols.map((j) => c.outputs[j]).join(', ')}.`
        : `Balance residuals of the ${what} were not recorded (add the model's balance output, e.g. balanceError, to outputs).`,
    );
  // Runs rejected for their inputs (INFEASIBLE, OUT_OF_RANGE, ...) made no solve: only NOT_CONVERGED counts,
  // and a study in which no run succeeded has no converged result at all.
  const notConverged = t.failures.filter((f) => f.code === 'NOT_CONVERGED').length;
  const converged = succeeded > 0 && notConverged === 0;
  return {
    converged,
    scope: `the ${what}: at least one succeeded and none failed to converge`,
    runs: { noun: what, succeeded, failed, notConverged },
    balanceResidual: residual,
    balanceRecorded: recorded,
    notes,
  };
}

/** A threshold band, in % when the output is read in % (`x ≥ 99.9 %`). */
function band(t: Threshold, pct: boolean): string {
  const v = (x: number | undefined) => (pct ? `${formatValue(percent(x as number))} %` : `${x}`);
  if (t.min !== undefined && t.max !== undefined) return `${v(t.min)} ≤ x ≤ ${v(t.max)}`;
  return t.min !== undefined ? `x ≥ ${v(t.min)}` : `x ≤ ${v(t.max)}`;
}

/** The report of a `monte-carlo` study. */
export function monteCarloReport(input: unknown, result: unknown): ReportParts {
  expectFields('monte-carlo', result, ['runs', 'inputs', 'outputs', 'failures', 'summary']);
  const r = result as MonteCarloResult;
  const c = columnsOf(input, r);
  const s = r.summary;
  // Each output in words and its unit; a purity, recovery or share reads in % (99.95 %, not 0.9995), its
  // thresholds too. An unknown path is a fraction when its values all lie in [0, 1].
  const read = (o: string) => {
    const x = s.outputs[o];
    return studyOutput(input, o, x ? [x.min, x.max] : []);
  };
  const kpis: Kpi[] = [kpi('Runs', s.runs), kpi('Succeeded', s.succeeded), kpi('Failed', s.failed)];
  for (const o of c.outputs) {
    const x = s.outputs[o];
    if (!x) continue;
    const l = read(o);
    const pct = l.scale === 100;
    const value = (v: number) => v * l.scale;
    kpis.push(
      kpi(`${l.label}, mean`, value(x.mean), l.unit),
      kpi(`${l.label}, P5`, value(x.quantiles.p5), l.unit),
      kpi(`${l.label}, P50`, value(x.quantiles.p50), l.unit),
      kpi(`${l.label}, P95`, value(x.quantiles.p95), l.unit),
    );
    if (x.threshold) {
      const p = x.threshold;
      kpis.push(kpi(`${l.label}, P(${band(p, pct)})`, percent(p.probability), '%'));
      kpis.push(
        kpi(
          `${l.label}, P(${band(p, pct)}), 95 % interval`,
          `${formatValue(percent(p.interval[0]))} to ${formatValue(percent(p.interval[1]))}`,
          '%',
        ),
      );
    }
  }
  if (s.allThresholds) kpis.push(kpi('P(every threshold met)', percent(s.allThresholds.probability), '%'));

  const summary: ReportTable = {
    name: 'summary',
    title:
      'Summary of each output over the succeeded runs (quantiles type 7; 95 % intervals), in the unit of ' +
      'its row',
    columns: [
      'Output',
      'Path',
      'Unit',
      'Runs',
      'Mean',
      'Standard deviation',
      'Min',
      'P5',
      'P25',
      'P50',
      'P75',
      'P95',
      'Max',
      'Mean, 95 % low',
      'Mean, 95 % high',
      'Threshold',
      'P(threshold) (%)',
      'P, 95 % low (%)',
      'P, 95 % high (%)',
    ],
    rows: c.outputs.flatMap((o) => {
      const x = s.outputs[o];
      if (!x) return [];
      const q = x.quantiles;
      const t = x.threshold;
      const l = read(o);
      const v = (n: number) => n * l.scale;
      return [
        [
          l.label,
          o,
          unitCell(l),
          x.n,
          v(x.mean),
          v(x.standardDeviation),
          v(x.min),
          v(q.p5),
          v(q.p25),
          v(q.p50),
          v(q.p75),
          v(q.p95),
          v(x.max),
          v(x.meanInterval[0]),
          v(x.meanInterval[1]),
          t ? band(t, l.scale === 100) : '',
          t ? percent(t.probability) : '',
          t ? percent(t.interval[0]) : '',
          t ? percent(t.interval[1]) : '',
        ],
      ];
    }),
  };
  const tornado: ReportTable = {
    name: 'tornado',
    title: 'Sensitivity: Spearman rank correlation of each parameter with each output, largest |ρ| first',
    columns: ['Output', 'Output path', 'Rank', 'Parameter', 'Parameter path', 'Spearman ρ (-)'],
    rows: c.outputs.flatMap((o) =>
      (s.tornado[o] ?? []).map((b, k) => [
        read(o).label,
        o,
        k + 1,
        studyLabel(input, b.parameter, 'parameter').label,
        b.parameter,
        b.rho,
      ]),
    ),
  };
  // A rank correlation over fewer than 3 runs means nothing: no tornado then.
  const ranked = r.outputs.length >= MIN_RUNS_FOR_TORNADO;
  const evidence = studyEvidence(r, c, 'runs');
  const readings = readingsOf(input, r, c);
  return {
    kpis,
    tables: [
      summary,
      ...(ranked ? [tornado] : []),
      runTable('runs', 'Runs that succeeded: inputs drawn and outputs', 'Run', r, c, readings),
      failureTable('Run', r, c, readings),
    ],
    evidence: ranked
      ? evidence
      : {
          ...evidence,
          notes: [
            ...evidence.notes,
            `No sensitivity (tornado) table: ${r.outputs.length} runs succeeded, a rank correlation needs at least ${MIN_RUNS_FOR_TORNADO}.`,
          ],
        },
  };
}

/** The report of a `sweep` study. */
export function sweepReport(input: unknown, result: unknown): ReportParts {
  expectFields('sweep', result, ['runs', 'inputs', 'outputs', 'failures']);
  const r = result as SweepResult;
  const c = columnsOf(input, r);
  const kpis: Kpi[] = [
    kpi('Points', r.runs.length + r.failures.length),
    kpi('Succeeded', r.runs.length),
    kpi('Failed', r.failures.length),
  ];
  const readings = readingsOf(input, r, c);
  c.outputs.forEach((_, j) => {
    if (r.outputs.length === 0) return;
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (const row of r.outputs) {
      lo = Math.min(lo, row[j] ?? 0);
      hi = Math.max(hi, row[j] ?? 0);
    }
    const l = readings.outputs[j] as StudyLabel;
    kpis.push(kpi(`${l.label}, min`, lo * l.scale, l.unit), kpi(`${l.label}, max`, hi * l.scale, l.unit));
  });
  return {
    kpis,
    tables: [
      runTable('points', 'Points that succeeded: inputs and outputs', 'Point', r, c, readings),
      failureTable('Point', r, c, readings),
    ],
    evidence: studyEvidence(r, c, 'points'),
  };
}
