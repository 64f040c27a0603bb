// Fixes to reports and charts from the issue-6 review: a study in which no run succeeded claims nothing
// (#13); an outlet carrying nothing has no purity, and a dynamic run's "converged" is not read as settled
// (#14); results of hundreds of thousands of rows neither overflow the stack nor swell the SVGs (#15); the
// products table says what its TREO is (#16); charts without data are left out and no SVG says NaN (#19);
// the McCabe–Thiele staircase is labelled an estimate beside the verified stages (#20); cascade units are
// named once (#21).
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulateFlowsheet } from '../../src/flowsheet/simulate.js';
import type { FlowsheetSpec } from '../../src/flowsheet/spec.js';
import { cascadeProfileChart } from '../../src/report/charts/cascade.js';
import { startupImpurityChart, startupTransientChart } from '../../src/report/charts/dynamics.js';
import { mccabeThieleChart } from '../../src/report/charts/mccabeThiele.js';
import type { ChartSpec } from '../../src/report/charts/spec.js';
import { histogramChart, sweepChart } from '../../src/report/charts/study.js';
import { chartsFor } from '../../src/report/charts.js';
import { toCsv } from '../../src/report/csv.js';
import { markdownReport } from '../../src/report/markdown.js';
import {
  type ReportTable,
  type ScenarioReport,
  scenarioReport,
  summaryText,
} from '../../src/report/scenarioReport.js';
import { renderSvg } from '../../src/report/svg.js';
import type { ScenarioKind } from '../../src/scenario/kinds.js';
import { makeStream } from '../../src/stream/stream.js';
import type { RunTable } from '../../src/study/models.js';
import { type MonteCarloStudy, monteCarloBatch } from '../../src/study/monteCarlo.js';
import { summarise } from '../../src/study/summary.js';
import { simulateSupplyChain } from '../../src/supply/simulate.js';
import type { CascadeSpec } from '../../src/sx/cascadeSpec.js';
import { designCascade } from '../../src/sx/design/designCascade.js';
import { equilibriumCurve, operatingLines, stageSteps } from '../../src/sx/design/mccabeThiele.js';
import {
  type CascadeDynamicsResult,
  type CascadeSample,
  simulateCascadeDynamics,
} from '../../src/sx/dynamics/dynamics.js';
import { distribution, separationFactors } from '../../src/sx/equilibrium/equilibrium.js';
import {
  type CascadeOutlet,
  type StageProfile,
  simulateCascade,
} from '../../src/sx/steady/simulateCascade.js';

// ---------------------------------------------------------------------------------------------------------
// Helpers

function table(report: ScenarioReport, name: string): ReportTable {
  const t = report.tables.find((x) => x.name === name);
  if (!t) throw new Error(`no table ${name} in ${report.tables.map((x) => x.name).join(', ')}`);
  return t;
}

function cells(t: ReportTable, name: string): (string | number)[] {
  const j = t.columns.indexOf(name);
  if (j < 0) throw new Error(`no column ${name} in ${t.columns.join(', ')}`);
  return t.rows.map((r) => r[j] as string | number);
}

/** The inline data rows of a spec, or of its first layer. */
function rows(spec: ChartSpec): Record<string, unknown>[] {
  const data = (spec.data ?? (spec.layer as { data?: unknown }[] | undefined)?.[0]?.data) as
    | { values: Record<string, unknown>[] }
    | undefined;
  return data?.values ?? [];
}

