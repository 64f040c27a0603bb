/**
 * The start-up of a cascade in charts: each outlet's purity against time, and its impurity on a log scale
 * against its spec, with the times the run measured marked.
 */
import { fail } from '../../core/errors.js';
import type { CascadeDynamicsResult, CascadeSample, OutletTimes } from '../../sx/dynamics/dynamics.js';
import type { CascadeOutlet } from '../../sx/steady/simulateCascade.js';
import { formatValue } from '../kinds/common.js';
import { definedPurity, inflowRate, outletTotal as total } from '../outletPurity.js';
import { CHART_HEIGHT, type ChartSpec, chartSpec, percent, thin } from './spec.js';

/** Options of {@link startupTransientChart} and {@link startupImpurityChart}. */
export interface StartupTransientOptions {
  /** Time unit of the run (that of the volume flows), for the axis title (default `'time unit of the flows'`). */
  readonly timeUnit?: string;
}

/** The species with the largest share of an outlet. */
function main(species: readonly string[], o: CascadeOutlet | undefined): string | undefined {
  let best: string | undefined;
  for (const s of species) if ((o?.flows[s] ?? 0) > (o?.flows[best ?? ''] ?? 0)) best = s;
  return best;
}

/** One outlet drawn: its series label, the species watched, its start-up times, how to find it in a sample. */
interface Series {
  readonly label: string;
  readonly species: string;
  readonly times: OutletTimes | undefined;
  readonly pick: (s: CascadeSample) => CascadeOutlet | undefined;
}

/**
 * The outlets to draw: the net organic product, the raffinate and each side draw, each with the species
 * its start-up times watch (`outlets.*.species`), else its main species at the end of the run.
 */
function seriesOf(result: CascadeDynamicsResult): Series[] {
  const last = result.samples[result.samples.length - 1];
  const watched = (t: OutletTimes | undefined, fallback: CascadeOutlet | undefined) =>
    t?.species ?? main(result.species, fallback);
  const out: Series[] = [];
  const add = (
    name: string,
    t: OutletTimes | undefined,
    fallback: CascadeOutlet | undefined,
    pick: Series['pick'],
  ) => {
    const species = watched(t, fallback);
    if (species !== undefined) out.push({ label: `${name}: ${species}`, species, times: t, pick });
  };
  const product = last && total(last.product) > 0 ? last.product : last?.loadedOrganic;
  add('Organic product', result.outlets?.product, product, (s) => s.product);
  add('Raffinate', result.outlets?.raffinate, last?.raffinate, (s) => s.raffinate);
  const draws = Math.max(result.outlets?.draws.length ?? 0, last?.draws?.length ?? 0);
  for (let k = 0; k < draws; k++)
    add(`Side draw ${k + 1}`, result.outlets?.draws[k], last?.draws?.[k], (s) => s.draws?.[k]);
  return out;
}

function checkResult(result: CascadeDynamicsResult, fn: string): void {
  if (
    !result ||
    !Array.isArray(result.samples) ||
    result.samples.length === 0 ||
    !Array.isArray(result.species)
  )
    fail('INVALID_TYPE', fn, result, 'a cascade dynamics result with samples');
}

/**
 * A dotted vertical rule at each `marks[i].time` with its label, the labels stacked upwards from the x axis;
 * a label right of 60 % of `end` (the last sample time) reads leftwards from its rule, so it stays in the plot.
 */
function timeRules(
  marks: readonly { time: number; label: string }[],
  timeTitle: string,
  end: number,
): Record<string, unknown>[] {
  if (marks.length === 0) return [];
  const x = { field: 'time', type: 'quantitative', title: timeTitle };
  return [
    { data: { values: marks }, mark: { type: 'rule', color: '#888', strokeDash: [2, 2] }, encoding: { x } },
    ...marks.map((m, i) => {
      const left = m.time > 0.6 * end;
      return {
        data: { values: [m] },
        mark: {
          type: 'text',
          align: left ? 'right' : 'left',
          baseline: 'bottom',
          dx: left ? -4 : 4,
          dy: -4,
          color: '#555',
        },
        encoding: { x, y: { value: CHART_HEIGHT - 14 * i }, text: { field: 'label' } },
      };
    }),
  ];
}

