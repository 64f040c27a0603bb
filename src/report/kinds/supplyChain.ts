/**
 * Report of a supply-chain run ({@link SupplyChainResult}): per year each country's share of separated
 * oxide and the shortfalls by element; tables by year (production by country and stage, separated share,
 * trade by route, demand) and by month (world production by stage, shortfalls, stocks). Quantities in t:
 * t REO up to oxide, t of RE metal for metal and magnets (the supply model's units).
 */
import type { SupplyChainResult } from '../../supply/simulate.js';
import type { Stage } from '../../supply/types.js';
import {
  expectFields,
  type Kpi,
  kpi,
  percent,
  type ReportParts,
  type ReportTable,
  share,
  sum,
} from './common.js';

const STAGES: readonly Stage[] = ['concentrate', 'mixed', 'oxide', 'metal', 'magnet'];

function unitOf(stage: Stage): string {
  return stage === 'metal' || stage === 'magnet' ? 't RE metal' : 't REO';
}

/** Route key `stage:exporter>importer` split into its parts. */
function route(key: string): [string, string, string] {
  const colon = key.indexOf(':');
  const rest = key.slice(colon + 1);
  const arrow = rest.indexOf('>');
  return [key.slice(0, colon), rest.slice(0, arrow), rest.slice(arrow + 1)];
}

/** Elements with demand, in order of first appearance. */
function demandElements(r: SupplyChainResult): string[] {
  return [...new Set(r.demand.flatMap((d) => Object.keys(d.shortfall)))];
}

/** The report of a `supply-chain` run. */
export function supplyChainReport(_input: unknown, result: unknown): ReportParts {
  expectFields('supply-chain', result, [
    'months',
    'production',
    'trade',
    'demand',
    'separatedShare',
    'years',
    'balanceResidual',
    'lp',
  ]);
  const r = result as SupplyChainResult;
  const years = Object.entries(r.years);
  const countries = [
    ...new Set(
      STAGES.flatMap((s) => Object.keys(r.production[s] ?? {})).concat(Object.keys(r.separatedShare)),
    ),
  ];
  const elements = demandElements(r);

  const kpis: Kpi[] = [];
  for (const [year, y] of years) {
    for (const c of countries) {
      const s = y.separatedShare[c] ?? 0;
      if (s > 0) kpis.push(kpi(`${year} separated share ${c}`, percent(s), '%'));
    }
    for (const el of elements) {
      const short = Object.values(y.demand).reduce((a, d) => a + (d.shortfall[el] ?? 0), 0);
      kpis.push(kpi(`${year} shortfall ${el}`, short, 't'));
    }
  }

  const production: ReportTable = {
    name: 'production-yearly',
    title: 'Production by year, stage and country',
    columns: ['Year', 'Stage', 'Unit', ...countries.map((c) => `${c} (t)`), 'Total (t)'],
    rows: years.flatMap(([year, y]) =>
      STAGES.map((s) => {
        const by = y.production[s] ?? {};
        return [year, s, unitOf(s), ...countries.map((c) => by[c] ?? 0), sum(by)];
      }),
    ),
  };
  const separated: ReportTable = {
    name: 'separated-share-yearly',
    title: "Each country's share of separated oxide, by year",
    columns: ['Year', ...countries.map((c) => `${c} (%)`)],
    rows: years.map(([year, y]) => [year, ...countries.map((c) => percent(y.separatedShare[c] ?? 0))]),
  };
  const routes = Object.keys(r.trade)
    .filter((k) => sum(r.trade[k] ?? []) > 0)
    .sort();
  const trade: ReportTable = {
    name: 'trade-yearly',
    title: 'International shipments by route and year (by the month they leave)',
    columns: ['Stage', 'From', 'To', ...years.map(([year]) => `${year} (t)`)],
    rows: routes.map((k) => [...route(k), ...years.map(([, y]) => y.trade[k] ?? 0)]),
  };
  const demand: ReportTable = {
    name: 'demand-yearly',
    title: 'Demand by year: asked, met and shortfall by element',
    columns: [
      'Year',
      'Demand',
      'Country',
      'Sector',
      'Demanded (t)',
      'Met (t)',
      'Met (%)',
      ...elements.map((e) => `Shortfall ${e} (t)`),
    ],
    rows: years.flatMap(([year, y]) =>
      Object.entries(y.demand).map(([id, d]) => [
        year,
        id,
        d.country,
        d.sector,
        d.demanded,
        d.met,
        percent(share(d.met, d.demanded)),
        ...elements.map((e) => d.shortfall[e] ?? 0),
      ]),
    ),
  };
  const held = years.flatMap(([year, y]) =>
    y.inventoryBreakdown ? [[year, y.inventoryBreakdown] as const] : [],
  );
  const surplusElements = [...new Set(held.flatMap(([, b]) => Object.keys(b.surplus.byElement)))].sort(
    (a, b) =>
      sum(held.map(([, x]) => x.surplus.byElement[b] ?? 0)) -
      sum(held.map(([, x]) => x.surplus.byElement[a] ?? 0)),
  );
  const inventory: ReportTable = {
    name: 'inventory-yearly',
    title:
      "Facility and market inventories at each year's end (t REO; stocks built up since the run's first " +
      'simulated month, its warm-up included): by stage, and the surplus, what is held of elements no demand ' +
      'asks for, by element',
    columns: [
      'Year',
      ...STAGES.map((s) => `${s} (t REO)`),
      'Total (t REO)',
      'Surplus (t REO)',
      ...surplusElements.map((e) => `Surplus ${e} (t REO)`),
    ],
    rows: held.map(([year, b]) => [
      year,
      ...STAGES.map((s) => b.byStage[s] ?? 0),
      sum(Object.values(b.byStage)),
      sum(Object.values(b.surplus.byElement)),
      ...surplusElements.map((e) => b.surplus.byElement[e] ?? 0),
    ]),
  };
  const monthly: ReportTable = {
    name: 'monthly',
    title: 'By month: world production by stage, shortfalls by element, stocks',
    columns: [
      'Month',
      ...STAGES.map((s) => `${s} (${unitOf(s)})`),
      ...elements.map((e) => `Shortfall ${e} (t)`),
      'Inventory (t REO)',
      'In transit (t REO)',
    ],
    rows: r.months.map((m, t) => [
      m,
      ...STAGES.map((s) => Object.values(r.production[s] ?? {}).reduce((a, v) => a + (v[t] ?? 0), 0)),
      ...elements.map((e) => r.demand.reduce((a, d) => a + (d.shortfall[e]?.[t] ?? 0), 0)),
      r.inventory[t] ?? 0,
      r.inTransit[t] ?? 0,
    ]),
  };
  const notes = [
    `Scenario: ${r.scenario}; ${r.months.length} months from ${r.months[0] ?? '-'}, after a warm-up of ${r.warmUpMonths ?? 0} months (run, not reported; stocks include it).`,
    `LP: ${r.lp.solves} solves, ${r.lp.notOptimal} not optimal.`,
    'Balance residual: largest monthly conservation residual, relative to all material mined.',
  ];
  return {
    kpis,
    tables: [production, separated, trade, demand, inventory, monthly],
    evidence: {
      converged: r.lp.notOptimal === 0,
      scope: 'the monthly LP solves (every one optimal)',
      balanceResidual: r.balanceResidual,
      notes,
      warnings: r.warnings.map((w) => `${w.path}: ${w.message} [${w.code}]`),
    },
  };
}
