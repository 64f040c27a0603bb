/**
 * Reports of studies ({@link MonteCarloResult}, {@link SweepResult}): the run table with named columns,
 * the failures, and for Monte Carlo the summary per output and the tornado table. A study records only the
 * outputs it was asked for: its balance residual is the largest over the runs of an output that is one
 * (a path ending in `balanceError`, `balanceResidual` or `balance.residual`), else it is not known and the
 * notes say so.
 */
import type { RunTable } from '../../study/models.js';
import type { MonteCarloResult, Threshold } from '../../study/monteCarlo.js';
import type { SweepResult } from '../../study/sweep.js';
import { isFractionOutput } from '../charts/study.js';
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

function runTable(name: string, title: string, first: string, t: RunTable, c: Columns): ReportTable {
  return {
    name,
    title,
    columns: [first, ...c.inputs, ...c.outputs],
    rows: t.runs.map((run, k) => [run, ...(t.inputs[k] ?? []), ...(t.outputs[k] ?? [])]),
  };
}

function failureTable(first: string, t: RunTable, c: Columns): ReportTable {
  return {
    name: 'failures',
    title: 'Runs that failed: the error and the inputs that caused it',
    columns: [first, 'Code', 'Message', ...c.inputs],
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
  const notes = [`${succeeded} ${what} succeeded, ${failed} failed.`];
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
  const converged = succeeded > 0 && !t.failures.some((f) => f.code === 'NOT_CONVERGED');
  return {
    converged,
    scope: `the ${what}: at least one succeeded and none failed to converge`,
    balanceResidual: residual,
    balanceRecorded: recorded,
    notes,
  };
}

/** A threshold band, in % when the output is read in % (`x ≥ 99.9 %`). */
function band(t: Threshold, pct = false): string {
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
  const kpis: Kpi[] = [kpi('Runs', s.runs), kpi('Succeeded', s.succeeded), kpi('Failed', s.failed)];
  for (const o of c.outputs) {
    const x = s.outputs[o];
    if (!x) continue;
    // A purity, recovery or share in [0, 1] reads in % (99.95 %, not 0.9995), its thresholds too.
    const pct = isFractionOutput(o, [x.min, x.max]);
    const value = (v: number) => (pct ? percent(v) : v);
    const unit = pct ? '%' : undefined;
    kpis.push(
      kpi(`${o} mean`, value(x.mean), unit),
      kpi(`${o} P5`, value(x.quantiles.p5), unit),
      kpi(`${o} P50`, value(x.quantiles.p50), unit),
      kpi(`${o} P95`, value(x.quantiles.p95), unit),
    );
    if (x.threshold) {
      const p = x.threshold;
      kpis.push(kpi(`${o} P(${band(p, pct)})`, percent(p.probability), '%'));
      kpis.push(
        kpi(
          `${o} P(${band(p, pct)}), 95 % interval`,
          `${formatValue(percent(p.interval[0]))} to ${formatValue(percent(p.interval[1]))}`,
          '%',
        ),
      );
    }
  }
  if (s.allThresholds) kpis.push(kpi('P(every threshold met)', percent(s.allThresholds.probability), '%'));

  const summary: ReportTable = {
    name: 'summary',
    title: 'Summary of each output over the succeeded runs (quantiles type 7; 95 % intervals)',
    columns: [
      'Output',
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
      return [
        [
          o,
          x.n,
          x.mean,
          x.standardDeviation,
          x.min,
          q.p5,
          q.p25,
          q.p50,
          q.p75,
          q.p95,
          x.max,
          x.meanInterval[0],
          x.meanInterval[1],
          t ? band(t) : '',
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
    columns: ['Output', 'Rank', 'Parameter', 'Spearman ρ (-)'],
    rows: c.outputs.flatMap((o) => (s.tornado[o] ?? []).map((b, k) => [o, k + 1, b.parameter, b.rho])),
  };
  // A rank correlation over fewer than 3 runs means nothing: no tornado then.
  const ranked = r.outputs.length >= MIN_RUNS_FOR_TORNADO;
  const evidence = studyEvidence(r, c, 'runs');
  return {
    kpis,
    tables: [
      summary,
      ...(ranked ? [tornado] : []),
      runTable('runs', 'Runs that succeeded: inputs drawn and outputs', 'Run', r, c),
      failureTable('Run', r, c),
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
  c.outputs.forEach((o, j) => {
    if (r.outputs.length === 0) return;
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (const row of r.outputs) {
      lo = Math.min(lo, row[j] ?? 0);
      hi = Math.max(hi, row[j] ?? 0);
    }
    kpis.push(kpi(`${o} min`, lo), kpi(`${o} max`, hi));
  });
  return {
    kpis,
    tables: [
      runTable('points', 'Points that succeeded: inputs and outputs', 'Point', r, c),
      failureTable('Point', r, c),
    ],
    evidence: studyEvidence(r, c, 'points'),
  };
}