/** Largest count of rows sharing the same value of `key` (points of one series). */
function largestSeries(data: readonly Record<string, unknown>[], ...keys: string[]): number {
  const counts = new Map<string, number>();
  for (const r of data) {
    const k = keys.map((x) => String(r[x])).join('|');
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  let most = 0;
  for (const n of counts.values()) most = Math.max(most, n);
  return most;
}

function markdown(kind: ScenarioKind, report: ScenarioReport): string {
  return markdownReport({ title: kind, kind, report, charts: [], input: { text: kind, format: 'yaml' } });
}

const N = 300_000;

// ---------------------------------------------------------------------------------------------------------
// #13: a study in which no run succeeded

const goodBase: CascadeSpec = {
  stages: { extraction: 2 },
  feed: { flows: { A: 1 }, volume: 1 },
  organic: { volume: 1 },
  equilibrium: distribution({ A: 1 }),
};

/** The review's mc-bad2: every run is rejected (a feed stage beyond the cascade). */
const failing: MonteCarloStudy = {
  model: 'cascade',
  base: { ...goodBase, feed: { ...goodBase.feed, stage: 7 } },
  runs: 10,
  parameters: [{ path: 'organic.volume', distribution: { kind: 'uniform', min: 1, max: 2 } }],
  outputs: ['loadedOrganic.flows.A'],
};

function studyResult(study: MonteCarloStudy) {
  let s = 0.25;
  const t = monteCarloBatch(study, { random: () => (s = (s * 7.31 + 0.137) % 1) });
  return {
    ...t,
    columns: { inputs: study.parameters.map((p) => p.path), outputs: [...study.outputs] },
    summary: summarise(study, t),
    seed: 'review',
    batchSize: study.runs,
    batches: 1,
  };
}

describe('monte-carlo report when no run or too few runs succeeded (#13)', () => {
  const result = studyResult(failing);
  const report = scenarioReport('monte-carlo', failing, result);

  it('claims no convergence and says the balance residual was not recorded', () => {
    expect(result.failures).toHaveLength(10);
    expect(result.failures.every((f) => f.code === 'OUT_OF_RANGE')).toBe(true);
    expect(report.evidence.converged).toBe(false);
    expect(report.evidence.balanceRecorded).toBe(false);
    expect(report.evidence.balanceResidual).toBe(0); // kept finite for JSON; printed as "not recorded"
    expect(report.evidence.notes.some((n) => n.startsWith('No run succeeded'))).toBe(true);
    const md = markdown('monte-carlo', report);
    expect(md).toContain('- Balance residual (relative): not recorded');
    // The counts, not a bare "no": none succeeded, and none of the failures was a solve that did not converge.
    expect(md).toContain('- Runs converged: **no**: 0 of 10 succeeded, 10 failed (none failed to converge)');
    expect(md).not.toMatch(/Balance residual \(relative\): 0/);
    expect(summaryText(report).split('\n')[0]).toMatch(
      /^monte-carlo: NOT converged, balance residual not recorded/,
    );
  });

  it('leaves out the tornado table and every chart', () => {
    expect(report.tables.map((t) => t.name)).not.toContain('tornado');
    expect(chartsFor('monte-carlo', failing, result)).toEqual([]);
  });

  it('with 2 successful runs: histograms but no tornado (a rank correlation needs 3)', () => {
    const two: MonteCarloStudy = {
      ...failing,
      base: goodBase,
      runs: 2,
    };
    const r = studyResult(two);
    expect(r.summary.succeeded).toBe(2);
    const rep = scenarioReport('monte-carlo', two, r);
    expect(rep.tables.map((t) => t.name)).not.toContain('tornado');
    expect(rep.evidence.converged).toBe(true);
    // Runs succeeded, but no balance output was asked for: not recorded either.
    expect(summaryText(rep).split('\n')[0]).toContain('balance residual not recorded');
    const names = chartsFor('monte-carlo', two, r).map((c) => c.name);
    expect(names.some((n) => n.startsWith('histogram-'))).toBe(true);
    expect(names.some((n) => n.startsWith('tornado-'))).toBe(false);
    // With 3 runs and a balance output: the tornado and a recorded residual.
    const three = { ...two, runs: 3, outputs: ['loadedOrganic.flows.A', 'balanceError'] };
    const r3 = studyResult(three);
    const rep3 = scenarioReport('monte-carlo', three, r3);
    expect(rep3.tables.map((t) => t.name)).toContain('tornado');
    expect(rep3.evidence.balanceRecorded).toBe(true);
    expect(chartsFor('monte-carlo', three, r3).some((c) => c.name.startsWith('tornado-'))).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------------------
// #14: purity of an outlet that carries nothing; "converged" of a dynamic run

const small: CascadeSpec = {
  stages: { extraction: 3, scrub: 2 },
  feed: { flows: { A: 0.5, B: 0.5 }, volume: 1 },
  organic: { volume: 2 },
  scrub: { volume: 1 },
  equilibrium: distribution({ A: 0.85, B: 1.5 }),
};
const holdup = { mixer: { residenceTime: 0.05 }, settler: { residenceTime: 0.5 } };

describe('cascade-dynamics: negligible outlets and the flow-band wording (#14)', () => {
  const run = simulateCascadeDynamics(small, { holdup, duration: 12, sampleEvery: 1 });
  // The start-up's tail: at t = 5 the raffinate carries 2e-20 (of a feed of 1 per unit time), which the
  // simulation could leave after a long transient; its "purity" would be a ratio of round-off.
  const tiny: CascadeOutlet = { flows: { A: 5e-21, B: 1.5e-20 }, volume: 1, purity: { A: 0.25, B: 0.75 } };
  const crafted: CascadeDynamicsResult = {
    ...run,
    samples: run.samples.map((s, i) => (i === 5 ? { ...s, raffinate: tiny } : s)),
  };
  const report = scenarioReport('cascade-dynamics', { spec: small }, crafted);
  const transient = table(report, 'transient');

  it('leaves the purity cell empty, in the table and the CSV, where an outlet carries < 1e-9 of the feed', () => {
    // t = 0: the empty cascade has no product and no raffinate yet.
    expect(run.samples[0]?.time).toBe(0);
    expect(cells(transient, 'Product A purity (%)')[0]).toBe('');
    expect(cells(transient, 'Raffinate B purity (%)')[0]).toBe('');
    expect(cells(transient, 'Raffinate A purity (%)')[5]).toBe('');
    expect(cells(transient, 'Raffinate B purity (%)')[5]).toBe('');
    // Flows stay numbers; the product at t = 5 and the raffinate at t = 4 carry flow and have purities.
    expect(cells(transient, 'Raffinate A (amount/time)')[5]).toBe(5e-21);
    expect(typeof cells(transient, 'Product A purity (%)')[5]).toBe('number');
    expect(typeof cells(transient, 'Raffinate A purity (%)')[4]).toBe('number');
    const line = (toCsv(transient).split('\n')[6] ?? '').split(',');
    const at = (column: string) => line[transient.columns.indexOf(column)];
    expect([at('Raffinate A purity (%)'), at('Raffinate B purity (%)')]).toEqual(['', '']);
    expect(line[0]).toBe('5');
  });

  it('breaks the start-up impurity line where an outlet carries nothing, rather than drawing 25 % or 0 % or joining across', () => {
    const data = rows(startupImpurityChart(crafted));
    const raffinate = data.filter((x) => String(x.outlet).startsWith('Raffinate'));
    const at = (t: number) => raffinate.find((x) => x.time === t)?.impurity;
    expect(at(5)).toBeNull();
    expect(typeof at(4)).toBe('number');
    expect(data.filter((x) => x.time === 0).every((x) => x.impurity === null)).toBe(true);
  });

  it('says first that the outlet flows did not enter the flow band, and what "converged" covers', () => {
    expect(run.timeToFlowBand).toBeUndefined();
    expect(report.evidence.notes[0]).toMatch(/^Outlet flows within the band: NO/);
    const md = markdown('cascade-dynamics', report);
    expect(md).toContain(
      '- Converged (the steady-state solve of the final operating point, not whether the run settled): yes',
    );
    expect(md).toMatch(/^- Outlet flows within the band: NO/m);
    const text = summaryText(report);
    expect(text.split('\n')[0]).toContain(
      '"converged" refers to the steady-state solve of the final operating point',
    );
    expect(text).toContain('- Outlet flows within the band: NO');
  });

  it('gives a final purity KPI as undefined when the outlet carried nothing at the end', () => {
    const last = run.samples.length - 1;
    const empty: CascadeDynamicsResult = {
      ...run,
      samples: run.samples.map((s, i) => (i === last ? { ...s, raffinate: tiny } : s)),
    };
    const kpis = scenarioReport('cascade-dynamics', {}, empty).kpis;
    expect(kpis.find((k) => k.label === 'Raffinate: A purity, final')?.value).toBe('undefined (no flow)');
    expect(typeof kpis.find((k) => k.label === 'Organic product: A purity, final')?.value).toBe('number');
  });
});

// ---------------------------------------------------------------------------------------------------------
// #15: results of hundreds of thousands of rows

describe('large results: no spread over data arrays, charts thinned (#15)', () => {
  it('histogramChart bins 300,000 runs (every run counted, the range from the data)', () => {
    const outputs = Array.from({ length: N }, (_, i) => [((i * 7919) % N) / N + 1]);
    const mc = {
      runs: outputs.map((_, i) => i),
      inputs: outputs.map(() => [1]),
      outputs,
      failures: [],
      columns: { inputs: ['a'], outputs: ['y'] },
    };
    const spec = histogramChart(mc as never, 'y');
    const bins = rows(spec);
    expect(bins.length).toBe(40);
    expect(bins.reduce((a, b) => a + (b.runs as number), 0)).toBe(N);
    expect(bins[0]?.start).toBe(1);
    expect(bins.at(-1)?.end).toBe(1 + (N - 1) / N);
  });

  it('cascadeProfileChart of 10,000 stages × 10 species: at most 2,000 stages per line, both ends kept', () => {
    const species = Array.from({ length: 10 }, (_, i) => `S${i}`);
    const profile: StageProfile[] = Array.from({ length: 10_000 }, (_, j) => ({
      stage: j + 1,
      section: j < 5000 ? 'extraction' : 'scrub',
      aqueous: Object.fromEntries(species.map((s, i) => [s, 10 ** -((j * (i + 1)) % 30)])),
      organic: Object.fromEntries(species.map((s, i) => [s, (i + 1) * 1e-3 * (j + 1)])),
    }));
    const spec = cascadeProfileChart({ species, profile, stages: { extraction: 5000, scrub: 5000 } });
    const data = rows(spec);
    expect(largestSeries(data, 'species', 'phase')).toBeLessThanOrEqual(2000);
    expect(largestSeries(data, 'species', 'phase')).toBeGreaterThan(1000);
    const stages = new Set(data.map((x) => x.stage));
    expect(stages.has(1)).toBe(true);
    expect(stages.has(10_000)).toBe(true);
  });

  it('sweepChart of 300,000 points: one line of at most 2,000, the first and the last point kept', () => {
    const r = {
      runs: Array.from({ length: N }, (_, i) => i),
      inputs: Array.from({ length: N }, (_, i) => [i]),
      outputs: Array.from({ length: N }, (_, i) => [Math.sqrt(i)]),
      failures: [],
      columns: { inputs: ['p'], outputs: ['y'] },
      batchSize: N,
      batches: 1,
    };
    const data = rows(sweepChart(r, 'y'));
    expect(data.length).toBeLessThanOrEqual(2000);
    expect(data[0]).toMatchObject({ x: 0, y: 0 });
    expect(data.at(-1)).toMatchObject({ x: N - 1, y: Math.sqrt(N - 1) });
  });

  it('startupTransientChart of 300,000 samples: at most 2,000 per outlet', () => {
    const outlet = (a: number): CascadeOutlet => ({
      flows: { A: a, B: 1 - a },
      volume: 1,
      purity: { A: a, B: 1 - a },
    });
    const samples: CascadeSample[] = Array.from({ length: N }, (_, i) => ({
      time: i,
      operation: 'normal',
      raffinate: outlet(0.9),
      loadedOrganic: outlet(0.1),
      product: outlet(0.1),
      draws: [],
      inventory: { A: 1, B: 1 },
    }));
    const r = {
      species: ['A', 'B'],
      samples,
      totalIn: { A: 0.5 * N, B: 0.5 * N },
      timeToSteadyState: undefined,
    } as unknown as CascadeDynamicsResult;
    const data = rows(startupTransientChart(r));
    expect(largestSeries(data, 'outlet')).toBeLessThanOrEqual(2000);
    expect(data.some((x) => x.time === N - 1)).toBe(true);
  });

  it('mccabeThieleChart with a 300,000-point staircase draws at most 2,000 of them', () => {
    const d = { beta: 2, fA: 0.5, purity: { organic: 0.99, aqueous: 0.99 }, scrubLoad: 1.5 };
    const c = equilibriumCurve(2);
    const steps = stageSteps(d);
    const long = {
      ...steps,
      path: { x: Array.from({ length: N }, (_, i) => i / N), y: Array.from({ length: N }, (_, i) => i / N) },
    };
    const data = rows(
      mccabeThieleChart({ curve: { extraction: c, scrub: c }, lines: operatingLines(d), steps: long }),
    );
    expect(largestSeries(data, 'line')).toBeLessThanOrEqual(2000);
  });

  it('monte-carlo and sweep reports, the summary and the Markdown of 300,000 runs', () => {
    const t: RunTable = {
      runs: Array.from({ length: N }, (_, i) => i),
      inputs: Array.from({ length: N }, (_, i) => [i / N]),
      outputs: Array.from({ length: N }, (_, i) => [i / N, i === 1234 ? 3e-13 : 1e-15]),
      failures: [],
    };
    const study = {
      parameters: [{ path: 'organic.volume', distribution: { kind: 'uniform' as const, min: 0, max: 1 } }],
      outputs: ['toOrganic.A', 'balanceError'],
    };
    const mc = {
      ...t,
      columns: { inputs: ['organic.volume'], outputs: study.outputs },
      summary: summarise(study, t),
      seed: 's',
      batchSize: N,
      batches: 1,
    };
    const report = scenarioReport('monte-carlo', study, mc);
    expect(report.evidence.balanceResidual).toBe(3e-13);
    expect(table(report, 'runs').rows).toHaveLength(N);
    // An input echo with 300,000 runs of backticks, the longest 5, gets a fence of 6.
    const md = markdownReport({
      title: 't',
      kind: 'monte-carlo',
      report,
      charts: [],
      input: { text: `${'`a'.repeat(N)}\`\`\`\`\``, format: 'yaml' },
    });
    expect(md).toContain('\n``````yaml\n`a`a');
    expect(summaryText(report).split('\n')[0]).toBe(
      'monte-carlo: converged, balance residual 3e-13; runs: 300000 of 300000 succeeded, none failed',
    );
    const sw = scenarioReport('sweep', study, { ...t, columns: mc.columns, batchSize: N, batches: 1 });
    expect(sw.kpis.find((k) => k.label === 'toOrganic.A, max')?.value).toBe((N - 1) / N);
  });

  it('no source file of src/report spreads an array into Math.max or Math.min', () => {
    const dir = resolve(import.meta.dirname, '../../src/report');
    const files = (d: string): string[] =>
      readdirSync(d, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? files(join(d, e.name)) : e.name.endsWith('.ts') ? [join(d, e.name)] : [],
      );
    // text.ts (formatNumber, textTable) is outside this fix: it lays out a handful of console columns.
    const offenders = files(dir)
      .filter((f) => !f.endsWith('/text.ts'))
      .filter((f) => /Math\.(max|min)\([^)]*\.\.\./.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------------
// #16: the products table says what its TREO is

describe('flowsheet products table (#16)', () => {
  // A metal stream split 40/60: the product is metal, 40 kg/h Nd and 10 kg/h Pr.
  const plant: FlowsheetSpec = {
    name: 'metal split',
    feeds: { metal: makeStream('metal', { Nd: 100, Pr: 25 }) },
    blocks: [
      {
        id: 'split',
        unit: 'splitter',
        params: { fraction: 0.4 },
        inlets: { feed: 'metal' },
        outlets: { first: 'ingot', second: 'rest' },
      },
    ],
    products: ['ingot'],
  };
  const report = scenarioReport('flowsheet', plant, simulateFlowsheet(plant));
  const products = table(report, 'products');

  it('gives TREO as oxide equivalent and TRE as element mass for a metal product, and says so', () => {
    expect(products.title).toContain('TREO as oxide equivalent for every product (metal included)');
    // Oxide factors from atomic masses (Nd 144.242, Pr 140.90766, O 15.999): Nd as Nd2O3, Pr as Pr6O11.
    const nd = (2 * 144.242 + 3 * 15.999) / (2 * 144.242);
    const pr = (6 * 140.90766 + 11 * 15.999) / (6 * 140.90766);
    const treo = cells(products, 'TREO, oxide equivalent (kg/h)')[0] as number;
    expect(treo / (40 * nd + 10 * pr)).toBeCloseTo(1, 4);
    expect(cells(products, 'TRE, element mass (kg/h)')[0]).toBeCloseTo(50, 9);
    expect(cells(products, 'Dry flow, reporting basis (kg/h)')[0]).toBeCloseTo(50, 9);
    // A metal's grade is TRE / dry flow: pure rare-earth metal is 100 %, not 117 %.
    expect(cells(products, 'Grade (%)')[0]).toBeCloseTo(100, 9);
  });
});

// ---------------------------------------------------------------------------------------------------------
// #19: charts with no data; no NaN in any SVG

describe('charts without data are left out; no SVG says NaN (#19)', () => {
  it('an empty supply chain and a plant fed nothing give no charts', async () => {
    const empty = { name: 'empty', countries: {}, facilities: [], links: [], demand: [] };
    const options = { start: '2025-01', months: 3 };
    const supply = await simulateSupplyChain(empty, options);
    expect(chartsFor('supply-chain', { scenario: empty, options }, supply)).toEqual([]);
    const zero: FlowsheetSpec = {
      name: 'zero',
      feeds: { liquor: makeStream('solution', {}) },
      blocks: [
        {
          id: 'bleed',
          unit: 'splitter',
          params: { fraction: 0.1 },
          inlets: { feed: 'liquor' },
          outlets: { first: 'a', second: 'b' },
        },
      ],
      products: ['a'],
    };
    expect(chartsFor('flowsheet', zero, simulateFlowsheet(zero))).toEqual([]);
  });

  it('every chart of edge-case results renders without NaN', async () => {
    const zeroFeed: CascadeSpec = {
      stages: { extraction: 1 },
      feed: { flows: { A: 0 }, volume: 1 },
      organic: { volume: 1 },
      equilibrium: distribution({ A: 1 }),
    };
    const oneSided: CascadeSpec = {
      stages: { extraction: 3, scrub: 2 },
      feed: { flows: { A: 1, B: 0 }, volume: 1 },
      organic: { volume: 1 },
      scrub: { volume: 1 },
      equilibrium: distribution({ A: 1e-9, B: 1 }),
    };
    const cases: [ScenarioKind, unknown, unknown][] = [
      ['cascade', zeroFeed, simulateCascade(zeroFeed)],
      ['cascade', oneSided, simulateCascade(oneSided)],
      ['cascade-dynamics', {}, simulateCascadeDynamics(small, { holdup, duration: 3 })],
    ];
    let rendered = 0;
    for (const [kind, input, result] of cases) {
      for (const c of chartsFor(kind, input, result)) {
        const svg = await renderSvg(c.spec);
        expect(svg, `${kind}/${c.name}`).not.toContain('NaN');
        rendered++;
      }
    }
    // Zero feed: the profile only (no phase carries anything, so no purity chart); 2 for the other cascade;
    // 3 for the dynamics (purity, impurity against the specs, final profile).
    expect(rendered).toBe(6);
  });
});

// ---------------------------------------------------------------------------------------------------------
// #20: the staircase is an estimate; the verified stages are in the subtitle

describe('McCabe–Thiele chart of a design (#20)', () => {
  const request = {
    feed: { A: 0.5, B: 0.5 },
    equilibrium: separationFactors({ A: 2, B: 1 }),
    purity: { organic: 0.99, aqueous: 0.99 },
  };
  const design = designCascade(request);

  it('labels the staircase an estimate and shows the verified stage counts in the subtitle', async () => {
    const chart = chartsFor('design', request, design).find((c) => c.name === 'mccabe-thiele');
    if (!chart) throw new Error('no McCabe–Thiele chart');
    const s = design.stepped;
    const label = `McCabe–Thiele staircase (${s.extraction} + ${s.scrub} extraction + scrub, estimate)`;
    expect(rows(chart.spec).some((x) => x.line === label)).toBe(true);
    const subtitle = (chart.spec.title as { subtitle?: string }).subtitle ?? '';
    expect(subtitle).toContain(`${design.stages.extraction} + ${design.stages.scrub} stages`);
    const svg = await renderSvg(chart.spec);
    expect(Number(/<svg[^>]* width="(\d+(?:\.\d+)?)"/.exec(svg)?.[1])).toBeLessThanOrEqual(900);
    expect(svg).toContain(label);
    expect(svg).toContain(`${design.stages.extraction} + ${design.stages.scrub} stages`);
    expect(svg).not.toContain('NaN');
  });
});

// ---------------------------------------------------------------------------------------------------------
// #21: units of cascade, design and dynamics reports

describe('units of cascade, design and dynamics reports (#21)', () => {
  const design = designCascade({
    feed: { A: 0.5, B: 0.5 },
    equilibrium: separationFactors({ A: 2, B: 1 }),
    purity: { organic: 0.99, aqueous: 0.99 },
  });
  const reports: [string, ScenarioReport][] = [
    ['cascade', scenarioReport('cascade', small, simulateCascade(small))],
    ['design', scenarioReport('design', {}, design)],
    [
      'cascade-dynamics',
      scenarioReport('cascade-dynamics', {}, simulateCascadeDynamics(small, { holdup, duration: 3 })),
    ],
  ];

  it('say once that amounts and volumes are in the scenario units, and label flows (amount/time)', () => {
    const allowed = new Set([
      'amount/time',
      'volume/time',
      'amount/volume',
      'mol/mol feed',
      'time unit of the flows',
    ]);
    for (const [kind, report] of reports) {
      const notes = report.evidence.notes.filter((n) => n.includes("the scenario's own units"));
      expect(notes, kind).toHaveLength(1);
      expect(notes[0]).toContain('kmol/h');
      for (const t of report.tables) {
        for (const c of t.columns) {
          const unit = /\(([^()]*)\)$/.exec(c)?.[1];
          if (unit && /amount|volume|time|mol/.test(unit) && unit !== 'amount')
            expect(allowed, `${kind} ${c}`).toContain(unit);
        }
      }
      for (const k of report.kpis) {
        if (k.unit && k.unit !== '%') expect(allowed, `${kind} ${k.label}`).toContain(k.unit);
      }
      // The design table's Xu ratios use the KPIs' unit.
      if (kind === 'design') {
        const d = table(report, 'design');
        const unitOf = (q: string) => d.rows.find((r) => r[0] === q)?.[2];
        expect(unitOf('Organic load S')).toBe(report.kpis.find((k) => k.label === 'Organic load S')?.unit);
      }
    }
  });

  it('the cascade profile chart says amount/time when no unit is given', () => {
    const spec = cascadeProfileChart(simulateCascade(small));
    const y = (spec.layer as { encoding: { y: { title: string } } }[])[0]?.encoding.y.title;
    expect(y).toBe('Flow (amount/time)');
  });
});
