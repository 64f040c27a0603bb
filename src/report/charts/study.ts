/**
 * Charts of studies: the histogram and the tornado of a Monte Carlo output, and an output along a sweep.
 */
import { fail } from '../../core/errors.js';
import type { MonteCarloResult } from '../../study/monteCarlo.js';
import type { SweepResult } from '../../study/sweep.js';
import { type StudyLabel, studyLabel } from '../labels/studyLabel.js';
import { CHART_HEIGHT, type ChartSpec, chartSpec, seriesColours, thin } from './spec.js';

/** Names and units for the titles of study charts (a study's paths carry none). */
export interface StudyChartOptions {
  /** Unit of the swept parameter (default: its {@link studyLabel} unit, else `'scenario units'`). */
  readonly parameterUnit?: string;
  /** Unit of the output, its numbers then drawn as they are (default: its {@link studyLabel} unit, else `'result units'`). */
  readonly outputUnit?: string;
  /**
   * The study the result came from (`{ model, base, ... }`): outputs and parameters are then named in words
   * and units ({@link studyLabel}) instead of by path.
   */
  readonly study?: unknown;
}

/** Column of `output` in a run table, or UNKNOWN_KEY. */
function outputColumn(fn: string, result: MonteCarloResult | SweepResult, output: string): number {
  const names = result?.columns?.outputs;
  if (!Array.isArray(names) || !Array.isArray(result.outputs))
    fail('INVALID_TYPE', fn, result, 'a study result with columns and outputs');
  const j = names.indexOf(output);
  if (j < 0) fail('UNKNOWN_KEY', `${fn}.output`, output, `an output of the study: ${names.join(', ')}`);
  return j;
}

/** A parameter value for a legend label, without round-off digits (0.30000000000000004 → 0.3). */
function short(v: number | undefined): string {
  return String(Number((v ?? 0).toPrecision(12)));
}

/**
 * Whether an output is a fraction best read in % (a purity, recovery or share, every value in [0, 1]): its
 * charts then show it ×100 on a % axis.
 */
export function isFractionOutput(output: string, values: readonly number[]): boolean {
  return /purity|recovery|share/i.test(output) && values.length > 0 && values.every((v) => v >= 0 && v <= 1);
}

/**
 * How an output of a study reads: its words and unit ({@link studyLabel}), and the factor to the numbers
 * shown; a path no rule knows that is a purity, recovery or share in [0, 1] still reads in %.
 */
export function studyOutput(study: unknown, output: string, values: readonly number[]): StudyLabel {
  const l = studyLabel(study, output);
  return !l.known && isFractionOutput(output, values) ? { ...l, unit: '%', scale: 100 } : l;
}

/** An axis title: the name and its unit (`result units` for an unknown path without one). */
function axisTitle(l: StudyLabel, unit: string | undefined, fallback: string): string {
  const u = unit ?? l.unit ?? (l.known ? undefined : fallback);
  return u === undefined ? l.label : `${l.label} (${u})`;
}

/** Axis tick labels with at most six significant digits (no 0.0000000000000040 from round-off). */
const TICKS = { format: '.6~g' } as const;

/**
 * The study parameters' labels: with `study`, the words of each parameter its model knows
 * ({@link studyLabel}: `mp-domestic-separation capacity`); the other paths without the part they all share
 * (`scenario.events.` dropped from `scenario.events.a.x` and `scenario.events.b.x`: whole dot-separated
 * segments, the last always kept; `prefix` is that part). A label still longer than `max` characters is
 * shortened from its start (`…` first), so the end that tells them apart stays.
 */
export function parameterLabels(
  paths: readonly string[],
  max = 48,
  study?: unknown,
): { labels: string[]; prefix: string } {
  const named = paths.map((p) => studyLabel(study, p, 'parameter'));
  const raw = paths.filter((_, i) => !named[i]?.known);
  const split = raw.map((p) => p.split('.'));
  let common = 0;
  const shortest = split.reduce((m, x) => Math.min(m, x.length), Number.POSITIVE_INFINITY);
  while (
    raw.length > 1 &&
    common < shortest - 1 &&
    split.every((x) => x[common] === (split[0] as string[])[common])
  )
    common++;
  const prefix = common > 0 ? `${(split[0] as string[]).slice(0, common).join('.')}.` : '';
  const whole = paths.map((p, i) =>
    named[i]?.known ? (named[i]?.label ?? p) : p.split('.').slice(common).join('.'),
  );
  // Two parameters named alike (their words) would share a bar: then every one goes by its path.
  if (raw.length < paths.length && new Set(whole).size < new Set(paths).size)
    return parameterLabels(paths, max);
  const cut = whole.map((l) => (l.length > max ? `…${l.slice(l.length - max + 1)}` : l));
  // Cut labels that collide would merge their bars: then every label stays whole.
  return { labels: new Set(cut).size === cut.length ? cut : whole, prefix };
}

