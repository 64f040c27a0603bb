// Scenario reports (src/report/scenarioReport.ts, csv.ts, markdown.ts) on small real runs of every kind:
// conservation visible in a plant's stream table, Kremser's closed form in a cascade's KPIs, CSV that reads
// back cell for cell, Markdown that escapes pipes and caps long tables, evidence for every kind, and no NaN
// or Infinity anywhere in a report.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SPECIES } from '../../src/chemistry/species.js';
import { simulateFlowsheet } from '../../src/flowsheet/simulate.js';
import type { FlowsheetSpec } from '../../src/flowsheet/spec.js';
import { toCsv } from '../../src/report/csv.js';
import { formatValue } from '../../src/report/kinds/common.js';
import { MAX_MARKDOWN_ROWS, markdownReport } from '../../src/report/markdown.js';
import {
  type ReportTable,
  type ScenarioReport,
  scenarioReport,
  summaryText,
} from '../../src/report/scenarioReport.js';
import type { ScenarioKind } from '../../src/scenario/kinds.js';
import { makeStream } from '../../src/stream/stream.js';
import { type MonteCarloStudy, monteCarloBatch } from '../../src/study/monteCarlo.js';
import { type ParallelLinesRequest, parallelLines } from '../../src/study/parallelLines.js';
import { summarise } from '../../src/study/summary.js';
import { gridPoints, sweepBatch } from '../../src/study/sweep.js';
import { simulateSupplyChain } from '../../src/supply/simulate.js';
import type { SupplyScenario } from '../../src/supply/types.js';
import type { CascadeSpec } from '../../src/sx/cascadeSpec.js';
import { designCascade } from '../../src/sx/design/designCascade.js';
import { designSeparationTrain } from '../../src/sx/design/separationTrain.js';
import { simulateCascadeDynamics } from '../../src/sx/dynamics/dynamics.js';
import { distribution, separationFactors } from '../../src/sx/equilibrium/equilibrium.js';
import { simulateCascade } from '../../src/sx/steady/simulateCascade.js';
import { codeOf } from '../helpers.js';

// ---------------------------------------------------------------------------------------------------------
// Small real runs of every kind

const conc = makeStream('concentrate', { La: 20, Ce: 30, Nd: 10, Th: 0.5, Ca: 5, Gangue: 20, H2O: 5 });

/** A leach whose residue is half recycled to its feed: a recycle loop, reagents, a product and a residue. */
const plant: FlowsheetSpec = {
  name: 'releach',
  feeds: { conc },
  blocks: [
    {
      id: 'leach',
      unit: 'hcl-leach',
      params: { mode: 'dissolve' },
      inlets: { feed: ['recycle', 'conc'] },
      outlets: { liquor: 'liquor', residue: 'residue' },
    },
    {
      id: 'split',
      unit: 'splitter',
      params: { fraction: 0.5 },
      inlets: { feed: 'residue' },
      outlets: { first: 'recycle', second: 'waste' },
    },
  ],
  products: ['liquor'],
  residues: ['waste'],
};

const cascadeSpec: CascadeSpec = {
  stages: { extraction: 2 },
  feed: { flows: { A: 1, B: 1 }, volume: 1 },
  organic: { volume: 1 },
  equilibrium: distribution({ A: 4, B: 0.25 }),
};

const designRequest = {
  feed: { A: 0.5, B: 0.5 },
  equilibrium: separationFactors({ A: 2, B: 1 }),
  purity: { organic: 0.99, aqueous: 0.99 },
};

const trainRequest = { feed: { La: 1, Ce: 1, Pr: 0.5 }, purity: 0.99 };

const dynamicsInput = {
  spec: {
    stages: { extraction: 3, scrub: 2 },
    feed: { flows: { A: 0.5, B: 0.5 }, volume: 1 },
    organic: { volume: 2 },
    scrub: { volume: 1 },
    equilibrium: distribution({ A: 0.85, B: 1.5 }),
  } satisfies CascadeSpec,
  options: {
    holdup: { mixer: { residenceTime: 0.05 }, settler: { residenceTime: 0.5 } },
    duration: 30,
    sampleEvery: 1,
  },
};

