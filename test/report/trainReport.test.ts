// The train report (src/report/kinds/train.ts) of a train with a three-outlet cascade: the cascade's row
// with its side draw, the candidates' table with the decision and the saving, the KPIs and the notes. The
// train is the Sm | Eu concentrate | Gd case of test/sx/separationTrainThreeOutlet.test.ts.
import { describe, expect, it } from 'vitest';
import type { ReportTable, ScenarioReport } from '../../src/report/kinds/common.js';
import { markdownReport } from '../../src/report/markdown.js';
import { scenarioReport } from '../../src/report/scenarioReport.js';
import { designSeparationTrain } from '../../src/sx/design/separationTrain.js';

function table(report: ScenarioReport, name: string): ReportTable {
  const t = report.tables.find((x) => x.name === name);
  if (!t) throw new Error(`no table ${name} in ${report.tables.map((x) => x.name).join(', ')}`);
  return t;
}

function cell(t: ReportTable, row: number, column: string): string | number | undefined {
  const j = t.columns.indexOf(column);
  if (j < 0) throw new Error(`no column ${column} in ${t.columns.join(', ')}`);
  return t.rows[row]?.[j];
}

const request = {
  feed: { Sm: 51, Eu: 10, Gd: 39 },
  products: ['Sm', { name: 'Eu', elements: ['Eu'], purity: 0.4 }, 'Gd'],
  purity: 0.999,
};

describe('trainReport with three-outlet cascades', () => {
  const t = designSeparationTrain(request);
  const report = scenarioReport('train', request, t);

  it('trainReport(Sm | Eu | Gd train): the cascade row names its kind, S·(n + m) and the middle product drawn', () => {
    const cuts = table(report, 'cuts');
    expect(cuts.rows).toHaveLength(1);
    const c = t.cascades[0];
    if (c?.kind !== 'three-outlet') throw new Error('a three-outlet cascade was expected');
    expect(cell(cuts, 0, 'Kind')).toBe('three-outlet');
    expect(cell(cuts, 0, 'Key pair (A/B)')).toBe('Gd/Eu/Sm');
    expect(cell(cuts, 0, 'Middle product')).toBe('Eu');
    expect(cell(cuts, 0, 'Draw stage')).toBe(c.middle.drawStage);
    expect(cell(cuts, 0, 'S·(n + m) (mol/mol feed)')).toBe(c.holdupIndex);
    expect(cell(cuts, 0, 'Middle purity (%)')).toBeCloseTo(100 * c.middle.purity, 12);
    expect(cell(cuts, 0, 'Total stages')).toBe(t.totals.stages);
  });

  it('trainReport(Sm | Eu | Gd train): the three-outlet table gives the pair, the cascade and the saving', () => {
    const k = t.threeOutlet[0];
    const table3 = table(report, 'three-outlet');
    expect(table3.rows).toHaveLength(1);
    expect(cell(table3, 0, 'Middle product')).toBe('Eu');
    expect(cell(table3, 0, 'Cuts replaced')).toBe('Eu/Sm + Gd/Eu');
    expect(cell(table3, 0, 'Used')).toBe('yes');
    expect(cell(table3, 0, 'Pair S·(n + m)')).toBe(k?.pair.holdupIndex);
    expect(cell(table3, 0, 'Three-outlet S·(n + m)')).toBe(k?.threeOutlet?.holdupIndex);
    expect(cell(table3, 0, 'Saving, S·(n + m)')).toBeCloseTo(
      (cell(table3, 0, 'Pair S·(n + m)') as number) - (cell(table3, 0, 'Three-outlet S·(n + m)') as number),
      12,
    );
    expect(report.kpis.find((x) => x.label === 'Three-outlet cascades')?.value).toBe(1);
    // The concentrate's own 40 % is the target it is checked against.
    expect(report.evidence.notes[0]).toMatch(/^Every product meets the purity target 99\.9 % \(Eu: 40 %\)/);
    expect(report.evidence.notes.some((n) => n.startsWith('Three-outlet candidates: 1, used 1'))).toBe(true);
    const input = { text: JSON.stringify(request), format: 'json' as const };
    const md = markdownReport({ title: 'SEG train', kind: 'train', report, charts: [], input });
    expect(md).toContain('Three-outlet candidates');
  });

  it("trainReport(a 'never' train) has no three-outlet table and two-outlet rows with empty draw columns", () => {
    const plain = designSeparationTrain({ ...request, threeOutlet: 'never' });
    const r = scenarioReport('train', request, plain);
    expect(r.tables.map((x) => x.name)).toEqual(['cuts', 'products', 'cut-feeds']);
    const cuts = table(r, 'cuts');
    expect(cuts.rows.map((_, i) => cell(cuts, i, 'Kind'))).toEqual(['two-outlet', 'two-outlet']);
    expect(cell(cuts, 0, 'Draw stage')).toBe('');
  });
});