/** Equal-width bins over the values' range: √n bins, at least 5 and at most 40. */
function bins(values: readonly number[]): { start: number; end: number; runs: number }[] {
  // A loop, not a spread into Math.min: a few hundred thousand arguments overflow the call stack.
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (!(hi > lo)) {
    const half = lo === 0 ? 0.5 : Math.abs(lo) * 1e-3;
    return [{ start: lo - half, end: lo + half, runs: values.length }];
  }
  const k = Math.min(40, Math.max(5, Math.ceil(Math.sqrt(values.length))));
  const width = (hi - lo) / k;
  const counts = new Array<number>(k).fill(0);
  for (const v of values) {
    const b = Math.min(k - 1, Math.floor((v - lo) / width));
    counts[b] = (counts[b] as number) + 1;
  }
  return counts.map((runs, b) => ({
    start: lo + b * width,
    end: b === k - 1 ? hi : lo + (b + 1) * width,
    runs,
  }));
}

/**
 * Histogram of one output of a Monte Carlo study over its successful runs (√n equal-width bins, 5 to 40),
 * with rules at the mean, the median and the 5th and 95th percentiles from the study's summary. A purity,
 * recovery or share is drawn in %; with `options.study`, the output is named in words and its unit
 * ({@link studyLabel}).
 *
 * @param mc the result of `monteCarlo` (engine)
 * @param output one of the study's output paths
 * @param options the study, for the output's words and unit; or the output's unit for the axis title
 * @throws ReesimError UNKNOWN_KEY for an output the study does not have; MISSING when no run succeeded
 * @example
 * ```ts
 * const mc = {
 *   runs: [0, 1, 2, 3, 4], inputs: [[1], [2], [3], [4], [5]], outputs: [[1], [2], [2], [3], [9]], failures: [],
 *   columns: { inputs: ['a'], outputs: ['y'] }, seed: 's', batchSize: 5, batches: 1,
 *   summary: summarise({ parameters: [{ path: 'a', distribution: { kind: 'uniform', min: 0, max: 6 } }],
 *     outputs: ['y'] }, { runs: [0, 1, 2, 3, 4], inputs: [[1], [2], [3], [4], [5]],
 *     outputs: [[1], [2], [2], [3], [9]], failures: [] }),
 * };
 * const spec = histogramChart(mc, 'y', { outputUnit: 't/month' });
 * ((spec.layer as { data: { values: { runs: number }[] } }[])[0]?.data.values ?? []).length; // 5
 * ```
 */
export function histogramChart(
  mc: MonteCarloResult,
  output: string,
  options: StudyChartOptions = {},
): ChartSpec {
  const j = outputColumn('histogramChart', mc, output);
  const raw = mc.outputs.map((r) => r[j] as number).filter((v) => Number.isFinite(v));
  if (raw.length === 0) fail('MISSING', 'histogramChart.output', output, 'at least one successful run');
  const reading = studyOutput(options.study, output, raw);
  const k = options.outputUnit === undefined ? reading.scale : 1;
  const values = k === 1 ? raw : raw.map((v) => v * k);
  const title = axisTitle(reading, options.outputUnit, 'result units');
  const rows = bins(values).map((b) => ({ ...b, series: 'Runs per bin' }));
  const s = mc.summary?.outputs?.[output];
  const stats = s
    ? [
        { value: s.mean * k, series: 'Mean' },
        { value: s.quantiles.p50 * k, series: 'Median' },
        { value: s.quantiles.p5 * k, series: '5th percentile' },
        { value: s.quantiles.p95 * k, series: '95th percentile' },
        // The study's threshold, where it has one: the question the histogram answers.
        ...(s.threshold?.min !== undefined
          ? [{ value: s.threshold.min * k, series: 'Threshold (minimum)' }]
          : []),
        ...(s.threshold?.max !== undefined
          ? [{ value: s.threshold.max * k, series: 'Threshold (maximum)' }]
          : []),
      ]
    : [];
  const series = ['Runs per bin', ...stats.map((x) => x.series)];
  const color = { type: 'nominal', title: 'Series', sort: series, scale: { domain: series } };
  return chartSpec(`Distribution of ${reading.label} over ${values.length} runs`, {
    layer: [
      {
        data: { values: rows },
        mark: { type: 'bar', opacity: 0.8, binSpacing: 1 },
        encoding: {
          x: { field: 'start', type: 'quantitative', title, bin: { binned: true }, axis: TICKS },
          x2: { field: 'end' },
          y: { field: 'runs', type: 'quantitative', title: 'Runs (count per bin)' },
          color: { field: 'series', ...color },
        },
      },
      ...(stats.length > 0
        ? [
            {
              data: { values: stats },
              mark: { type: 'rule', strokeWidth: 2 },
              encoding: {
                x: { field: 'value', type: 'quantitative', title },
                color: { field: 'series', ...color },
                strokeDash: {
                  condition: { test: "indexof(datum.series, 'Threshold') === 0", value: [6, 3] },
                  value: [1, 0],
                },
              },
            },
          ]
        : []),
    ],
  });
}

