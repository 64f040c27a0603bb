/**
 * The start-up of a cascade in charts: each outlet's purity against time, and its impurity on a log scale
 * against its spec, with the times the run measured marked.
 */
import { fail } from '../../core/errors.js';
import type { CascadeDynamicsResult, CascadeSample, OutletTimes } from '../../sx/dynamics/dynamics.js';
import type { CascadeOutlet } from '../../sx/steady/simulateCascade.js';
import { formatValue } from '../kinds/common.js';
import { definedPurity, inflowRate, outletTotal as total } from '../outletPurity.js';
import { CHART_HEIGHT, type ChartSpec, chartSpec, percent, seriesColours, thin } from './spec.js';

/** Options of {@link startupTransientChart} and {@link startupImpurityChart}. */
export interface StartupTransientOptions {
  /** Time unit of the run (that of the volume flows), for the axis title (default `'time unit of the flows'`). */
  readonly timeUnit?: string;
  /** Amount unit per time of the flows, for a flow axis without a steady state (default `'amount/time'`). */
  readonly flowUnit?: string;
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

/** Each outlet in the colour of the species it watches (another free colour when two watch the same). */
function outletColours(series: readonly Series[]): Record<string, unknown> {
  return seriesColours(
    series.map((o) => o.label),
    series.map((o) => o.species),
  );
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
 * Start-up transient: each outlet's total flow (the net organic product, the raffinate and each side draw)
 * over time, as a percentage of its flow at the final operating point's steady state (or in the flows'
 * own unit when the run has no steady state), with 100 % drawn and a dotted rule at `timeToFlowBand`, the
 * time from which every outlet's flows stay within the run's flow band (`tolerance` × each outlet's steady
 * total): the chart shows what that band measures (flows, not purity: see {@link startupImpurityChart}
 * for purity against the specs). A run of more than 2,000 samples is drawn at 2,000 evenly spaced samples
 * (the first and the last kept), so the SVG stays small; the report's transient table holds every sample.
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
 * (chart.title as { text: string }).text; // 'Start-up transient: outlet flows as % of their steady flows'
 * ```
 */
export function startupTransientChart(
  result: CascadeDynamicsResult,
  options: StartupTransientOptions = {},
): ChartSpec {
  checkResult(result, 'startupTransientChart');
  const samples = thin(result.samples);
  const series = seriesOf(result);
  const steady = result.steady;
  const steadyOf: Record<string, number | undefined> = {};
  if (steady)
    for (const o of series) {
      const t = total(o.pick(steady as unknown as CascadeSample));
      steadyOf[o.label] = t > 0 ? t : undefined;
    }
  const relative = series.every((o) => steadyOf[o.label] !== undefined);
  const rows = series.flatMap((o) =>
    samples.map((s) => {
      const flow = total(o.pick(s));
      return {
        time: s.time,
        outlet: o.label,
        flow: relative ? percent(flow / (steadyOf[o.label] as number)) : flow,
      };
    }),
  );
  const timeTitle = `Time (${options.timeUnit ?? 'time unit of the flows'})`;
  const t = result.timeToFlowBand;
  const marks =
    t !== undefined && Number.isFinite(t)
      ? [{ time: t, label: `outlet flows within the band from ${at(t)}` }]
      : [];
  // A start-up surge (many times the steady flow for a moment) would flatten the approach to 100 %.
  let top = 0;
  for (const r of rows) top = Math.max(top, r.flow);
  const cut = relative && top > MAX_RELATIVE_FLOW;
  const y = {
    field: 'flow',
    type: 'quantitative',
    title: relative
      ? 'Outlet flow (% of its steady flow)'
      : `Outlet flow (${options.flowUnit ?? 'amount/time'})`,
    ...(cut ? { scale: { domain: [0, MAX_RELATIVE_FLOW] } } : {}),
  };
  const subtitle = cut
    ? `Flows above ${MAX_RELATIVE_FLOW} % of steady (up to ${formatValue(Math.round(top))} %) run off the top`
    : undefined;
  return chartSpec(
    relative
      ? 'Start-up transient: outlet flows as % of their steady flows'
      : 'Start-up transient: outlet flows (no steady state to compare with)',
    {
      layer: [
        {
          data: { values: rows },
          mark: { type: 'line', clip: true },
          encoding: {
            x: { field: 'time', type: 'quantitative', title: timeTitle },
            y,
            color: {
              field: 'outlet',
              type: 'nominal',
              title: 'Outlet: species watched',
              sort: series.map((o) => o.label),
              scale: outletColours(series),
            },
          },
        },
        ...(relative
          ? [{ data: { values: [{ flow: 100 }] }, mark: { type: 'rule', color: '#888' }, encoding: { y } }]
          : []),
        ...timeRules(marks, timeTitle, result.samples[result.samples.length - 1]?.time ?? 0),
      ],
    },
    subtitle ? { subtitle } : {},
  );
}

/** Top of the relative flow axis, %: a surge beyond it runs off the chart (and the subtitle says so). */
const MAX_RELATIVE_FLOW = 250;

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
  const rows: { time: number; outlet: string; impurity: number | null }[] = [];
  for (const o of series) {
    for (const s of samples) {
      const outlet = o.pick(s);
      const p = outlet && definedPurity(outlet, o.species, feedRate);
      // An outlet that carries nothing, or nothing but the watched species, has no point on a log axis: the
      // line breaks there instead of joining the samples around the gap.
      const impurity = p === undefined ? 0 : percent(1 - p);
      rows.push({ time: s.time, outlet: o.label, impurity: impurity > 0 ? impurity : null });
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
    scale: outletColours(series),
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
        mark: { type: 'line', invalid: 'break-paths-filter-domains' },
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
