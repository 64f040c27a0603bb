/**
 * Charts of a supply-chain run: production of one stage by country over the months, and each country's
 * share of the separated oxide.
 */
import { fail } from '../../core/errors.js';
import { oneOf } from '../../core/validate.js';
import type { SupplyChainResult } from '../../supply/simulate.js';
import type { Stage } from '../../supply/types.js';
import { type ChartSpec, chartSpec, percent, seriesColours } from './spec.js';

/** Options of the supply-chain charts. */
export interface SupplyChartOptions {
  /** Country names by code (a scenario's `countries`), to label the legend `China (CN)`. */
  readonly countries?: Readonly<Record<string, string>>;
}

const STAGES: readonly Stage[] = ['concentrate', 'mixed', 'oxide', 'metal', 'magnet'];

const STAGE_TITLE: Readonly<Record<Stage, string>> = {
  concentrate: 'Mine output (concentrate)',
  mixed: 'Cracking output (mixed rare earths)',
  oxide: 'Separation output (separated oxide)',
  metal: 'Metal output',
  magnet: 'Magnet output',
};

/** Material is counted as t REO up to oxide, as t of rare-earth metal in metal and magnets. */
const STAGE_UNIT: Readonly<Record<Stage, string>> = {
  concentrate: 't REO/month',
  mixed: 't REO/month',
  oxide: 't REO/month',
  metal: 't RE metal/month',
  magnet: 't RE metal/month',
};

/** Milliseconds since 1970 (UTC) of the first day of a 'YYYY-MM' month; the chart's time axis is UTC. */
function monthStart(path: string, month: string): number {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m) fail('INVALID_TYPE', path, month, "a month 'YYYY-MM'");
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, 1);
}

function checkResult(fn: string, result: SupplyChainResult): void {
  if (!result || !Array.isArray(result.months) || typeof result.production !== 'object')
    fail('INVALID_TYPE', fn, result, 'a supply-chain result (months, production, separatedShare)');
}

/** One point of a country's series: month start (ms, UTC), legend label, stacking rank, value. */
interface Row {
  readonly month: number;
  readonly country: string;
  readonly rank: number;
  readonly value: number;
}

/** Rows of monthly series by country, countries with the most first (rank 0), all-zero ones left out. */
function byCountry(
  fn: string,
  result: SupplyChainResult,
  series: Readonly<Record<string, readonly number[]>>,
  scale: (x: number) => number,
  names: Readonly<Record<string, string>> | undefined,
): { rows: Row[]; countries: string[]; codes: string[] } {
  const times = result.months.map((m, i) => monthStart(`${fn}.months[${i}]`, m));
  const label = (c: string) => (names?.[c] ? `${names[c]} (${c})` : c);
  const totals = Object.entries(series)
    .map(([c, v]) => ({ c, total: v.reduce((a, b) => a + b, 0) }))
    .filter((x) => x.total > 0)
    .sort((a, b) => b.total - a.total || (a.c < b.c ? -1 : 1));
  const rows = totals.flatMap(({ c }, rank) =>
    times.map((month, i) => ({ month, country: label(c), rank, value: scale(series[c]?.[i] ?? 0) })),
  );
  return { rows, countries: totals.map((x) => label(x.c)), codes: totals.map((x) => x.c) };
}

/** A stacked area chart of rows by country, each country in its colour (by its place in the scenario's list). */
function areaChart(
  title: string,
  series: { rows: readonly Row[]; countries: readonly string[]; codes: readonly string[] },
  names: Readonly<Record<string, string>> | undefined,
  yTitle: string,
  yScale: Record<string, unknown>,
): ChartSpec {
  const { rows, countries, codes } = series;
  return chartSpec(title, {
    data: { values: rows },
    mark: { type: 'area', interpolate: 'step-after', opacity: 0.9 },
    encoding: {
      x: { field: 'month', type: 'temporal', timeUnit: 'utcyearmonth', title: 'Time (month, UTC)' },
      y: { field: 'value', type: 'quantitative', title: yTitle, stack: 'zero', scale: yScale },
      color: {
        field: 'country',
        type: 'nominal',
        title: 'Country',
        sort: countries,
        scale: seriesColours(countries, codes, names ? Object.keys(names) : undefined),
      },
      order: { field: 'rank', type: 'quantitative' },
    },
  });
}

/**
 * Monthly production of one stage of the chain by country, stacked: mines (`concentrate`), crackers
 * (`mixed`), separation plants (`oxide`), metal makers (`metal`) or magnet makers (`magnet`), in t REO per
 * month up to oxide and t of rare-earth metal per month for metal and magnets. Countries with the largest
 * total are stacked first; countries that made nothing are left out.
 *
 * @param result a {@link SupplyChainResult} of {@link reesim!simulateSupplyChain | simulateSupplyChain}
 * @param stage the stage whose output to show
 * @param options country names for the legend
 * @throws ReesimError INVALID_TYPE when `result` is not a supply-chain result; UNKNOWN_KEY for an unknown
 *   stage
 * @example
 * ```ts
 * const r = { months: ['2024-01', '2024-02'], production: { oxide: { CN: [10, 12], US: [0, 0] } },
 *   separatedShare: { CN: [1, 1] } };
 * const spec = supplyProductionChart(r as unknown as SupplyChainResult, 'oxide', { countries: { CN: 'China' } });
 * (spec.data as { values: { country: string }[] }).values[0]?.country; // 'China (CN)'
 * ```
 */