/**
 * Tornado chart of one output of a Monte Carlo study: each parameter's Spearman rank correlation ρ with the
 * output, largest |ρ| at the top, coloured by sign.
 *
 * @param mc the result of `monteCarlo` (engine)
 * @param output one of the study's output paths
 * @param options the study, for the output's and the parameters' words (`study`)
 * @throws ReesimError UNKNOWN_KEY for an output the study does not have; MISSING when the summary has no
 *   tornado for it
 * @example
 * ```ts
 * const table = { runs: [0, 1, 2, 3], inputs: [[1, 4], [2, 3], [3, 2], [4, 1]], outputs: [[1], [2], [3], [5]],
 *   failures: [] };
 * const parameters = ['a', 'b'].map((path) => ({ path, distribution: { kind: 'uniform', min: 0, max: 5 } }));
 * const mc = { ...table, columns: { inputs: ['a', 'b'], outputs: ['y'] }, seed: 's', batchSize: 4, batches: 1,
 *   summary: summarise({ parameters, outputs: ['y'] }, table) };
 * const spec = tornadoChart(mc, 'y');
 * (spec.data as { values: { rho: number }[] }).values[1]?.rho; // -1
 * ```
 */
export function tornadoChart(
  mc: MonteCarloResult,
  output: string,
  options: Pick<StudyChartOptions, 'study'> = {},
): ChartSpec {
  outputColumn('tornadoChart', mc, output);
  const bars = mc.summary?.tornado?.[output];
  if (!Array.isArray(bars) || bars.length === 0)
    fail('MISSING', 'tornadoChart.output', output, 'an output whose summary has a tornado table');
  const positive = 'Positive (the output rises with the parameter)';
  const negative = 'Negative (the output falls as the parameter rises)';
  const paths = bars.map((b) => b.parameter);
  const { labels, prefix } = parameterLabels(paths, 48, options.study);
  const unnamed = paths.filter((p) => !studyLabel(options.study, p, 'parameter').known).length;
  const rows = bars.map((b, i) => ({
    parameter: labels[i] as string,
    path: b.parameter,
    rho: b.rho,
    sign: b.rho >= 0 ? positive : negative,
  }));
  return chartSpec(
    `Tornado: rank correlation of each parameter with ${studyLabel(options.study, output).label}`,
    {
      data: { values: rows },
      mark: { type: 'bar', clip: true },
      encoding: {
        y: {
          field: 'parameter',
          type: 'nominal',
          // In the subtitle: an axis title beside long labels is drawn over them (no font metrics here).
          title: null,
          sort: labels,
        },
        x: {
          field: 'rho',
          type: 'quantitative',
          title: 'Spearman rank correlation ρ (dimensionless, −1 to 1)',
          scale: { domain: [-1, 1] },
        },
        color: {
          field: 'sign',
          type: 'nominal',
          title: 'Correlation',
          scale: { domain: [positive, negative], range: ['#4c78a8', '#e45756'] },
          legend: { orient: 'bottom', direction: 'vertical', labelLimit: 0 },
        },
      },
    },
    {
      width: 480,
      height: Math.max(200, Math.min(600, 28 * bars.length)),
      ...(unnamed === 0
        ? {}
        : {
            subtitle: `${unnamed < paths.length ? 'Parameters not named in words' : 'Parameters'}: ${
              prefix ? `paths after ${prefix}` : 'their paths'
            }`,
          }),
    },
  );
}

