/**
 * The lines of the parallelization study side by side: what each way of raising output costs.
 */
import { fail } from '../../core/errors.js';
import type { LineMetrics } from '../../study/lineMetrics.js';
import type { ParallelLines } from '../../study/parallelLines.js';
import { type ChartSpec, chartSpec } from './spec.js';

const MEASURES = [
  'Output of the organic product',
  'Solvent inventory',
  'Capital index (six-tenths rule)',
] as const;

/**
 * Output, solvent inventory and capital index of each line of a {@link "reesim/study"!parallelLines |
 * parallelLines} result, relative to the base line (× base), one group of bars per line; a line that misses
 * a purity target says so in its label, and lines that cannot be built are left out (the subtitle counts
 * them). Reads at a glance which way buys output with the least solvent and capital.
 *
 * @param result a {@link "reesim/study"!ParallelLines | ParallelLines}
 * @throws ReesimError INVALID_TYPE when `result` has no built base line
 * @example
 * ```ts
 * const r = parallelLines({
 *   feed: { Pr: 1.3247, Nd: 3.7062 },
 *   unit: 'kmol/h',
 *   feedVolume: 5.0309,
 *   purity: { organic: 0.999, aqueous: 0.999 },
 *   k: 2,
 *   f: 1.25,
 *   beta: 1.7,
 * });
 * const spec = parallelLinesChart(r);
 * (spec.data as { values: unknown[] }).values.length; // 18
 * ```
 */
export function parallelLinesChart(result: ParallelLines): ChartSpec {
  const lines = Array.isArray(result?.lines) ? result.lines : [];
  const base = lines[0];
  if (!base || 'error' in base || !(base.solventInventory > 0))
    fail('INVALID_TYPE', 'parallelLinesChart', result, 'a parallel-lines result with its base line');
  const built = lines.filter((m): m is LineMetrics => !('error' in m));
  const label = (m: LineMetrics) => (m.meetsTarget ? m.label : `${m.label}: misses a target`);
  const rows = built.flatMap((m) => {
    const ratios = [
      m.output.organic / base.output.organic,
      m.solventInventory / base.solventInventory,
      m.capitalIndex / base.capitalIndex,
    ];
    return MEASURES.map((measure, i) => ({ line: label(m), measure, ratio: ratios[i] as number, order: i }));
  });
  const left = lines.length - built.length;
  const keys = `${result.keys.A}/${result.keys.B}`;
  return chartSpec(
    `Raising a ${keys} line by ${result.factors.k}: each way against the base line`,
    {
      data: { values: rows },
      mark: { type: 'bar' },
      encoding: {
        y: { field: 'line', type: 'nominal', title: null, sort: built.map(label) },
        yOffset: { field: 'measure', type: 'nominal', sort: [...MEASURES] },
        x: {
          field: 'ratio',
          type: 'quantitative',
          title: 'Relative to the base line (× base, dimensionless)',
        },
        color: {
          field: 'measure',
          type: 'nominal',
          title: 'Measure (line total)',
          sort: [...MEASURES],
          scale: { domain: [...MEASURES], range: ['#4e79a7', '#f28e2b', '#59a14f'] },
          legend: { orient: 'bottom', direction: 'vertical' },
        },
        order: { field: 'order', type: 'quantitative' },
      },
    },
    {
      width: 480,
      height: Math.max(240, 54 * built.length),
      subtitle:
        `Line totals; base: 1 ${result.system} train, ${base.stages.total} stages, ` +
        `${Math.round(base.solventInventory)} m³ of solvent` +
        (left > 0 ? `; ${left} line${left === 1 ? '' : 's'} not built` : ''),
    },
  );
}