/** `t = 9,000`-style time for a label (thousands separated when whole). */
function at(t: number): string {
  return `t = ${Number.isInteger(t) ? t.toLocaleString('en-US') : formatValue(t)}`;
}

/**
 * Start-up transient: the purity of each outlet in the species its start-up times watch (the net organic
 * product, the raffinate and each side draw; without `outlets`, each outlet's main species at the end),
 * sampled over time. Samples where an outlet carries nothing (an empty cascade filling up, total reflux)
 * have no purity and are left out: an outlet carries nothing when its total flow is below 10⁻⁹ of the
 * feed's (the run's average inflow). A dotted rule marks `timeToFlowBand`, the time from which every
 * outlet's flows stay within the run's flow band (`tolerance` × each outlet's steady total), when they
 * do: a band on flows, not on purity (see {@link startupImpurityChart} for the specs). A run of more than
 * 2,000 samples is drawn at 2,000 evenly spaced samples (the first and the last kept), so the SVG stays
 * small; the report's transient table holds every sample.
 *
 * @param result a {@link CascadeDynamicsResult} of
 *   {@link reesim!simulateCascadeDynamics | simulateCascadeDynamics}
 * @param options the time unit for the axis title (e.g. `'h'`)
 * @throws ReesimError INVALID_TYPE when `result` has no samples
 * @example
 * ```ts
 * const r = simulateCascadeDynamics(
 *   {
 *     stages: { extraction: 2, scrub: 1 },
 *     feed: { flows: { A: 0.5, B: 0.5 }, volume: 1 },
 *     organic: { volume: 2 },
 *     scrub: { volume: 1 },
 *     equilibrium: distribution({ A: 0.85, B: 1.5 }),
 *   },
 *   { holdup: { mixer: { residenceTime: 0.05 }, settler: { residenceTime: 0.5 } }, duration: 20 },
 * );
 * const chart = startupTransientChart(r, { timeUnit: 'h' });
 * (chart.title as { text: string }).text; // 'Start-up transient: outlet purity over time'
 * ```
 */
export function startupTransientChart(
  result: CascadeDynamicsResult,
  options: StartupTransientOptions = {},
): ChartSpec {
  checkResult(result, 'startupTransientChart');
  const feedRate = inflowRate(result);
  const samples = thin(result.samples);
  const series = seriesOf(result);
  const rows: { time: number; outlet: string; purity: number }[] = [];
  for (const o of series) {
    for (const s of samples) {
      const outlet = o.pick(s);
      const p = outlet && definedPurity(outlet, o.species, feedRate);
      if (p !== undefined) rows.push({ time: s.time, outlet: o.label, purity: percent(p) });
    }
  }
  const timeTitle = `Time (${options.timeUnit ?? 'time unit of the flows'})`;
  const t = result.timeToFlowBand;
  const marks =
    t !== undefined && Number.isFinite(t)
      ? [{ time: t, label: `outlet flows within the band from ${at(t)}` }]
      : [];
  return chartSpec('Start-up transient: outlet purity over time', {
    layer: [
      {
        data: { values: rows },
        mark: { type: 'line' },
        encoding: {
          x: { field: 'time', type: 'quantitative', title: timeTitle },
          y: { field: 'purity', type: 'quantitative', title: "Purity (% of the outlet's amount)" },
          color: {
            field: 'outlet',
            type: 'nominal',
            title: 'Outlet: species',
            sort: series.map((o) => o.label),
          },
        },
      },
      ...timeRules(marks, timeTitle, result.samples[result.samples.length - 1]?.time ?? 0),
    ],
  });
}