const MAGNET = ['Nd', 'Pr', 'Dy', 'Tb'];
const toy: SupplyScenario = {
  name: 'toy',
  countries: { CN: 'China', US: 'United States', JP: 'Japan' },
  facilities: [
    { id: 'bayan', country: 'CN', kind: 'mine', capacity: 120_000, mix: { deposit: 'bayan-obo' } },
    { id: 'mp', country: 'US', kind: 'mine', capacity: 45_000, mix: { deposit: 'mountain-pass' } },
    { id: 'baotou', country: 'CN', kind: 'separation', capacity: 150_000, recovery: 0.95 },
    { id: 'cnMetal', country: 'CN', kind: 'metal', capacity: 40_000, recovery: 0.98, elements: MAGNET },
    { id: 'jpMagnet', country: 'JP', kind: 'magnet', capacity: 8_000, recovery: 0.98, elements: MAGNET },
  ],
  links: [
    { from: 'bayan', to: 'baotou', stage: 'concentrate' },
    { from: 'mp', to: 'baotou', stage: 'concentrate', leadTime: 1 },
    { from: 'baotou', to: 'cnMetal', stage: 'oxide' },
    { from: 'cnMetal', to: 'jpMagnet', stage: 'metal', leadTime: 1 },
  ],
  demand: [
    { id: 'jp', country: 'JP', sector: 'magnets', stage: 'magnet', elements: { Nd: 60_000, Dy: 3_000 } },
  ],
};
const supplyInput = { scenario: toy, options: { start: '2024-11', months: 4 } };

/** A Monte Carlo study on the cascade whose D of A sometimes goes negative: those runs fail. */
const mcStudy: MonteCarloStudy = {
  model: 'cascade',
  base: cascadeSpec,
  parameters: [
    { path: 'equilibrium.D.A', distribution: { kind: 'uniform', min: -1, max: 6 } },
    { path: 'organic.volume', distribution: { kind: 'uniform', min: 0.5, max: 2 } },
  ],
  outputs: ['toOrganic.A', 'balanceError'],
  runs: 40,
  thresholds: { 'toOrganic.A': { min: 0.9 } },
};

function seeded(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

function monteCarloResult() {
  const table = monteCarloBatch(mcStudy, { random: seeded(7) });
  return {
    ...table,
    columns: { inputs: mcStudy.parameters.map((p) => p.path), outputs: mcStudy.outputs },
    summary: summarise(mcStudy, table),
    seed: 'test',
    batchSize: 40,
    batches: 1,
  };
}

/** A Pr/Nd line (P507, 99 %) fed in t REO/yr, with its start-up for (c), and (d) past its ceiling. */
const linesRequest: ParallelLinesRequest = {
  feed: { Pr: 2000, Nd: 6000 },
  unit: 't REO/yr',
  feedVolume: 2,
  purity: { organic: 0.99, aqueous: 0.99 },
  k: 3,
  f: 1.9,
  beta: 2,
  startup: { hours: 100, sampleEvery: 10, lines: ['c'] },
};

const sweepStudy = {
  model: 'cascade' as const,
  base: cascadeSpec,
  ...gridPoints([
    { path: 'equilibrium.D.A', values: [0.5, 1, 2, 4] },
    { path: 'organic.volume', values: [1, 2] },
  ]),
  outputs: ['toOrganic.A', 'product.purity.A'],
};

async function runAll(): Promise<[ScenarioKind, unknown, unknown][]> {
  const sweepTable = sweepBatch(sweepStudy);
  return [
    ['flowsheet', plant, simulateFlowsheet(plant)],
    ['cascade', cascadeSpec, simulateCascade(cascadeSpec)],
    ['design', designRequest, designCascade(designRequest)],
    ['train', trainRequest, designSeparationTrain(trainRequest)],
    [
      'cascade-dynamics',
      dynamicsInput,
      simulateCascadeDynamics(dynamicsInput.spec, dynamicsInput.options as never),
    ],
    ['supply-chain', supplyInput, await simulateSupplyChain(toy, supplyInput.options)],
    ['parallel-lines', linesRequest, parallelLines(linesRequest)],
    ['monte-carlo', mcStudy, monteCarloResult()],
    [
      'sweep',
      sweepStudy,
      {
        ...sweepTable,
        columns: { inputs: sweepStudy.parameters, outputs: sweepStudy.outputs },
        batchSize: 8,
        batches: 1,
      },
    ],
  ];
}

/** Every number reachable in `value`, with its path. */
function numbers(value: unknown, path = 'report'): [string, number][] {
  if (typeof value === 'number') return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => numbers(v, `${path}[${i}]`));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => numbers(v, `${path}.${k}`));
  return [];
}