export function supplyProductionChart(
  result: SupplyChainResult,
  stage: Stage,
  options: SupplyChartOptions = {},
): ChartSpec {
  checkResult('supplyProductionChart', result);
  const s = oneOf('supplyProductionChart.stage', stage, STAGES);
  const series = byCountry(
    'supplyProductionChart',
    result,
    result.production[s] ?? {},
    (x) => x,
    options.countries,
  );
  return areaChart(
    `${STAGE_TITLE[s]} by country`,
    series,
    options.countries,
    `Production (${STAGE_UNIT[s]})`,
    {},
  );
}

/**
 * Each country's share of the separated rare-earth oxide made in each month (%), stacked to 100 % in months
 * with any separation. Countries that never separated anything are left out.
 *
 * @param result a {@link SupplyChainResult} of {@link reesim!simulateSupplyChain | simulateSupplyChain}
 * @param options country names for the legend
 * @throws ReesimError INVALID_TYPE when `result` is not a supply-chain result
 * @example
 * ```ts
 * const r = { months: ['2024-01', '2024-02'], production: {}, separatedShare: { CN: [0.9, 0.8], MY: [0.1, 0.2] } };
 * const spec = separatedShareChart(r as unknown as SupplyChainResult);
 * (spec.data as { values: { value: number }[] }).values[1]?.value; // 80
 * ```
 */
export function separatedShareChart(result: SupplyChainResult, options: SupplyChartOptions = {}): ChartSpec {
  checkResult('separatedShareChart', result);
  const series = byCountry(
    'separatedShareChart',
    result,
    result.separatedShare ?? {},
    percent,
    options.countries,
  );
  return areaChart(
    'Share of separated oxide by country',
    series,
    options.countries,
    'Share of separated oxide (%)',
    {
      domain: [0, 100],
    },
  );
}

/**
 * Who runs short: each country's demand not met in each month, as % of what its demand entries asked that
 * month (every entry in its own stage's unit: t REO up to oxide, t of RE metal for metal and magnets), one
 * line per country that was ever short by more than 10⁻⁶ of its demand. Months in which a country asked
 * nothing have no point. No country short: no rows (and `chartsFor` leaves the chart out).
 *
 * @param result a {@link SupplyChainResult} of {@link reesim!simulateSupplyChain | simulateSupplyChain}
 * @param options country names for the legend
 * @throws ReesimError INVALID_TYPE when `result` is not a supply-chain result
 * @example
 * ```ts
 * const r = { months: ['2025-01', '2025-02'], production: {}, separatedShare: {},
 *   demand: [{ id: 'jp', country: 'JP', sector: 'magnets', demanded: [10, 10], met: [10, 4], shortfall: {} }] };
 * const spec = shortfallChart(r as unknown as SupplyChainResult, { countries: { JP: 'Japan' } });
 * (spec.data as { values: { value: number }[] }).values[1]?.value; // 60
 * ```
 */
export function shortfallChart(result: SupplyChainResult, options: SupplyChartOptions = {}): ChartSpec {
  checkResult('shortfallChart', result);
  const months = result.months.map((m, i) => monthStart(`shortfallChart.months[${i}]`, m));
  const asked = new Map<string, number[]>();
  const got = new Map<string, number[]>();
  for (const d of result.demand ?? []) {
    const a = asked.get(d.country) ?? new Array<number>(months.length).fill(0);
    const g = got.get(d.country) ?? new Array<number>(months.length).fill(0);
    months.forEach((_, i) => {
      a[i] = (a[i] as number) + (d.demanded[i] ?? 0);
      g[i] = (g[i] as number) + (d.met[i] ?? 0);
    });
    asked.set(d.country, a);
    got.set(d.country, g);
  }
  const names = options.countries;
  const label = (c: string) => (names?.[c] ? `${names[c]} (${c})` : c);
  const short = [...asked.entries()]
    .map(([c, a]) => {
      const g = got.get(c) as number[];
      const worst = a.reduce((m, x, i) => (x > 0 ? Math.max(m, (x - (g[i] as number)) / x) : m), 0);
      return { c, a, g, worst };
    })
    .filter((x) => x.worst > 1e-6)
    .sort((x, y) => y.worst - x.worst || (x.c < y.c ? -1 : 1));
  const rows = short.flatMap(({ c, a, g }) =>
    months.flatMap((month, i) =>
      (a[i] as number) > 0
        ? [{ month, country: label(c), value: percent(Math.max(0, 1 - (g[i] as number) / (a[i] as number))) }]
        : [],
    ),
  );
  const countries = short.map((x) => label(x.c));
  return chartSpec('Demand not met by country', {
    data: { values: rows },
    mark: { type: 'line', interpolate: 'step-after' },
    encoding: {
      x: { field: 'month', type: 'temporal', timeUnit: 'utcyearmonth', title: 'Time (month, UTC)' },
      y: {
        field: 'value',
        type: 'quantitative',
        title: "Demand not met (% of the month's demand)",
        scale: { domainMin: 0 },
      },
      color: {
        field: 'country',
        type: 'nominal',
        title: 'Country',
        sort: countries,
        scale: seriesColours(
          countries,
          short.map((x) => x.c),
          names ? Object.keys(names) : undefined,
        ),
      },
    },
  });
}
