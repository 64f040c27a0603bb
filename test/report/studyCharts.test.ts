// Study charts a reader can trust (issue 16): sweeps as lines over the swept value with failed points
// marked, fractions in %, tornado labels that keep the part telling parameters apart, and no chart of a
// run's round-off evidence (balance residuals).
import { describe, expect, it } from 'vitest';
import { parameterLabels, sweepChart } from '../../src/report/charts/study.js';
import { chartsFor } from '../../src/report/charts.js';
import type { SweepResult } from '../../src/study/sweep.js';

type Layer = { data: { values: Record<string, unknown>[] }; mark: { type?: string; shape?: string } };

describe('study charts', () => {
  it('tornado labels drop the shared start and keep the distinguishing end', () => {
    const paths = [
      'scenario.events.mp-domestic-separation.facility.capacity.value',
      'scenario.events.tr-beylikova-separation.facility.capacity.value',
      'scenario.events.br-serra-verde-mrec.facility.capacity.value',
    ];
    const { labels, prefix } = parameterLabels(paths);
    expect(prefix).toBe('scenario.events.');
    expect(labels[1]).toBe('tr-beylikova-separation.facility.capacity.value');
    // Too long still: cut from the start, never the end.
    const long = parameterLabels(['a.x'.repeat(30), 'b.y'.repeat(30)], 20).labels;
    expect(long.every((l) => l.startsWith('…') && l.length === 20)).toBe(true);
    expect(long[0]?.endsWith('a.x')).toBe(true);
    // One parameter: its whole path (nothing shared to drop); the last segment always stays.
    expect(parameterLabels(['feed.flows.Nd']).labels).toEqual(['feed.flows.Nd']);
    expect(parameterLabels(['a.b', 'a.b']).labels).toEqual(['b', 'b']);
    // Cut labels that would collide stay whole (their bars would merge).
    const tail = `${'x'.repeat(30)}.sub.${'x'.repeat(30)}.value`;
    const whole = parameterLabels([`base.units.a.${tail}`, `base.units.b.${tail}`]).labels;
    expect(whole).toEqual([`a.${tail}`, `b.${tail}`]);
  });

  it('parameterLabels(paths, max, study): words for the parameters the model knows, paths for the rest', () => {
    const supply = { model: 'supply-chain', base: {} };
    const paths = [
      'scenario.events.mp-domestic-separation.facility.capacity.value',
      'scenario.events.tr-beylikova-separation.facility.capacity.value',
      'scenario.links.3.leadTime',
      'scenario.links.4.leadTime',
    ];
    const { labels, prefix } = parameterLabels(paths, 48, supply);
    expect(labels).toEqual([
      'mp-domestic-separation capacity',
      'tr-beylikova-separation capacity',
      '3.leadTime',
      '4.leadTime',
    ]);
    // The shared start is that of the paths left as paths.
    expect(prefix).toBe('scenario.links.');
    // Two parameters the words would merge (both "mp capacity"): every one goes by its path.
    const twice = parameterLabels(
      ['scenario.events.mp.facility.capacity', 'scenario.events.mp.facility.capacity.value'],
      48,
      supply,
    );
    expect(twice.labels).toEqual(['capacity', 'capacity.value']);
  });

  it('sweepChart(sweep, output, { study }): titles, axes and the legend in words and units', () => {
    const sweep: SweepResult = {
      runs: [0, 1, 2, 3],
      inputs: [
        [1, 10],
        [2, 10],
        [1, 20],
        [2, 20],
      ],
      outputs: [[0.9], [0.95], [0.92], [0.97]],
      failures: [],
      columns: { inputs: ['equilibrium.D.A', 'organic.volume'], outputs: ['product.purity.A'] },
      batchSize: 25,
      batches: 1,
    };
    const spec = sweepChart(sweep, 'product.purity.A', {
      study: { model: 'cascade', base: { flowUnits: 'kmol/h' } },
    });
    expect((spec.title as { text: string }).text).toBe(
      'Product purity of A against Distribution ratio D of A',
    );
    const [line] = spec.layer as (Layer & { encoding: Record<string, { title: string }> })[];
    expect(line?.encoding.x?.title).toBe('Distribution ratio D of A');
    expect(line?.encoding.y?.title).toBe('Product purity of A (%)');
    expect(line?.encoding.color?.title).toBe('Organic volume flow');
    expect(line?.data.values.map((r) => r.y)).toEqual([90, 95, 92, 97]);
  });

  it('a list sweep is one line, purity in %, with its failed points marked and counted', () => {
    // Three points that move two parameters together (a list), one of which failed.
    const sweep: SweepResult = {
      runs: [0, 2],
      inputs: [
        [1, 10],
        [3, 30],
      ],
      outputs: [[0.99905], [0.99997]],
      failures: [{ run: 1, code: 'INFEASIBLE', message: 'too little organic', inputs: [2, 20] }],
      columns: { inputs: ['feed.flows.Nd', 'feed.volume'], outputs: ['product.purity.Nd'] },
      batchSize: 25,
      batches: 1,
    };
    const spec = sweepChart(sweep, 'product.purity.Nd');
    const [line, crosses] = spec.layer as Layer[];
    expect(new Set(line?.data.values.map((r) => r.series))).toEqual(new Set(['product.purity.Nd']));
    expect(line?.data.values.map((r) => r.y)).toEqual([99.905, 99.997]);
    expect(crosses?.mark.shape).toBe('cross');
    expect(crosses?.data.values).toEqual([{ x: 2, code: 'INFEASIBLE' }]);
    const subtitle = (spec.title as { subtitle: string }).subtitle;
    expect(subtitle).toContain('feed.volume moved with feed.flows.Nd');
    expect(subtitle).toContain('1 of 3 points failed (INFEASIBLE)');
    expect(JSON.stringify(spec)).toContain('"title":"product.purity.Nd (%)"');
  });

  it('a grid sweep stays a grid: one line per value of the second parameter, even with one value of the first', () => {
    const sweep: SweepResult = {
      runs: [0, 1, 2],
      inputs: [
        [1, 10],
        [1, 20],
        [1, 30],
      ],
      outputs: [[1], [2], [3]],
      failures: [],
      columns: { inputs: ['a', 'b'], outputs: ['y'] },
      batchSize: 25,
      batches: 1,
    };
    const spec = sweepChart(sweep, 'y');
    const [line] = spec.layer as Layer[];
    expect(new Set(line?.data.values.map((r) => r.series))).toEqual(new Set(['10', '20', '30']));
    expect((spec.title as { subtitle?: string }).subtitle).toBeUndefined();
  });

  it('charts no balance residual or error of a study, only the results', () => {
    const sweep: SweepResult = {
      runs: [0, 1],
      inputs: [[1], [2]],
      outputs: [
        [0.5, 4e-15],
        [0.6, 1e-16],
      ],
      failures: [],
      columns: { inputs: ['organic.volume'], outputs: ['toOrganic.B', 'balanceError'] },
      batchSize: 25,
      batches: 1,
    };
    const names = chartsFor('sweep', undefined, sweep).map((c) => c.name);
    expect(names).toEqual(['sweep-1-toorganic-b']);
  });
});
