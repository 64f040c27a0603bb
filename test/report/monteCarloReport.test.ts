// A Monte Carlo report a reader can take in at a glance (issue 16): the outputs and the parameters in
// words with their units, purities in % in the KPIs and the summary table alike, the raw paths kept in their
// own column for programs, and charts titled in the same words. Built from a real cascade study.
import { describe, expect, it } from 'vitest';
import { monteCarlo } from '../../src/engine/monteCarlo.js';
import { chartsFor } from '../../src/report/charts.js';
import { toCsv } from '../../src/report/csv.js';
import { scenarioReport, summaryText } from '../../src/report/scenarioReport.js';
import type { MonteCarloStudy } from '../../src/study/monteCarlo.js';
import { separationFactors } from '../../src/sx/equilibrium/equilibrium.js';

/** A Pr/Nd-like cut (β 1.5, Xu's saturated model) whose β of A is uncertain, flows in `flowUnits`. */
function study(flowUnits: 'mol/h' | 'kmol/h'): MonteCarloStudy {
  return {
    model: 'cascade',
    base: {
      stages: { extraction: 10, scrub: 10 },
      feed: { flows: { A: 0.75, B: 0.25 }, volume: 1 },
      organic: { volume: 22.72 },
      scrub: { volume: 1, reflux: 3.34 },
      equilibrium: separationFactors({ A: 1.5, B: 1 }, { loading: 0.18 }),
      flowUnits,
    },
    runs: 12,
    parameters: [{ path: 'equilibrium.beta.A', distribution: { kind: 'uniform', min: 1.35, max: 1.65 } }],
    outputs: ['product.purity.A', 'raffinate.purity.B', 'product.flows.A', 'balanceError'],
    thresholds: { 'product.purity.A': { min: 0.99 } },
  };
}

describe('monte-carlo report of a cascade study', async () => {
  const kmol = study('kmol/h');
  const mc = await monteCarlo(kmol, { threads: 0, seed: 'labels' });
  const report = scenarioReport('monte-carlo', kmol, mc);
  const kpi = (label: string) => report.kpis.find((k) => k.label === label);
  const purity = mc.summary.outputs['product.purity.A'];

  it('names each KPI in words, purities in % (the summary mean ×100)', () => {
    expect(mc.summary.succeeded).toBe(12);
    expect(kpi('Product purity of A, mean')).toEqual({
      label: 'Product purity of A, mean',
      value: 100 * (purity?.mean as number),
      unit: '%',
    });
    expect(kpi('Raffinate purity of B, P50')?.unit).toBe('%');
    expect(kpi('Product purity of A, P(x ≥ 99 %)')?.unit).toBe('%');
    expect(kpi('Balance residual (relative), mean')?.unit).toBeUndefined();
    // No KPI goes by a raw output path.
    for (const k of report.kpis) expect(k.label).not.toMatch(/product\.|raffinate\.|balanceError/);
  });

  it("gives a flows output in the spec's flowUnits: kmol/h, or mol/h", async () => {
    expect(kpi('Product flow of A, mean')?.unit).toBe('kmol/h');
    const mol = study('mol/h');
    const molReport = scenarioReport(
      'monte-carlo',
      mol,
      await monteCarlo(mol, { threads: 0, seed: 'labels' }),
    );
    expect(molReport.kpis.find((k) => k.label === 'Product flow of A, mean')?.unit).toBe('mol/h');
  });

  it('summary table: readable Output, the raw Path, a Unit, and the numbers in that unit (as the KPIs)', () => {
    const summary = report.tables.find((t) => t.name === 'summary');
    expect(summary?.columns.slice(0, 5)).toEqual(['Output', 'Path', 'Unit', 'Runs', 'Mean']);
    const row = (path: string) => summary?.rows.find((r) => r[1] === path) ?? [];
    const p = row('product.purity.A');
    expect(p.slice(0, 4)).toEqual(['Product purity of A', 'product.purity.A', '%', 12]);
    expect(p[4]).toBe(kpi('Product purity of A, mean')?.value);
    expect(p[summary?.columns.indexOf('Threshold') ?? -1]).toBe('x ≥ 99 %');
    expect(row('product.flows.A').slice(0, 3)).toEqual(['Product flow of A', 'product.flows.A', 'kmol/h']);
    expect(row('balanceError').slice(0, 3)).toEqual(['Balance residual (relative)', 'balanceError', '-']);
    // The CSV keeps the path column, so programs still find their output.
    const csv = toCsv(summary as NonNullable<typeof summary>).split('\n');
    expect(csv[1]?.startsWith('Product purity of A,product.purity.A,%,12,')).toBe(true);
  });

  it('tornado table and runs table: parameters and outputs in words, paths kept', () => {
    const tornado = report.tables.find((t) => t.name === 'tornado');
    expect(tornado?.rows[0]?.slice(0, 5)).toEqual([
      'Product purity of A',
      'product.purity.A',
      1,
      'β of A (relative extractability)',
      'equilibrium.beta.A',
    ]);
    const runs = report.tables.find((t) => t.name === 'runs');
    expect(runs?.columns).toEqual([
      'Run',
      'β of A (relative extractability) [equilibrium.beta.A]',
      'Product purity of A (%) [product.purity.A]',
      'Raffinate purity of B (%) [raffinate.purity.B]',
      'Product flow of A (kmol/h) [product.flows.A]',
      'Balance residual (relative) [balanceError]',
    ]);
  });

  it('the console summary has no raw `product.purity.A mean` line, and says how many runs succeeded', () => {
    const text = summaryText(report);
    expect(text).not.toContain('product.purity.A');
    expect(text).toContain('Product purity of A, mean');
    expect(text.split('\n')[0]).toMatch(
      /^monte-carlo: converged, balance residual \S+; runs: 12 of 12 succeeded, none failed$/,
    );
  });

  it('charts are titled in the same words and units', () => {
    const titles = chartsFor('monte-carlo', kmol, mc).map((c) => c.title);
    expect(titles).toContain('Distribution of Product purity of A over 12 runs');
    expect(titles).toContain('Tornado: rank correlation of each parameter with Product flow of A');
    const histogram = chartsFor('monte-carlo', kmol, mc).find(
      (c) => c.name === 'histogram-3-product-flows-a',
    );
    const layers = (histogram?.spec.layer ?? []) as { encoding: { x: { title: string } } }[];
    expect(layers[0]?.encoding.x.title).toBe('Product flow of A (kmol/h)');
  });
});