function table(report: ScenarioReport, name: string): ReportTable {
  const t = report.tables.find((x) => x.name === name);
  if (!t) throw new Error(`no table ${name} in ${report.tables.map((x) => x.name).join(', ')}`);
  return t;
}

function column(t: ReportTable, name: string): number[] {
  const j = t.columns.indexOf(name);
  if (j < 0) throw new Error(`no column ${name} in ${t.columns.join(', ')}`);
  return t.rows.map((r) => r[j] as number);
}

/** The Markdown of a report, with nothing but the report in it. */
function markdown(report: ScenarioReport): string {
  return markdownReport({
    title: report.kind,
    kind: report.kind,
    report,
    charts: [],
    input: { text: '', format: 'yaml' },
  });
}

function kpiValue(report: ScenarioReport, label: string): number | string | undefined {
  return report.kpis.find((k) => k.label === label)?.value;
}

/** A CSV reader for the tests (RFC 4180: quoted fields may hold commas, quotes doubled, line breaks). */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let fieldText = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        fieldText += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else fieldText += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      record.push(fieldText);
      fieldText = '';
    } else if (ch === '\n') {
      record.push(fieldText);
      records.push(record);
      record = [];
      fieldText = '';
    } else fieldText += ch;
  }
  if (fieldText !== '' || record.length > 0) throw new Error('CSV does not end with a line break');
  return records;
}

// ---------------------------------------------------------------------------------------------------------