/**
 * One output of a sweep against the sweep's first parameter; with more parameters, one line per value of
 * the second (or per combination of the others, `path = value, ...`), or one line when every point has
 * its own combination (a list sweep, whose parameters move together: the subtitle says so). Points whose
 * run failed are marked ✕ on the x axis at their first parameter, and counted in the subtitle. A purity,
 * recovery or share between 0 and 1 is drawn in %. With `options.study`, the output and the parameters are
 * named in words and units ({@link studyLabel}).
 * A line of more than `MAX_POINTS_PER_SERIES` (2,000) points shows that many, evenly spaced in run order
 * (first and last kept), so the SVG stays small; the run table holds every point.
 *
 * @param sweep the result of `sweep` (engine)
 * @param output one of the study's output paths
 * @param options the study, for words and units; or units of the first parameter and of the output
 * @throws ReesimError UNKNOWN_KEY for an output the study does not have; MISSING when no point succeeded
 * @example
 * ```ts
 * const r = { runs: [0, 1, 2], inputs: [[1], [3], [9]], outputs: [[0.5], [0.75], [0.9]], failures: [],
 *   columns: { inputs: ['equilibrium.D.A'], outputs: ['loadedOrganic.flows.A'] }, batchSize: 25, batches: 1 };
 * const spec = sweepChart(r, 'loadedOrganic.flows.A', { parameterUnit: 'dimensionless', outputUnit: 'mol/h' });
 * (spec.layer as { data: { values: unknown[] } }[])[0]?.data.values.length; // 3
 * ```
 */
export function sweepChart(sweep: SweepResult, output: string, options: StudyChartOptions = {}): ChartSpec {
  const j = outputColumn('sweepChart', sweep, output);
  const params = sweep.columns.inputs;
  const first = params[0];
  if (first === undefined || !Array.isArray(sweep.inputs))
    fail('INVALID_TYPE', 'sweepChart', sweep, 'a sweep result with at least one parameter');
  const others = params.slice(1);
  const raw = sweep.outputs.map((o) => o[j] as number);
  const reading = studyOutput(options.study, output, raw.filter(Number.isFinite));
  const k = options.outputUnit === undefined ? reading.scale : 1;
  const firstLabel = studyLabel(options.study, first, 'parameter');
  const otherNames = others.map((p) => studyLabel(options.study, p, 'parameter').label);
  const label = (input: readonly number[]) =>
    others.length === 1
      ? short(input[1])
      : otherNames.map((p, i) => `${p} = ${short(input[i + 1])}`).join(', ');
  let rows = sweep.inputs.map((input, i) => ({
    x: input[0] as number,
    y: (raw[i] as number) * k,
    series: others.length === 0 ? reading.label : label(input),
  }));
  if (rows.length === 0) fail('MISSING', 'sweepChart.output', output, 'at least one successful point');
  // A list sweep moves every parameter together: each point would be a series of its own. One line then.
  // (Judged on every point, failed ones too: a grid repeats its first parameter's values, a list does not.)
  const all = [...sweep.inputs, ...(sweep.failures ?? []).map((f) => f.inputs)];
  const together =
    others.length > 0 &&
    all.length > 1 &&
    new Set(all.map((input) => input[0])).size === all.length &&
    new Set(all.map((input) => label(input))).size === all.length;
  if (together) rows = rows.map((r) => ({ ...r, series: reading.label }));
  const bySeries = new Map<string, (typeof rows)[number][]>();
  for (const r of rows) {
    const list = bySeries.get(r.series);
    if (list) list.push(r);
    else bySeries.set(r.series, [r]);
  }
  const series = [...bySeries.keys()];
  const shown = [...bySeries.values()].flatMap((list) => thin(list));
  const failed = (sweep.failures ?? []).map((f) => ({ x: f.inputs[0] as number, code: f.code }));
  const codes = [...new Set(failed.map((f) => f.code))].join(', ');
  const notes = [
    ...(together ? [`${otherNames.join(', ')} moved with ${firstLabel.label} (a list of points)`] : []),
    ...(failed.length > 0
      ? [`${failed.length} of ${failed.length + rows.length} points failed (${codes}): ✕ on the x axis`]
      : []),
  ];
  const x = {
    field: 'x',
    type: 'quantitative',
    title: axisTitle(firstLabel, options.parameterUnit, 'scenario units'),
    axis: TICKS,
  };
  return chartSpec(
    `${reading.label} against ${firstLabel.label}`,
    {
      layer: [
        {
          data: { values: shown },
          mark: { type: 'line', point: true },
          encoding: {
            x,
            y: {
              field: 'y',
              type: 'quantitative',
              title: axisTitle(reading, options.outputUnit, 'result units'),
              scale: { zero: false },
              axis: TICKS,
            },
            color: {
              field: 'series',
              type: 'nominal',
              title: others.length === 0 || together ? 'Output' : otherNames.join(', '),
              sort: series,
              scale: seriesColours(series),
            },
          },
        },
        ...(failed.length > 0
          ? [
              {
                data: { values: failed },
                mark: {
                  type: 'point',
                  shape: 'cross',
                  angle: 45,
                  size: 80,
                  color: '#d62728',
                  strokeWidth: 2,
                },
                encoding: { x, y: { value: CHART_HEIGHT } },
              },
            ]
          : []),
      ],
    },
    notes.length > 0 ? { subtitle: notes.join('; ') } : {},
  );
}
