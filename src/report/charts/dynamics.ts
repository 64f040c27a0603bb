/**
 * The start-up transient of a cascade: outlet purities against time.
 */
import { fail } from '../../core/errors.js';
import type { CascadeDynamicsResult } from '../../sx/dynamics/dynamics.js';
import type { CascadeOutlet } from '../../sx/steady/simulateCascade.js';
import { definedPurity, inflowRate, outletTotal as total } from '../outletPurity.js';
import { CHART_HEIGHT, type ChartSpec, chartSpec, percent, thin } from './spec.js';

/** Options of {@link startupTransientChart}. */
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

/**
 * Start-up transient: the purity of the net organic product in its main species and of the raffinate in
 * its main species (both taken at the end of the run), sampled over time. Samples where an outlet carries
 * nothing (an empty cascade filling up, total reflux) have no purity and are left out: an outlet carries
 * nothing when its total flow is below 10⁻⁹ of the feed's (the run's average inflow). A dotted rule marks
 * the time from which the outlets stay within the run's tolerance of the steady state, when they do. A run
 * of more than 2,000 samples is drawn at 2,000 evenly spaced samples (the first and the last kept), so the
 * SVG stays small; the report's transient table holds every sample.
 *
 * @param result a {@link CascadeDynamicsResult} of {@link simulateCascadeDynamics}
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
  if (
    !result ||
    !Array.isArray(result.samples) ||
    result.samples.length === 0 ||
    !Array.isArray(result.species)
  )
    fail('INVALID_TYPE', 'startupTransientChart', result, 'a cascade dynamics result with samples');
  const last = result.samples[result.samples.length - 1];
  const productKey = main(
    result.species,
    last && total(last.product) > 0 ? last.product : last?.loadedOrganic,
  );
  const raffinateKey = main(result.species, last?.raffinate);
  const rows: { time: number; outlet: string; purity: number }[] = [];
  const series: string[] = [];
  const feedRate = inflowRate(result);
  const samples = thin(result.samples);
  const follow = (
    name: string,
    key: string | undefined,
    pick: (s: (typeof result.samples)[number]) => CascadeOutlet,
  ) => {
    if (key === undefined) return;
    const label = `${name}: ${key}`;
    series.push(label);
    for (const s of samples) {
      const p = definedPurity(pick(s), key, feedRate);
      if (p !== undefined) rows.push({ time: s.time, outlet: label, purity: percent(p) });
    }
  };
  follow('Organic product', productKey, (s) => s.product);
  follow('Raffinate', raffinateKey, (s) => s.raffinate);
  const timeTitle = `Time (${options.timeUnit ?? 'time unit of the flows'})`;
  const layers: Record<string, unknown>[] = [
    {
      data: { values: rows },
      mark: { type: 'line' },
      encoding: {
        x: { field: 'time', type: 'quantitative', title: timeTitle },
        y: { field: 'purity', type: 'quantitative', title: "Purity (% of the outlet's amount)" },
        color: { field: 'outlet', type: 'nominal', title: 'Outlet: species', sort: series },
      },
    },
  ];
  const t = result.timeToSteadyState;
  if (t !== undefined && Number.isFinite(t)) {
    const mark = { time: t, label: 'steady state reached' };
    layers.push(
      {
        data: { values: [mark] },
        mark: { type: 'rule', color: '#888', strokeDash: [2, 2] },
        encoding: { x: { field: 'time', type: 'quantitative', title: timeTitle } },
      },
      {
        data: { values: [mark] },
        mark: { type: 'text', align: 'left', baseline: 'bottom', dx: 4, dy: -4, color: '#555' },
        encoding: {
          x: { field: 'time', type: 'quantitative', title: timeTitle },
          y: { value: CHART_HEIGHT },
          text: { field: 'label' },
        },
      },
    );
  }
  return chartSpec('Start-up transient: outlet purity over time', { layer: layers });
}