/**
 * Start-up against the specs: the impurity of each outlet (100 − its purity in the species its start-up
 * times watch, in %) over time on a log scale, where a 99.9 % product's last 0.1 % is as visible as its
 * first 10 %. Each outlet with a spec gets a dashed horizontal line at the impurity its spec allows
 * (100 − spec %), in its colour, and a dotted rule at `timeToSpec`, the time from which it meets the spec
 * at every later sample; a dotted rule marks `timeToFlowBand` too (a band on flows, not on purity). Samples
 * where the outlet carries nothing (below 10⁻⁹ of the feed) or no impurity at all (nothing to draw on a
 * log scale) are left out; a run of more than 2,000 samples is drawn at 2,000 evenly spaced samples.
 *
 * @param result a {@link CascadeDynamicsResult} of
 *   {@link reesim!simulateCascadeDynamics | simulateCascadeDynamics}, ideally run with `options.spec`
 *   (without one there are no spec lines)
 * @param options the time unit for the axis title (e.g. `'h'`)
 * @throws ReesimError INVALID_TYPE when `result` has no samples
 * @example
 * ```ts
 * const r = simulateCascadeDynamics(
 *   {
 *     stages: { extraction: 2, scrub: 1 },
 *     feed: { flows: { A: 0.5, B: 0.5 }, volume: 1 },
 *     organic: { volume: 2 },
 *     scrub: { volume: 1 },
 *     equilibrium: distribution({ A: 0.85, B: 1.5 }),
 *   },
 *   {
 *     holdup: { mixer: { residenceTime: 0.05 }, settler: { residenceTime: 0.5 } },
 *     duration: 20,
 *     spec: { product: { B: 0.6 } },
 *   },
 * );
 * const chart = startupImpurityChart(r, { timeUnit: 'h' });
 * (chart.title as { text: string }).text; // 'Start-up against the specs: outlet impurity over time'
 * ```
 */
export function startupImpurityChart(
  result: CascadeDynamicsResult,
  options: StartupTransientOptions = {},
): ChartSpec {
  checkResult(result, 'startupImpurityChart');
  const feedRate = inflowRate(result);
  const samples = thin(result.samples);
  const series = seriesOf(result);
  const rows: { time: number; outlet: string; impurity: number }[] = [];
  for (const o of series) {
    for (const s of samples) {
      const outlet = o.pick(s);
      const p = outlet && definedPurity(outlet, o.species, feedRate);
      const impurity = p === undefined ? 0 : percent(1 - p);
      if (impurity > 0) rows.push({ time: s.time, outlet: o.label, impurity });
    }
  }
  const limits = series.flatMap((o) =>
    o.times?.target === undefined ? [] : [{ outlet: o.label, impurity: percent(1 - o.times.target) }],
  );
  const marks = series.flatMap((o) =>
    o.times?.timeToSpec === undefined || o.times.target === undefined
      ? []
      : [
          {
            time: o.times.timeToSpec,
            label: `${o.label} ≥ ${formatValue(percent(o.times.target))} % from ${at(o.times.timeToSpec)}`,
          },
        ],
  );
  const band = result.timeToFlowBand;
  if (band !== undefined && Number.isFinite(band))
    marks.push({ time: band, label: `outlet flows within the band from ${at(band)}` });
  const timeTitle = `Time (${options.timeUnit ?? 'time unit of the flows'})`;
  const color = {
    field: 'outlet',
    type: 'nominal',
    title: 'Outlet (dashed: its spec)',
    sort: series.map((o) => o.label),
  };
  const y = {
    field: 'impurity',
    type: 'quantitative',
    title: 'Impurity (100 − purity, %, log scale)',
    scale: { type: 'log' },
  };
  return chartSpec('Start-up against the specs: outlet impurity over time', {
    layer: [
      {
        data: { values: rows },
        mark: { type: 'line' },
        encoding: { x: { field: 'time', type: 'quantitative', title: timeTitle }, y, color },
      },
      ...(limits.length === 0
        ? []
        : [
            {
              data: { values: limits },
              mark: { type: 'rule', strokeDash: [6, 4] },
              encoding: { y, color },
            },
          ]),
      ...timeRules(marks, timeTitle, result.samples[result.samples.length - 1]?.time ?? 0),
    ],
  });
}
