// A design's units, declared (issue 16): the report gives the solvent inventory in m³ and reagents in t/yr
// when the request says its amounts are mol/h (volumes L/h) or kmol/h (volumes m³/h), and says it cannot
// when it does not. Example 02 works these out by hand for the Mountain Pass Pr/Nd line: 2,479 m³ of
// solvent and 21,243 t/yr of NaOH (examples/02-design-a-cascade.out.txt).
import { describe, expect, it } from 'vitest';
import { designReport } from '../../src/report/kinds/cascade.js';
import { designCascade } from '../../src/sx/design/designCascade.js';
import { separationFactorModel } from '../../src/sx/equilibrium/extractants.js';

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
});