describe('scenarioReport(every kind)', async () => {
  const runs = await runAll();

  it('covers every scenario kind', () => {
    expect(runs.map(([k]) => k).sort()).toEqual(
      [
        'cascade',
        'cascade-dynamics',
        'design',
        'flowsheet',
        'monte-carlo',
        'parallel-lines',
        'supply-chain',
        'sweep',
        'train',
      ].sort(),
    );
  });

  for (const [kind, input, result] of runs) {
    it(`${kind}: evidence, KPIs and tables, rectangular, finite, rendered to CSV, Markdown and a summary`, () => {
      const report = scenarioReport(kind, input, result);
      expect(report.kind).toBe(kind);
      expect(typeof report.evidence.converged).toBe('boolean');
      expect(report.evidence.balanceResidual).toBeGreaterThanOrEqual(0);
      expect(report.evidence.balanceResidual).toBeLessThanOrEqual(1e-9);
      expect(report.evidence.notes.length).toBeGreaterThan(0);
      expect(report.kpis.length).toBeGreaterThan(0);
      expect(report.tables.length).toBeGreaterThan(0);
      expect(numbers(report).filter(([, x]) => !Number.isFinite(x))).toEqual([]);
      const names = report.tables.map((t) => t.name);
      expect(new Set(names).size).toBe(names.length);
      for (const t of report.tables) {
        expect(t.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
        for (const row of t.rows) expect(row.length).toBe(t.columns.length);
        expect(parseCsv(toCsv(t)).length).toBe(t.rows.length + 1);
      }
      const md = markdownReport({
        title: `A ${kind} run`,
        kind,
        report,
        charts: [],
        input: { text: JSON.stringify(input), format: 'json' },
      });
      for (const t of report.tables) expect(md).toContain(`### ${t.title}`);
      expect(md).toContain('## Evidence');
      // The evidence line says what "converged" covers for the kind (for dynamics: the steady-state solve);
      // a study's says how many runs succeeded and failed, so "yes" cannot read as "every run converged".
      expect(report.evidence.scope).toMatch(/\S/);
      if (kind === 'monte-carlo' || kind === 'sweep')
        expect(md).toMatch(/^- (Runs|Points) converged: \d+ of \d+ succeeded, /m);
      else expect(md).toContain(`- Converged (${report.evidence.scope}): `);
      const text = summaryText(report);
      expect(text.split('\n').length).toBeLessThanOrEqual(25);
      expect(text.startsWith(`${kind}: `)).toBe(true);
    });
  }
});

describe('scenarioReport(flowsheet)', () => {
  const result = simulateFlowsheet(plant);
  const report = scenarioReport('flowsheet', plant, result);
  const streams = table(report, 'stream-table');
  const roles = column(streams, 'Role') as unknown as string[];
  const rowsOf = (...want: string[]) => streams.rows.filter((_, i) => want.includes(roles[i] as string));

  it('lists every stream of the plant and every reagent stream a unit adds', () => {
    const names = streams.rows.map((r) => r[0]);
    for (const n of ['conc', 'liquor', 'residue', 'recycle', 'waste']) expect(names).toContain(n);
    expect(roles[names.indexOf('conc')]).toBe('feed');
    expect(roles[names.indexOf('liquor')]).toBe('product');
    expect(roles[names.indexOf('waste')]).toBe('residue');
    expect(roles[names.indexOf('recycle')]).toBe('internal');
  });

  it('its columns sum per species over the products and residues to what entered (feed + added)', () => {
    const species = streams.columns.filter(
      (c) => / \(kg\/h\)$/.test(c) && SPECIES.includes(c.split(' ')[0] as never),
    );
    expect(species.length).toBeGreaterThanOrEqual(6);
    for (const c of species) {
      const j = streams.columns.indexOf(c);
      const into = rowsOf('feed', 'added').reduce((a, r) => a + (r[j] as number), 0);
      const out = rowsOf('product', 'residue').reduce((a, r) => a + (r[j] as number), 0);
      expect(Math.abs(into - out)).toBeLessThanOrEqual(1e-9 * Math.max(into, 1));
    }
    // The feed's own numbers: 10 kg/h Nd and 0.5 kg/h Th entered; all of it leaves in liquor and waste.
    const nd = streams.columns.indexOf('Nd (kg/h)');
    const th = streams.columns.indexOf('Th (kg/h)');
    expect(rowsOf('product', 'residue').reduce((a, r) => a + (r[nd] as number), 0)).toBeCloseTo(10, 9);
    expect(rowsOf('product', 'residue').reduce((a, r) => a + (r[th] as number), 0)).toBeCloseTo(0.5, 9);
  });

  it('recoveries to the product and the residues add up to 100 % for every element', () => {
    const t = table(report, 'recoveries');
    const p = column(t, 'liquor (%)');
    const r = column(t, 'Residues (%)');
    p.forEach((x, i) => {
      expect(x + (r[i] as number)).toBeCloseTo(100, 8);
    });
  });

  it('reports reagents, energy, thorium and the recycle, with evidence from the result', () => {
    expect(report.kpis.some((k) => k.label.startsWith('Reagent ') && (k.value as number) > 0)).toBe(true);
    expect(kpiValue(report, 'Energy')).toBeTypeOf('number');
    const th = kpiValue(report, 'Th to residues') as number;
    expect(th).toBeGreaterThanOrEqual(0);
    expect(th).toBeLessThanOrEqual(100);
    expect(kpiValue(report, 'Recycle loops converged')).toMatch(/^1 of 1 /);
    expect(table(report, 'recycles').rows).toHaveLength(1);
    expect(report.evidence.converged).toBe(true);
    expect(report.evidence.iterations).toBeGreaterThan(2);
  });
});

describe('scenarioReport(cascade)', () => {
  it('gives the Kremser fractions for two stages at E = 4 and E = 1/4', () => {
    const report = scenarioReport('cascade', cascadeSpec, simulateCascade(cascadeSpec));
    // Unextracted fraction after N stages at extraction factor E: (E − 1)/(E^(N+1) − 1).
    const toOrganic = (e: number) => 100 * (1 - (e - 1) / (e ** 3 - 1));
    expect(kpiValue(report, 'A to product') as number).toBeCloseTo(toOrganic(4), 10);
    expect(kpiValue(report, 'B to product') as number).toBeCloseTo(toOrganic(0.25), 10);
    const profile = table(report, 'stage-profile');
    expect(profile.rows.map((r) => r[0])).toEqual([1, 2]);
    // Outlets: raffinate + net product = feed, species by species.
    const outlets = table(report, 'outlets');
    const a = column(outlets, 'A (amount/time)');
    expect((a[0] as number) + (a[2] as number)).toBeCloseTo(1, 12);
  });
});

describe('scenarioReport(design, train, dynamics, supply chain)', () => {
  it('design: Xu flows and stages, and whether the purity targets were met', () => {
    const d = designCascade(designRequest);
    const report = scenarioReport('design', designRequest, d);
    const rows = table(report, 'design').rows;
    const value = (q: string) => rows.find((r) => r[0] === q)?.[1];
    expect(value('Total stages (verified)')).toBe(
      (value('Extraction stages (verified)') as number) + (value('Scrub stages (verified)') as number),
    );
    expect(value('Key pair (A/B)')).toBe('A/B');
    expect(report.evidence.notes.filter((n) => /^Purity target of the .* met/.test(n))).toHaveLength(2);
    expect(report.evidence.notes.some((n) => n.includes('NOT met'))).toBe(false);
    expect(table(report, 'verifying-stage-profile').rows).toHaveLength(
      value('Total stages (verified)') as number,
    );
  });

  it('design: a target above what was reached is reported as not met', () => {
    const d = designCascade(designRequest);
    const report = scenarioReport(
      'design',
      { ...designRequest, purity: { organic: 0.99999, aqueous: 0.9 } },
      d,
    );
    expect(
      report.evidence.notes.some((n) => n.startsWith('Purity target of the organic product NOT met')),
    ).toBe(true);
  });

  it('train: one row per cut, products with purity, reagents in kg/h', () => {
    const t = designSeparationTrain(trainRequest);
    const report = scenarioReport('train', trainRequest, t);
    const cuts = table(report, 'cuts');
    expect(cuts.rows).toHaveLength(2); // three products need two cuts
    expect(column(cuts, 'Total stages').reduce((a, b) => a + b, 0)).toBe(
      kpiValue(report, 'Total stages (extraction + scrub + strip)'),
    );
    expect(table(report, 'products').rows.map((r) => r[0])).toEqual(['La', 'Ce', 'Pr']);
    // 3 mol NaOH per mol RE loaded: kg/h = mol/h × 40.0 g/mol / 1000.
    const naoh = column(cuts, 'NaOH (mol/h)').reduce((a, b) => a + b, 0);
    expect(kpiValue(report, 'NaOH (saponification)') as number).toBeCloseTo((naoh * 39.997) / 1000, 9);
    expect(report.evidence.notes[0]).toMatch(/^Every product meets the purity target 99/);
  });

  it('cascade-dynamics: a transient row per sample and the time until the outlet flows are within the band', () => {
    const r = simulateCascadeDynamics(dynamicsInput.spec, dynamicsInput.options as never);
    const report = scenarioReport('cascade-dynamics', dynamicsInput, r);
    const transient = table(report, 'transient');
    expect(transient.rows).toHaveLength(31); // t = 0, 1, ..., 30
    expect(column(transient, 'Time (time unit of the flows)')[30]).toBe(30);
    const band =
      "Time until every outlet's flows are within the band (±0.0001 of each outlet's steady total)";
    expect(r.timeToFlowBand).toBeGreaterThan(0);
    expect(kpiValue(report, band)).toBe(r.timeToFlowBand);
    expect(report.kpis.find((k) => k.label === band)?.unit).toBe('time unit of the flows');
    // At the end the product purities of A and B add up to 100 %.
    const a = kpiValue(report, 'Organic product: A purity, final') as number;
    const b = kpiValue(report, 'Organic product: B purity, final') as number;
    expect(a + b).toBeCloseTo(100, 9);
  });

  it('supply-chain: years split at the calendar, mines at capacity, only China separates', async () => {
    const r = await simulateSupplyChain(toy, supplyInput.options);
    const report = scenarioReport('supply-chain', supplyInput, r);
    const production = table(report, 'production-yearly');
    const row = (year: string, stage: string) =>
      production.rows.find((x) => x[0] === year && x[1] === stage) as (string | number)[];
    // 120,000 t/yr is 10,000 t per month: two months in 2024, two in 2025.
    const cn = production.columns.indexOf('CN (t)');
    expect(row('2024', 'concentrate')[cn]).toBeCloseTo(20_000, 6);
    expect(row('2025', 'concentrate')[cn]).toBeCloseTo(20_000, 6);
    expect(kpiValue(report, '2024 separated share CN')).toBeCloseTo(100, 9);
    expect(report.kpis.some((k) => k.label.startsWith('2025 separated share US'))).toBe(false);
    expect(table(report, 'monthly').rows.map((x) => x[0])).toEqual([
      '2024-11',
      '2024-12',
      '2025-01',
      '2025-02',
    ]);
    const trade = table(report, 'trade-yearly');
    expect(trade.rows.some((x) => x[0] === 'concentrate' && x[1] === 'US' && x[2] === 'CN')).toBe(true);
    expect(report.evidence.converged).toBe(r.lp.notOptimal === 0);
  });
});

describe('scenarioReport(parallel-lines)', () => {
  const result = parallelLines(linesRequest);
  const report = scenarioReport('parallel-lines', linesRequest, result);
  /** Counts and words: the only figures and columns without a unit. */
  const unitless = new Set([
    'Extractant system',
    'Key pair (organic/raffinate)',
    'Output factor k',
    'Base train stages (extraction + scrub + strip)',
    'Lines meeting both targets',
    'Lines not built',
    'Line',
    'Way',
    'Trains',
    'Extraction stages per train',
    'Scrub stages per train',
    'Strip stages per train',
    'Mixer-settlers',
    'Meets targets',
    'Not built because',
    'Start',
  ]);

  it('gives every number a unit: KPIs and column headers', () => {
    const bare = report.kpis.filter((k) => typeof k.value === 'number' && !k.unit && !unitless.has(k.label));
    expect(bare).toEqual([]);
    for (const t of report.tables)
      for (const c of t.columns) if (!unitless.has(c)) expect(c, `${t.name}: ${c}`).toMatch(/\([^()]+\)$/);
    expect(kpiValue(report, 'Base solvent inventory')).toBe(
      (result.lines[0] as { solventInventory: number }).solventInventory,
    );
    expect(report.kpis.find((k) => k.label === 'Base solvent inventory')?.unit).toBe('m³');
  });

  it('one row per line; (d) past its ceiling gives its reason; the start-up of (c) in its own table', () => {
    const lines = table(report, 'lines');
    expect(lines.rows.map((r) => r[1])).toEqual(['base', 'a', 'b', 'c', 'd', 'e']);
    const d = result.lines[4];
    expect(d && 'error' in d).toBe(true);
    expect(String(lines.rows[4]?.at(-1))).toMatch(/\[[A-Z_]+\]$/);
    expect(column(lines, 'Output (× base)')[1]).toBeCloseTo(3, 12);
    expect(
      report.evidence.notes.some((n) => n.startsWith('(d) 1 train, 1.9x feed, base organic: not built')),
    ).toBe(true);
    expect(report.evidence.notes.at(-1)).toMatch(/^Feed given in t REO\/yr, converted: amounts in kmol\/h/);
    expect(table(report, 'startup').rows.map((r) => r[0])).toEqual([
      (result.lines[3] as { label: string }).label,
    ]);
  });
});

describe('scenarioReport(monte-carlo, sweep)', () => {
  it('monte-carlo: runs + failures = all runs, named columns, failures counted in the evidence', () => {
    const result = monteCarloResult();
    const report = scenarioReport('monte-carlo', mcStudy, result);
    const runs = table(report, 'runs');
    const failures = table(report, 'failures');
    // Named in words with their units, the path kept for programs reading the CSV; A to product in %.
    expect(runs.columns).toEqual([
      'Run',
      'Distribution ratio D of A [equilibrium.D.A]',
      'Organic volume flow (volume/time) [organic.volume]',
      'A to product (%) [toOrganic.A]',
      'Balance residual (relative) [balanceError]',
    ]);
    expect(failures.rows.length).toBeGreaterThan(0); // D < 0 in about 1 run in 7
    expect(runs.rows.length + failures.rows.length).toBe(40);
    expect(kpiValue(report, 'Failed')).toBe(failures.rows.length);
    // Runs rejected for their inputs (D < 0: OUT_OF_RANGE) made no solve: the study still converged.
    expect(report.evidence.converged).toBe(true);
    const notConverged = {
      ...result,
      failures: [{ run: 0, code: 'NOT_CONVERGED', message: 'x', inputs: [] }],
    };
    expect(scenarioReport('monte-carlo', mcStudy, notConverged).evidence.converged).toBe(false);
    expect(report.evidence.runs).toEqual({
      noun: 'runs',
      succeeded: runs.rows.length,
      failed: failures.rows.length,
      notConverged: 0,
    });
    expect(markdown(report)).toContain(
      `- Runs converged: ${runs.rows.length} of 40 succeeded, ${failures.rows.length} failed (none failed to converge)`,
    );
    for (const r of failures.rows) expect(r[3] as number).toBeLessThanOrEqual(0);
    // The balance residual is the largest balanceError over the runs.
    expect(report.evidence.balanceResidual).toBe(
      Math.max(...column(runs, 'Balance residual (relative) [balanceError]')),
    );
    const p50 = kpiValue(report, 'A to product, P50') as number;
    expect(report.kpis.find((k) => k.label === 'A to product, P50')?.unit).toBe('%');
    const sorted = column(runs, 'A to product (%) [toOrganic.A]').sort((a, b) => a - b);
    expect(sorted.at(-1)).toBeGreaterThan(1); // in %, not a fraction
    expect(p50).toBeGreaterThanOrEqual(sorted[0] as number);
    expect(p50).toBeLessThanOrEqual(sorted.at(-1) as number);
    const t = table(report, 'tornado');
    expect(t.columns).toEqual([
      'Output',
      'Output path',
      'Rank',
      'Parameter',
      'Parameter path',
      'Spearman ρ (-)',
    ]);
    const toProduct = t.rows.filter((r) => r[1] === 'toOrganic.A');
    expect(toProduct.map((r) => r[0])).toContain('A to product');
    expect(toProduct.map((r) => r[4])).toContain('equilibrium.D.A');
    expect(toProduct.map((r) => r[3])).toContain('Distribution ratio D of A');
  });

  it('sweep: a row per point with inputs and outputs, and the output ranges', () => {
    const t = sweepBatch(sweepStudy);
    const report = scenarioReport('sweep', sweepStudy, t); // no columns: taken from the study
    const points = table(report, 'points');
    expect(points.columns).toEqual([
      'Point',
      'Distribution ratio D of A [equilibrium.D.A]',
      'Organic volume flow (volume/time) [organic.volume]',
      'A to product (%) [toOrganic.A]',
      'Product purity of A (%) [product.purity.A]',
    ]);
    expect(points.rows).toHaveLength(8);
    // One stage-pair at E = D·O/A: E = 0.5 at D = 0.5, O = 1 gives the smallest share extracted (in %).
    const lo = kpiValue(report, 'A to product, min') as number;
    expect(lo).toBeCloseTo(100 * (1 - (0.5 - 1) / (0.5 ** 3 - 1)), 8);
    expect(report.kpis.find((k) => k.label === 'A to product, min')?.unit).toBe('%');
    expect(markdown(report)).toContain('- Points converged: 8 of 8 succeeded, none failed');
    expect(report.evidence.converged).toBe(true);
    expect(report.evidence.notes.some((n) => n.includes('not recorded'))).toBe(true);
  });
});

describe('scenarioReport(bad input)', () => {
  it('rejects an unknown kind, a result of the wrong kind, and NaN in a result', () => {
    const r = simulateCascade(cascadeSpec);
    expect(codeOf(() => scenarioReport('reactor' as never, {}, r))).toBe('UNKNOWN_KEY');
    expect(codeOf(() => scenarioReport('flowsheet', {}, r))).toBe('MISSING');
    expect(codeOf(() => scenarioReport('cascade', {}, null))).toBe('INVALID_TYPE');
    const broken = { ...r, product: { ...r.product, purity: { A: Number.NaN, B: 0 } } };
    expect(codeOf(() => scenarioReport('cascade', cascadeSpec, broken))).toBe('NOT_FINITE');
  });
});

// ---------------------------------------------------------------------------------------------------------

describe('toCsv', () => {
  it('writes the exact RFC 4180 text for a small table', () => {
    const t: ReportTable = {
      name: 'x',
      title: 'X',
      columns: ['Stream', 'Nd (kg/h)', 'Note'],
      rows: [
        ['ore', 1.5, 'plain'],
        ['a,b', 0.1 + 0.2, 'say "hi"'],
        ['line\nbreak', -2e-300, ''],
      ],
    };
    expect(toCsv(t)).toBe(
      'Stream,Nd (kg/h),Note\nore,1.5,plain\n"a,b",0.30000000000000004,"say ""hi"""\n"line\nbreak",-2e-300,\n',
    );
  });

  it('reads back cell for cell: strings unchanged, numbers to the last bit', () => {
    const cellArb = fc.oneof(
      fc.string({ unit: fc.constantFrom('a', ',', '"', '\n', '\r', ' ', 'é', '|', 'x') }),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
    );
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 4 })
          .chain((n) =>
            fc.tuple(
              fc.array(fc.string({ minLength: 1 }), { minLength: n, maxLength: n }),
              fc.array(fc.array(cellArb, { minLength: n, maxLength: n }), { maxLength: 5 }),
            ),
          ),
        ([columns, rows]) => {
          const back = parseCsv(toCsv({ name: 't', title: 'T', columns, rows }));
          expect(back[0]).toEqual(columns);
          rows.forEach((row, r) => {
            row.forEach((cell, c) => {
              const text = back[r + 1]?.[c];
              if (typeof cell === 'number') expect(Number(text) === cell).toBe(true);
              else expect(text).toBe(cell);
            });
          });
        },
      ),
    );
  });

  it('rejects NaN and rows of the wrong length', () => {
    expect(codeOf(() => toCsv({ name: 't', title: 'T', columns: ['x'], rows: [[Number.NaN]] }))).toBe(
      'NOT_FINITE',
    );
    expect(codeOf(() => toCsv({ name: 't', title: 'T', columns: ['x', 'y'], rows: [[1]] }))).toBe(
      'INVALID_TYPE',
    );
  });
});

