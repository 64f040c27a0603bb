// A design's units, declared (issue 16): the report gives the solvent inventory in m³ and reagents in t/yr
// when the request says its amounts are mol/h (volumes L/h) or kmol/h (volumes m³/h), and says it cannot
// when it does not. Example 02 works these out by hand for the Mountain Pass Pr/Nd line: 2,479 m³ of
// solvent and 21,243 t/yr of NaOH (examples/02-design-a-cascade.out.txt).
import { describe, expect, it } from 'vitest';
import { chartsFor } from '../../src/report/charts.js';
import { cascadeReport, designReport } from '../../src/report/kinds/cascade.js';
import { dynamicsReport } from '../../src/report/kinds/dynamics.js';
import { designCascade } from '../../src/sx/design/designCascade.js';
import { simulateCascadeDynamics } from '../../src/sx/dynamics/dynamics.js';
import { distribution } from '../../src/sx/equilibrium/equilibrium.js';
import { separationFactorModel } from '../../src/sx/equilibrium/extractants.js';
import { simulateCascade } from '../../src/sx/steady/simulateCascade.js';

const kmol = {
  feed: { Pr: 1.3247, Nd: 3.7062 },
  equilibrium: separationFactorModel('P507', ['Pr', 'Nd']),
  purity: { organic: 0.999, aqueous: 0.999 },
  feedVolume: 5.0309,
};
const value = (r: ReturnType<typeof designReport>, label: string) =>
  r.kpis.find((k) => k.label.startsWith(label));

describe('design units', () => {
  it("kmol/h with m³/h: example 02's solvent inventory and NaOH per year", () => {
    const input = { ...kmol, flowUnits: 'kmol/h' as const };
    const r = designReport(input, designCascade(input));
    expect(value(r, 'Solvent inventory')?.unit).toBe('m³');
    expect(Math.round(value(r, 'Solvent inventory')?.value as number)).toBe(2479);
    expect(value(r, 'NaOH (saponification), per year')?.unit).toBe('t/yr');
    expect(Math.round(value(r, 'NaOH (saponification), per year')?.value as number)).toBe(21243);
    expect(value(r, 'Organic volume flow')?.unit).toBe('m³/h');
  });

  it('the same line in mol/h with L/h gives the same m³ and t/yr', () => {
    const mol = {
      ...kmol,
      feed: { Pr: 1324.7, Nd: 3706.2 },
      feedVolume: 5030.9,
      flowUnits: 'mol/h' as const,
    };
    const a = designReport(mol, designCascade(mol));
    const b = designReport({ ...kmol, flowUnits: 'kmol/h' }, designCascade(kmol));
    for (const label of [
      'Solvent inventory',
      'NaOH (saponification), per year',
      'Strip acid as HCl, per year',
    ])
      expect(value(a, label)?.value as number).toBeCloseTo(value(b, label)?.value as number, 6);
    expect(value(a, 'Organic volume flow')?.unit).toBe('L/h');
  });

  it('without declared units: no m³ or t/yr, and the note says how to get them', () => {
    const r = designReport(kmol, designCascade(kmol));
    expect(value(r, 'NaOH (saponification), per year')).toBeUndefined();
    expect(value(r, 'Organic volume flow')?.unit).toBe('volume/time');
    expect(r.evidence.notes.at(-1)).toContain('flowUnits: mol/h or kmol/h');
    expect(() => designCascade({ ...kmol, flowUnits: 'kmol/day' as never })).toThrow(
      /designCascade\.flowUnits/,
    );
  });

  it('a cascade spec and a dynamics run with flowUnits label their tables, KPIs and charts (times in h)', () => {
    const spec = {
      stages: { extraction: 3, scrub: 2 },
      feed: { flows: { A: 0.5, B: 0.5 }, volume: 1 },
      organic: { volume: 2 },
      scrub: { volume: 1 },
      equilibrium: distribution({ A: 0.85, B: 1.5 }),
      flowUnits: 'kmol/h' as const,
    };
    const c = cascadeReport(spec, simulateCascade(spec));
    expect(value(c, 'Product total')?.unit).toBe('kmol/h');
    expect(c.tables.flatMap((t) => t.columns).join(' ')).not.toMatch(/amount\/time|volume\/time/);
    const run = {
      spec,
      options: { holdup: { mixer: { residenceTime: 0.05 }, settler: { residenceTime: 0.5 } }, duration: 20 },
    };
    const d = dynamicsReport(run, simulateCascadeDynamics(run.spec, run.options));
    expect(d.kpis.find((k) => k.label === 'Final time')?.unit).toBe('h');
    expect(d.evidence.notes.join(' ')).toContain('times in hours');
    const charts = chartsFor('cascade-dynamics', run, simulateCascadeDynamics(run.spec, run.options));
    expect(JSON.stringify(charts.find((x) => x.name === 'startup-impurity')?.spec)).toContain(
      '"title":"Time (h)"',
    );
  });
});