describe('markdownReport', () => {
  const report: ScenarioReport = {
    kind: 'cascade',
    kpis: [{ label: 'Nd | Pr split', value: 99.999996, unit: '%' }],
    tables: [
      {
        name: 'long',
        title: 'A long table',
        columns: ['Stage', 'Note | remark'],
        rows: Array.from({ length: 75 }, (_, i) => [i + 1, i === 0 ? 'a|b\nc' : 'ok']),
      },
    ],
    evidence: {
      converged: false,
      balanceResidual: 3e-15,
      iterations: 7,
      notes: ['one loop | did not converge'],
    },
  };
  const md = markdownReport({
    title: 'Test report',
    description: 'What it is.',
    kind: 'cascade',
    report,
    charts: [{ file: 'charts/profile.svg', title: 'Concentration profile' }],
    tableFiles: { long: 'long.csv' },
    input: { text: 'name: x\nnote: "```"\n', format: 'yaml' },
  });
  const lines = md.split('\n');

  it('escapes pipes in cells, so every table row has one more unescaped pipe than columns', () => {
    expect(md).toContain('| 1 | a\\|b<br>c |');
    expect(md).toContain('| Nd \\| Pr split | 99.999996 | % |');
    const rows = lines.filter((l) => l.startsWith('| '));
    for (const l of rows) {
      const pipes = l.replace(/\\\|/g, '').split('|').length - 1;
      expect([3 + 1, 2 + 1]).toContain(pipes); // KPI table: 3 columns; the long table: 2
    }
  });

  it(`shows ${MAX_MARKDOWN_ROWS} rows of a long table and says how many more are in its CSV file`, () => {
    expect(lines.filter((l) => /^\| \d+ \| /.test(l))).toHaveLength(MAX_MARKDOWN_ROWS);
    expect(md).toContain(`_${75 - MAX_MARKDOWN_ROWS} more rows in [long.csv](long.csv)._`);
    expect(md).toContain('CSV: [long.csv](long.csv)');
  });

  it('has the title, description, evidence, charts and the inputs in a fence longer than any in them', () => {
    expect(lines[0]).toBe('# Test report');
    expect(md).toContain('What it is.');
    expect(md).toContain('- Converged: **no**');
    expect(md).toContain('- Balance residual (relative): 3e-15');
    expect(md).toContain('- Iterations: 7');
    expect(md).toContain('- one loop | did not converge');
    expect(md).toContain('![Concentration profile](charts/profile.svg)');
    expect(md).toContain('````yaml\nname: x\nnote: "```"\n````');
  });
});

describe('formatValue', () => {
  it('keeps 6 significant digits, more where rounding would make a purity read 100', () => {
    expect(formatValue(1234.56789)).toBe('1234.57');
    expect(formatValue(99.9999876)).toBe('99.99999');
    expect(formatValue(42)).toBe('42');
    expect(formatValue(-3.2e-9)).toBe('-3.2e-9');
    expect(formatValue(123456.78)).toBe('123456.8');
  });
});
